namespace Conecta.Channels.Contracts.Commands;

/// <summary>
/// Show the contact that the agent is typing. WhatsApp marks <paramref name="ProviderMessageId"/> (required there: the contact's
/// message being answered) read and shows "typing…" until the reply or 25 s; Telegram sends the chat action "typing" (about 5 s).
/// Shown at most once per that validity for one contact: a repeat inside it goes nowhere and is refused RateLimited (retryable).
/// </summary>
public sealed record ShowTyping(Guid CommandId, string AccountId, string To, string? ProviderMessageId = null);
