namespace Conecta.Channels.Contracts.Events;

/// <summary>A contact sent a message on a channel. One event per provider message; never dropped.</summary>
/// <param name="EventId">Deterministic from the provider ids: a retried webhook yields the same id, so consumers can deduplicate.</param>
/// <param name="Channel">"whatsapp", "telegram", …</param>
/// <param name="AccountId">The channel account that received it (WhatsApp: the business phone_number_id).</param>
/// <param name="BusinessAccountId">WhatsApp Business Account (WABA) id, when the channel has one.</param>
/// <param name="BusinessNumber">The business number as the provider displays it (digits).</param>
/// <param name="ProviderMessageId">The provider's message id (WhatsApp: the wamid).</param>
/// <param name="Contact">Who wrote: raw provider ids plus the canonical contact key.</param>
/// <param name="SentAt">The provider's timestamp of the message (opens the 24-hour window), not our clock.</param>
/// <param name="Type">Normalized type: text, image, audio, video, document, sticker, location, contacts, interactive, button, reaction, order, system, request_welcome, edit, revoke, unsupported.</param>
/// <param name="Content">What the message carries; only the member that fits <paramref name="Type"/> is set.</param>
/// <param name="Context">Reply or forward context, when present.</param>
/// <param name="Referral">Click-to-WhatsApp ad referral, when present.</param>
/// <param name="Errors">Errors the provider attached to the message (for example 131051 on unsupported types).</param>
/// <param name="RawJson">The provider's message object exactly as received, so no field is ever lost.</param>
/// <param name="UnreadFields">JSON paths of fields whose type was not the expected one ("$.image.sha256"): read as absent, the rest of
/// the message delivered; their values are in <paramref name="RawJson"/>. Null when every field was read.</param>
public sealed record InboundMessageReceived(
    Guid EventId,
    string Channel,
    string AccountId,
    string? BusinessAccountId,
    string? BusinessNumber,
    string ProviderMessageId,
    ContactIdentity Contact,
    DateTimeOffset SentAt,
    string Type,
    MessageContent Content,
    MessageContext? Context,
    AdReferral? Referral,
    IReadOnlyList<ProviderError> Errors,
    string RawJson,
    IReadOnlyList<string>? UnreadFields = null);
