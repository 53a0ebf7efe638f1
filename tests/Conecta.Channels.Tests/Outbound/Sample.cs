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

    /// <summary>Meta's reply-buttons example, in Portuguese: two buttons.</summary>
    public static SendInteractive Buttons => new(CommandId, Account, Contact, "button", "Podemos confirmar sua entrega amanhã?",
        Buttons: [new ReplyButton("entrega-sim", "Sim, pode"), new ReplyButton("entrega-outro-dia", "Outro dia")]);

    public static SendInteractive List => new(CommandId, Account, Contact, "list", "Escolha o assunto do atendimento:",
        ListButton: "Ver opções",
        Sections: [new ListSection("Financeiro", [new ListRow("2via", "Segunda via", "Boleto ou Pix"), new ListRow("acordo", "Negociar dívida")]),
                   new ListSection("Suporte", [new ListRow("tecnico", "Suporte técnico")])]);

    public static SendInteractive Interactive(string kind) => new(CommandId, Account, Contact, kind, "Toque para continuar");

    public static SendReaction Reaction(string emoji) => new(CommandId, Account, Contact, InboundMessage, emoji);

    public static SendLocation Location => new(CommandId, Account, Contact, -19.9245, -43.9352, "Loja Savassi", "Av. Getúlio Vargas, 1300");

    public static SendContacts Contacts => new(CommandId, Account, Contact,
        [new ContactCard("Central Conecta", [new ContactCardPhone("+55 31 3333-4444", "WORK", "553133334444")], Emails: ["sac@conecta.example"])]);

    public static TemplateComponent Body(params TemplateParameter[] parameters) => new("body", parameters);

    public static TemplateParameter TextParameter(string text, string? name = null) => new("text", text, name);

    /// <summary>The command as the pipeline sees it, whatever its contract; anything else is wrapped as it is.</summary>
    public static OutboundCommand Outgoing(object body) => body switch
    {
        SendText c => OutboundCommand.From(c),
        SendMedia c => OutboundCommand.From(c),
        SendTemplate c => OutboundCommand.From(c),
        MarkAsRead c => OutboundCommand.From(c),
        SendInteractive c => OutboundCommand.From(c),
        SendReaction c => OutboundCommand.From(c),
        SendLocation c => OutboundCommand.From(c),
        SendContacts c => OutboundCommand.From(c),
        ShowTyping c => OutboundCommand.From(c),
        _ => new OutboundCommand(CommandId, Account, Contact, NotAfter: null, body),
    };
}
