using Conecta.Channels.Contracts.Commands;

namespace Conecta.Channels.Outbound;

/// <summary>Any outbound command, with the fields every step needs; <see cref="Body"/> is the contract itself.</summary>
/// <param name="CallbackData">What the provider echoes in the message's statuses (WhatsApp biz_opaque_callback_data): the caller's, else the CommandId.</param>
internal sealed record OutboundCommand(Guid CommandId, string AccountId, string? To, DateTimeOffset? NotAfter, object Body, string? CallbackData = null)
{
    public static OutboundCommand From(SendText c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c, c.CallbackData);

    public static OutboundCommand From(SendMedia c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c, c.CallbackData);

    public static OutboundCommand From(SendTemplate c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c, c.CallbackData);

    public static OutboundCommand From(MarkAsRead c) => new(c.CommandId, c.AccountId, To: null, NotAfter: null, c);

    public static OutboundCommand From(SendInteractive c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c, c.CallbackData);

    public static OutboundCommand From(SendReaction c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c);

    public static OutboundCommand From(SendLocation c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c);

    public static OutboundCommand From(SendContacts c) => new(c.CommandId, c.AccountId, c.To, c.NotAfter, c);

    public static OutboundCommand From(ShowTyping c) => new(c.CommandId, c.AccountId, c.To, NotAfter: null, c);

    /// <summary>Everything but a template (and a read receipt): allowed only inside the 24-hour window, never as a first contact.</summary>
    public bool IsFreeForm => Body is SendText or SendMedia or SendInteractive or SendReaction or SendLocation or SendContacts;

    /// <summary>The same command to another recipient (the contact's current key after a change of number or user id).</summary>
    public OutboundCommand AddressedTo(string to) => this with
    {
        To = to,
        Body = Body switch
        {
            SendText c => c with { To = to },
            SendMedia c => c with { To = to },
            SendTemplate c => c with { To = to },
            SendInteractive c => c with { To = to },
            SendReaction c => c with { To = to },
            SendLocation c => c with { To = to },
            SendContacts c => c with { To = to },
            ShowTyping c => c with { To = to },
            _ => throw new InvalidOperationException($"{Body.GetType().Name} has no recipient to change."),
        },
    };

    /// <summary>The provider's echo of this command in its statuses: the caller's, else the CommandId.</summary>
    public string Callback => CallbackData ?? CommandId.ToString();
}
