namespace Conecta.Channels.Contracts.Commands;

/// <summary>
/// An agent starts a conversation with a contact: an approved template goes out and, once WhatsApp accepts it,
/// the session waits for the contact's reply with the agent's typing locked.
/// </summary>
/// <param name="CommandId">Chosen by the sender; the idempotency key. Also the CommandId of the template's MessageAccepted/MessageRejected.</param>
/// <param name="AccountId">The channel account to send from (WhatsApp: the business phone_number_id).</param>
/// <param name="To">The contact: DDI + DDD + number (e.g. 5531988887777) or a contact key ("bsuid:BR.…").</param>
/// <param name="AgentId">The agent who owns the session; the same agent asking again is idempotent, another is refused ContactInSession.</param>
/// <param name="Team">The team the session is queued to when the contact replies.</param>
/// <param name="Language">The approved translation, e.g. pt_BR.</param>
/// <param name="Components">Header, body and button parameters, in Meta's order.</param>
public sealed record StartActiveContact(
    Guid CommandId,
    string AccountId,
    string To,
    string AgentId,
    string Team,
    string TemplateName,
    string Language,
    IReadOnlyList<TemplateComponent> Components);
