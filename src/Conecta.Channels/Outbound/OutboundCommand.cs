using Conecta.Channels.Contracts.Commands;

namespace Conecta.Channels.Outbound;

/// <summary>Any outbound command, with the fields every step needs; <see cref="Body"/> is the contract itself.</summary>
internal sealed record OutboundCommand(Guid CommandId, string AccountId, string? To, DateTimeOffset? NotAfter, object Body)
{
    public static OutboundCommand From(SendText c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c);

    public static OutboundCommand From(SendMedia c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c);

    public static OutboundCommand From(SendTemplate c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c);

    public static OutboundCommand From(MarkAsRead c) => new(c.CommandId, c.AccountId, To: null, NotAfter: null, c);

    /// <summary>Free text and media: allowed only inside the 24-hour window, never as a first contact.</summary>
    public bool IsFreeForm => Body is SendText or SendMedia;
}
