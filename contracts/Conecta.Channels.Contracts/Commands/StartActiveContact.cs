namespace Conecta.Channels.Contracts.Commands;

/// <summary>
/// An agent starts a conversation with a contact. On WhatsApp an approved template goes out and, once WhatsApp accepts
/// it, the session waits for the contact's reply with the agent's typing locked. On Telegram, which has no templates,
/// <paramref name="Text"/> goes out, and only to a contact who has started the bot (written to it before).
/// </summary>
/// <param name="CommandId">Chosen by the sender; the idempotency key. Also the CommandId of the first message's MessageAccepted/MessageRejected.</param>
/// <param name="AccountId">The channel account to send from (WhatsApp: the business phone_number_id; Telegram: the bot id).</param>
/// <param name="To">The contact: DDI + DDD + number (e.g. 5531988887777) or a contact key ("bsuid:BR.…"); on Telegram the chat id.</param>
/// <param name="AgentId">The agent who owns the session; the same agent asking again is idempotent, another is refused ContactInSession.</param>
/// <param name="Team">The team the session is queued to when the contact replies.</param>
/// <param name="TemplateName">WhatsApp: the approved template. Ignored by channels without templates.</param>
/// <param name="Language">WhatsApp: the approved translation, e.g. pt_BR. Ignored by channels without templates.</param>
/// <param name="Components">WhatsApp: header, body and button parameters, in Meta's order.</param>
/// <param name="Text">Channels without templates (Telegram): the first message, required there. Ignored by WhatsApp.</param>
public sealed record StartActiveContact(
    Guid CommandId,
    string AccountId,
    string To,
    string AgentId,
    string Team,
    string TemplateName,
    string Language,
    IReadOnlyList<TemplateComponent> Components,
    string? Text = null);
