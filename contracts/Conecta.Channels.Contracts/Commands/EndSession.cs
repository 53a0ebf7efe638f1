namespace Conecta.Channels.Contracts.Commands;

/// <summary>Close the contact's session; a later message from the contact starts a new one.</summary>
/// <param name="CommandId">Chosen by the sender; ending an ended session changes nothing.</param>
/// <param name="AccountId">The channel account (WhatsApp: the business phone_number_id).</param>
/// <param name="To">The contact: DDI + DDD + number or a contact key ("bsuid:BR.…").</param>
public sealed record EndSession(Guid CommandId, string AccountId, string To);
