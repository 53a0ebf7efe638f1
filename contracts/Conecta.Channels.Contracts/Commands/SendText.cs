namespace Conecta.Channels.Contracts.Commands;

/// <summary>Send free text to a contact. Allowed only while the contact's 24-hour window is open.</summary>
/// <param name="CommandId">Chosen by the sender; the idempotency key. Redelivering the command never sends twice.</param>
/// <param name="AccountId">The channel account to send from (WhatsApp: the business phone_number_id).</param>
/// <param name="To">The contact: DDI + DDD + number (e.g. 5531988887777) or a contact key ("bsuid:BR.…").</param>
/// <param name="ReplyTo">Provider id of the message to quote, when replying.</param>
/// <param name="NotAfter">If rate limits keep the message waiting past this moment it is rejected as RateLimited.</param>
/// <param name="CallbackData">Echoed in the message's statuses (WhatsApp biz_opaque_callback_data, at most 512 characters); the CommandId when absent.</param>
public sealed record SendText(
    Guid CommandId,
    string AccountId,
    string To,
    string Text,
    bool PreviewUrl = false,
    string? ReplyTo = null,
    DateTimeOffset? NotAfter = null,
    string? CallbackData = null);
