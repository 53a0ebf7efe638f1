namespace Conecta.Channels.Contracts.Events;

/// <summary>The content of an inbound message; the member matching the message type is set, the others are null.</summary>
public sealed record MessageContent
{
    public string? Text { get; init; }
    public MediaContent? Media { get; init; }
    public LocationContent? Location { get; init; }
    public IReadOnlyList<SharedContact>? Contacts { get; init; }
    public ReplyContent? Reply { get; init; }
    public ReactionContent? Reaction { get; init; }
    public OrderContent? Order { get; init; }
    public SystemContent? System { get; init; }
    /// <summary>Edit and revoke: the provider id of the message that was changed or withdrawn.</summary>
    public string? TargetMessageId { get; init; }
}
