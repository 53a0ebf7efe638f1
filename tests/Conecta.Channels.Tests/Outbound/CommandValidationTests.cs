using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Outbound;
using Conecta.Channels.Sessions;
using static Conecta.Channels.Tests.Outbound.Sample;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>One row per rule: the malformed command and the exact problem the sender is told.</summary>
public sealed class CommandValidationTests
{
    private static readonly TemplateComponent Payload = new("button", [new TemplateParameter("payload", "SIM")], "quick_reply", 0);

    public static TheoryData<object, string, string> Malformed => new()
    {
        { Text with { CommandId = Guid.Empty }, "commandId", "commandId is required." },
        { Read with { CommandId = Guid.Empty }, "commandId", "commandId is required." },
        { Text with { AccountId = "" }, "accountId", "accountId is required." },
        { Read with { AccountId = " " }, "accountId", "accountId is required." },
        { Text with { To = "" }, "to", "to is required." },
        { Media("image") with { To = " " }, "to", "to is required." },
        { Template() with { To = null! }, "to", "to is required." },
        { Text with { Text = "" }, "text", "text is required." },
        { Text with { Text = " \n " }, "text", "text is required." },
        { Text with { Text = new string('a', 4097) }, "text", "text is longer than 4096 characters." },
        { Media("gif"), "kind", "kind must be one of image, audio, video, document, sticker." },
        { Media("Image"), "kind", "kind must be one of image, audio, video, document, sticker." },
        { Media("image") with { MediaId = "1013859600285441" }, "link", "Exactly one of link and mediaId is required." },
        { Media("image") with { Link = null }, "link", "Exactly one of link and mediaId is required." },
        { Media("image") with { Link = "http://cdn.conecta.example/fatura.png" }, "link", "link must be an absolute https URL." },
        { Media("image") with { Link = "/fatura.png" }, "link", "link must be an absolute https URL." },
        { Media("audio") with { Caption = "ouça" }, "caption", "A audio cannot have a caption." },
        { Media("sticker") with { Caption = "" }, "caption", "A sticker cannot have a caption." },
        { Media("image") with { Caption = new string('a', 1025) }, "caption", "caption is longer than 1024 characters." },
        { Media("image") with { FileName = "fatura.png" }, "fileName", "fileName is for documents only." },
        { Media("video") with { Voice = true }, "voice", "voice is for audio only: a voice note is an audio file." },
        { Template() with { TemplateName = "" }, "templateName", "templateName is required." },
        { Template() with { Language = " " }, "language", "language is required." },
        { Template(new TemplateComponent("footer", [])), "components[0].type", "Unknown component type 'footer'." },
        { Template(Body(), new TemplateComponent("Body", [])), "components[1].type", "Unknown component type 'Body'." },
        { Template(Payload with { SubType = null }), "components[0].subType", "Button components need subType and index." },
        { Template(Payload with { Index = null }), "components[0].index", "Button components need subType and index." },
        // Template parameters of the kinds Meta takes in each part.
        { Template(Body(new TemplateParameter("image", Link: ImageLink))), "components[0].parameters[0].type", "A body parameter is text, currency, date_time, not 'image'." },
        { Template(Body(new TemplateParameter("currency", Currency: new TemplateCurrency("R$ 1,00", "REAL", 1000)))), "components[0].parameters[0].currency", "A currency parameter needs currency: fallbackValue, a three-letter code and amount1000." },
        { Template(Body(new TemplateParameter("date_time"))), "components[0].parameters[0].text", "A date_time parameter needs text." },
        { Template(new TemplateComponent("header", [new TemplateParameter("location", Location: new TemplateLocation(95, 0))])), "components[0].parameters[0].location", "A location parameter needs location: latitude (-90 to 90) and longitude (-180 to 180)." },
        { Template(new TemplateComponent("header", [new TemplateParameter("image")])), "components[0].parameters[0].link", "A media parameter needs exactly one of link and mediaId." },
        { Template(new TemplateComponent("button", [new TemplateParameter("payload", "PIX")], "copy_code", 0)), "components[0].parameters[0].type", "A copy_code parameter is coupon_code, not 'payload'." },
        { Template(new TemplateComponent("button", [new TemplateParameter("text", "x")], "call", 0)), "components[0].parameters[0].type", "Unknown button subType 'call': quick_reply, url, copy_code or flow." },
        { Template() with { CallbackData = new string('c', 513) }, "callbackData", "callbackData is longer than 512 characters." },
        { Text with { CallbackData = new string('c', 513) }, "callbackData", "callbackData is longer than 512 characters." },
        // Interactive messages, at Meta's limits.
        { Buttons with { Kind = "carousel" }, "kind", "kind must be one of button, list, cta_url, flow, location_request." },
        { Buttons with { Body = "" }, "body", "body is required." },
        { Buttons with { Body = new string('a', 1025) }, "body", "body is longer than 1024 characters." },
        { Buttons with { Header = new string('a', 61) }, "header", "header is longer than 60 characters." },
        { Buttons with { Buttons = [.. Buttons.Buttons!, new ReplyButton("3", "Três"), new ReplyButton("4", "Quatro")] }, "buttons", "A button message has 1 to 3 buttons." },
        { Buttons with { Buttons = [] }, "buttons", "A button message has 1 to 3 buttons." },
        { Buttons with { Buttons = [new ReplyButton("a", new string('b', 21))] }, "buttons[0].title", "buttons[0].title is longer than 20 characters." },
        { Buttons with { Buttons = [new ReplyButton("a", "Um"), new ReplyButton(new string('x', 257), "Dois")] }, "buttons[1].id", "buttons[1].id is longer than 256 characters." },
        { Buttons with { Buttons = [new ReplyButton("a", "Um"), new ReplyButton("a", "Dois")] }, "buttons[1].id", "Button ids must be unique." },
        { Buttons with { ListButton = "Ver" }, "listButton", "listButton is for list messages only." },
        { List with { Buttons = Buttons.Buttons }, "buttons", "buttons is for button messages only." },
        { List with { ListButton = null }, "listButton", "listButton is required." },
        { List with { Body = new string('a', 4097) }, "body", "body is longer than 4096 characters." },
        { List with { Sections = [List.Sections![0] with { Title = null }, List.Sections[1]] }, "sections[0].title", "Each section needs a title when there are several." },
        { List with { Sections = [new ListSection("Um título de seção longo demais", [new ListRow("a", "A")])] }, "sections[0].title", "sections[0].title is longer than 24 characters." },
        { List with { Sections = [new ListSection(null, [new ListRow("a", "Um título de linha longo demais")])] }, "sections[0].rows[0].title", "sections[0].rows[0].title is longer than 24 characters." },
        { List with { Sections = [new ListSection(null, [new ListRow("a", "A", new string('d', 73))])] }, "sections[0].rows[0].description", "sections[0].rows[0].description is longer than 72 characters." },
        { List with { Sections = [new ListSection(null, [new ListRow(new string('i', 201), "A")])] }, "sections[0].rows[0].id", "sections[0].rows[0].id is longer than 200 characters." },
        { List with { Sections = [new ListSection("A", [new ListRow("a", "A")]), new ListSection("B", [new ListRow("a", "B")])] }, "sections[1].rows[0].id", "Row ids must be unique across the list." },
        { List with { Sections = [new ListSection(null, [.. Enumerable.Range(0, 11).Select(i => new ListRow($"r{i}", $"Linha {i}"))])] }, "sections", "A list has at most 10 rows in all its sections." },
        { List with { Sections = [.. Enumerable.Range(0, 11).Select(i => new ListSection($"S{i}", [new ListRow($"r{i}", "A")]))] }, "sections", "A list has 1 to 10 sections." },
        { Interactive("cta_url"), "cta", "A cta_url message needs cta (displayText and url)." },
        { Interactive("cta_url") with { Cta = new CtaUrl("Ver fatura", "ftp://conecta.example/f") }, "cta.url", "cta.url must be an absolute http or https URL." },
        { Interactive("cta_url") with { Cta = new CtaUrl("Ver a fatura completa já", "https://conecta.example/f") }, "cta.displayText", "cta.displayText is longer than 20 characters." },
        { Interactive("flow"), "flow", "A flow message needs flow (flowId, cta)." },
        { Interactive("flow") with { Flow = new FlowLaunch("1197715005513101", "Agendar") }, "flow.screen", "A navigate Flow opens a screen: flow.screen is required." },
        { Interactive("flow") with { Flow = new FlowLaunch("1197715005513101", "Agendar", Action: "open") }, "flow.action", "flow.action must be navigate or data_exchange." },
        { Interactive("flow") with { Flow = new FlowLaunch("", "Agendar", Screen: "A") }, "flow.flowId", "flow.flowId is required." },
        { Interactive("location_request") with { Footer = "Conecta" }, "footer", "A location request has a body only." },
        { Interactive("button") with { Buttons = Buttons.Buttons, CallbackData = new string('c', 513) }, "callbackData", "callbackData is longer than 512 characters." },
        { Reaction("👍") with { ProviderMessageId = "" }, "providerMessageId", "providerMessageId is required." },
        { Reaction(null!), "emoji", "emoji is required (empty removes the reaction)." },
        { Location with { Latitude = 91 }, "latitude", "latitude must be between -90 and 90." },
        { Location with { Longitude = double.NaN }, "longitude", "longitude must be between -180 and 180." },
        { Contacts with { Contacts = [] }, "contacts", "contacts must hold 1 to 10 cards." },
        { Contacts with { Contacts = [Contacts.Contacts[0] with { FormattedName = " " }] }, "contacts[0].formattedName", "contacts[0].formattedName is required." },
        { Contacts with { Contacts = [Contacts.Contacts[0] with { Phones = [new ContactCardPhone("")] }] }, "contacts[0].phones[0].phone", "phone is required." },
        // JSON without "parameters": caught here, or GraphMessages throws and the command never gets an outcome.
        { Template(new TemplateComponent("body", null!)), "components[0].parameters", "Component 'body' has missing parameters." },
        { Template(Body((TemplateParameter)null!)), "components[0].parameters", "Component 'body' has missing parameters." },
        { Template((TemplateComponent)null!), "components[0]", "components cannot contain null." },
        { Read with { ProviderMessageId = "" }, "providerMessageId", "providerMessageId is required." },
        { "not a command", "type", "String is not an outbound command." },
    };

