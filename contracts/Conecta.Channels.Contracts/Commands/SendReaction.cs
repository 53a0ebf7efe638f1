namespace Conecta.Channels.Contracts.Commands;

/// <summary>React to a contact's message with an emoji; an empty <paramref name="Emoji"/> removes the reaction. WhatsApp only.</summary>
/// <param name="ProviderMessageId">The message reacted to (its wamid).</param>
public sealed record SendReaction(
    Guid CommandId,
    string AccountId,
    string To,
    string ProviderMessageId,
    string Emoji,
    DateTimeOffset? NotAfter = null);
