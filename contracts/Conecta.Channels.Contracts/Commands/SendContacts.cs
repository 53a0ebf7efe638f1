namespace Conecta.Channels.Contracts.Commands;

/// <summary>Send contact cards (at most 10 on WhatsApp; exactly one, with a phone, on Telegram).</summary>
public sealed record SendContacts(
    Guid CommandId,
    string AccountId,
    string To,
    IReadOnlyList<ContactCard> Contacts,
    string? ReplyTo = null,
    DateTimeOffset? NotAfter = null);
