namespace Conecta.Channels.Contracts.Events;

/// <summary>An agent's template reached WhatsApp: the session waits for the contact's reply, the agent's typing locked.</summary>
/// <param name="EventId">Deterministic from the account, contact key, session and command: republished, it carries the same id.</param>
/// <param name="ContactKey">Canonical key of the contact (E.164 digits with Brazil's ninth digit, or "bsuid:…").</param>
/// <param name="SessionId">The conversation this belongs to; later session events carry it too.</param>
/// <param name="CommandId">The StartActiveContact that started it.</param>
/// <param name="ProviderMessageId">The template message's provider id (wamid).</param>
public sealed record ActiveContactStarted(
    Guid EventId,
    string AccountId,
    string ContactKey,
    Guid SessionId,
    Guid CommandId,
    string AgentId,
    string Team,
    string ProviderMessageId,
    DateTimeOffset StartedAt);
