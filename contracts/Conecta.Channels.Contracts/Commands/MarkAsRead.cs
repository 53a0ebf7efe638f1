namespace Conecta.Channels.Contracts.Commands;

/// <summary>Mark a contact's message (and the ones before it) as read, optionally showing "typing…" to the contact.</summary>
/// <param name="ProviderMessageId">The inbound message's provider id (wamid).</param>
/// <param name="ShowTyping">Also show the typing indicator (lasts until the reply or about 25 s).</param>
public sealed record MarkAsRead(Guid CommandId, string AccountId, string ProviderMessageId, bool ShowTyping = false);
