using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>One well-formed command of each kind; a test row changes only what it is about, with `with`.</summary>
internal static class Sample
{
    public static readonly Guid CommandId = Guid.Parse("3f2b8c1e-7a4d-4e6b-9c2a-5d8e1f0a7b3c");
    public const string Account = "106540352242922";
    public const string Contact = "5531988887777";
    public const string InboundMessage = "wamid.HBgNNTUzMTk4ODg4Nzc3NxUCABIYFjNFQjBCNkE1RjQ0QjJBQjNDRkQ2AA==";
    public const string ImageLink = "https://cdn.conecta.example/fatura.png";

    public static SendText Text => new(CommandId, Account, Contact, "Olá, tudo bem?");

    public static SendMedia Media(string kind) => new(CommandId, Account, Contact, kind, Link: ImageLink);

    public static SendTemplate Template(params TemplateComponent[] components) =>
        new(CommandId, Account, Contact, "pedido_confirmado", "pt_BR", components);

    public static MarkAsRead Read => new(CommandId, Account, InboundMessage);

    public static TemplateComponent Body(params TemplateParameter[] parameters) => new("body", parameters);

    public static TemplateParameter TextParameter(string text, string? name = null) => new("text", text, name);

    /// <summary>The command as the pipeline sees it, whatever its contract; anything else is wrapped as it is.</summary>
    public static OutboundCommand Outgoing(object body) => body switch
    {
        SendText c => OutboundCommand.From(c),
        SendMedia c => OutboundCommand.From(c),
        SendTemplate c => OutboundCommand.From(c),
        MarkAsRead c => OutboundCommand.From(c),
        _ => new OutboundCommand(CommandId, Account, Contact, NotAfter: null, body),
    };
}