    public static TheoryData<object> WellFormed => new()
    {
        Text,
        Text with { Text = new string('a', 4096), PreviewUrl = true, ReplyTo = InboundMessage },
        Text with { To = "bsuid:BR.1502576394655843" },
        Media("image") with { Caption = new string('a', 1024) },
        Media("audio") with { Link = null, MediaId = "1013859600285441" },
        Media("video") with { Caption = "Como instalar" },
        Media("document") with { Caption = "Boleto", FileName = "boleto.pdf" },
        Media("sticker"),
        Template(),
        Template() with { Components = null! },
        Template(new TemplateComponent("header", [new TemplateParameter("image", Link: ImageLink)]), Body(TextParameter("Maria")), Payload),
        Read,
        Read with { ShowTyping = true },
        Buttons,
        Buttons with { Buttons = [.. Buttons.Buttons!, new ReplyButton(new string('x', 256), new string('t', 20))], Header = new string('h', 60) },
        List,
        List with { Sections = [new ListSection(null, [.. Enumerable.Range(0, 10).Select(i => new ListRow($"r{i}", new string('t', 24), new string('d', 72)))])] },
        Interactive("cta_url") with { Cta = new CtaUrl("Ver fatura", "https://conecta.example/f") },
        Interactive("flow") with { Flow = new FlowLaunch("1197715005513101", "Agendar", Screen: "BOOKING") },
        Interactive("flow") with { Flow = new FlowLaunch("1197715005513101", "Agendar", Action: "data_exchange") },
        Interactive("location_request"),
        Reaction("👍"),
        Reaction(""),
        Location,
        Location with { Name = null, Address = null, Latitude = -90, Longitude = 180 },
        Contacts,
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_command_is_told_exactly_what_is_wrong(object command, string field, string problem) =>
        Assert.Equal(new CommandProblem(field, problem), CommandValidation.Problem(Outgoing(command)));

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void A_well_formed_command_has_no_problem(object command) =>
        Assert.Null(CommandValidation.Problem(Outgoing(command)));

    private static readonly StartActiveContact Start = new(CommandId, Account, Contact, "ana", "vendas", "retomar_contato", "pt_BR", []);
    private static readonly ConversationPolicy WithoutTemplates = new(Window: null, TemplateFirst: false, LocksTyping: false);

    public static TheoryData<object, string?, string?> ConversationCommands => new()
    {
        { Start, null, null },
        { Start with { AgentId = " " }, "agentId", "agentId is required." },
        { Start with { Team = "" }, "team", "team is required." },
        { Start with { Team = new string('t', 201) }, "team", "team is longer than 200 characters." },
        { Start with { To = "" }, "to", "to is required." },
        { Start with { TemplateName = "" }, "templateName", "templateName is required." },
        { Start with { Language = "" }, "language", "language is required." },
        { Start with { Components = [new TemplateComponent("footer", [])] }, "components[0].type", "Unknown component type 'footer'." },
        { new NotifyParticipantChange(CommandId, Account, Contact, "Ana", Joined: true), null, null },
        { new NotifyParticipantChange(CommandId, Account, Contact, "", Joined: true), "agentName", "agentName is required." },
        { new NotifyParticipantChange(Guid.Empty, Account, Contact, "Ana", Joined: false), "commandId", "commandId is required." },
        { new EndSession(CommandId, Account, Contact), null, null },
        { new EndSession(CommandId, "", Contact), "accountId", "accountId is required." },
        { new EndSession(CommandId, Account, " "), "to", "to is required." },
    };

    [Theory]
    [MemberData(nameof(ConversationCommands))]
    public void Conversation_commands_are_checked_by_the_same_rules(object command, string? field, string? problem)
    {
        var found = command switch
        {
            StartActiveContact start => CommandValidation.Problem(start, ConversationPolicy.Standard),
            NotifyParticipantChange notify => CommandValidation.Problem(notify),
            _ => CommandValidation.Problem((EndSession)command),
        };

        Assert.Equal(field is null ? null : new CommandProblem(field, problem!), found);
    }

    [Fact]
    public void A_start_is_checked_for_what_its_channel_sends_first()
    {
        var telegram = Start with { TemplateName = "", Language = "", Text = null };

        Assert.Equal(new CommandProblem("text", "text is required."), CommandValidation.Problem(telegram, WithoutTemplates));
        Assert.Null(CommandValidation.Problem(telegram with { Text = "Oi! Podemos falar?" }, WithoutTemplates));
        // The account unknown: only what every channel needs.
        Assert.Null(CommandValidation.Problem(telegram, policy: null));
    }
}
