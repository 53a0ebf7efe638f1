namespace Conecta.Channels.Contracts.Commands;

/// <summary>
/// Tell the contact an agent joined or left the conversation, with the account's pt-BR notice
/// ("&lt;nome&gt; entrou na conversa." / "&lt;nome&gt; saiu da conversa."). Sent only while the window is open.
/// </summary>
/// <param name="CommandId">Chosen by the sender; the idempotency key and the CommandId of the notice's outcome.</param>
/// <param name="AccountId">The channel account to send from (WhatsApp: the business phone_number_id).</param>
/// <param name="To">The contact: DDI + DDD + number or a contact key ("bsuid:BR.…").</param>
/// <param name="AgentName">Replaces {nome} in the notice.</param>
/// <param name="Joined">True for the join notice, false for the leave notice.</param>
public sealed record NotifyParticipantChange(Guid CommandId, string AccountId, string To, string AgentName, bool Joined);
