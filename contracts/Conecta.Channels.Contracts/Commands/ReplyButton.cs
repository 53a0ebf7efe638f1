namespace Conecta.Channels.Contracts.Commands;

/// <summary>A reply button: its id comes back in the contact's reply (at most 256 characters; 64 bytes on Telegram), its title is shown (at most 20).</summary>
public sealed record ReplyButton(string Id, string Title);
