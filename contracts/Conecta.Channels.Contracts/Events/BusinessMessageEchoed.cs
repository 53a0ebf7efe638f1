namespace Conecta.Channels.Contracts.Events;

/// <summary>
/// The business sent a message from the WhatsApp Business app on a number it shares with the API (Coexistence, webhook
/// smb_message_echoes): published into the contact's thread (the same <see cref="ContactIdentity.ContactKey"/> as the contact's
/// own messages), so agents see what was said from the phone. It changes no session.
/// </summary>
/// <param name="EventId">Deterministic from the account and the echoed message's id.</param>
/// <param name="Contact">The contact the business wrote to.</param>
/// <param name="SentAt">The provider's timestamp of the message.</param>
/// <param name="Type">As for inbound messages: text, image, …, edit, revoke, unsupported.</param>
/// <param name="RawJson">The echo exactly as received.</param>
public sealed record BusinessMessageEchoed(
    Guid EventId,
    string Channel,
    string AccountId,
    string? BusinessAccountId,
    string ProviderMessageId,
    ContactIdentity Contact,
    DateTimeOffset SentAt,
    string Type,
    MessageContent Content,
    string RawJson);
