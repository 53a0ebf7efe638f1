using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Outbound;
using static Conecta.Channels.Tests.Outbound.Sample;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>One row per rule: the malformed command and the exact problem the sender is told.</summary>
public sealed class CommandValidationTests
{
    private static readonly TemplateComponent Payload = new("button", [new TemplateParameter("payload", "SIM")], "quick_reply", 0);

    public static TheoryData<object, string> Malformed => new()
    {
        { Text with { CommandId = Guid.Empty }, "CommandId is required." },
        { Read with { CommandId = Guid.Empty }, "CommandId is required." },
        { Text with { AccountId = "" }, "AccountId is required." },
        { Read with { AccountId = " " }, "AccountId is required." },
        { Text with { To = "" }, "To is required." },
        { Media("image") with { To = " " }, "To is required." },
        { Template() with { To = null! }, "To is required." },
        { Text with { Text = "" }, "Text is required." },
        { Text with { Text = " \n " }, "Text is required." },
        { Text with { Text = new string('a', 4097) }, "Text is longer than 4096 characters." },
        { Media("gif"), "Kind must be one of image, audio, video, document, sticker." },
        { Media("Image"), "Kind must be one of image, audio, video, document, sticker." },
        { Media("image") with { MediaId = "1013859600285441" }, "Exactly one of Link and MediaId is required." },
        { Media("image") with { Link = null }, "Exactly one of Link and MediaId is required." },
        { Media("image") with { Link = "http://cdn.conecta.example/fatura.png" }, "Link must be an absolute https URL." },
        { Media("image") with { Link = "/fatura.png" }, "Link must be an absolute https URL." },
        { Media("audio") with { Caption = "ouça" }, "A audio cannot have a caption." },
        { Media("sticker") with { Caption = "" }, "A sticker cannot have a caption." },
        { Media("image") with { Caption = new string('a', 1025) }, "Caption is longer than 1024 characters." },
        { Media("image") with { FileName = "fatura.png" }, "FileName is for documents only." },
        { Template() with { TemplateName = "" }, "TemplateName is required." },
        { Template() with { Language = " " }, "Language is required." },
        { Template(new TemplateComponent("footer", [])), "Unknown component type 'footer'." },
        { Template(new TemplateComponent("Body", [])), "Unknown component type 'Body'." },
        { Template(Payload with { SubType = null }), "Button components need SubType and Index." },
        { Template(Payload with { Index = null }), "Button components need SubType and Index." },
        // JSON without "parameters": caught here, or GraphMessages throws and the command never gets an outcome.
        { Template(new TemplateComponent("body", null!)), "Component 'body' has missing parameters." },
        { Template(Body((TemplateParameter)null!)), "Component 'body' has missing parameters." },
        { Template((TemplateComponent)null!), "Components cannot contain null." },
        { Read with { ProviderMessageId = "" }, "ProviderMessageId is required." },
        { "not a command", "String is not an outbound command." },
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
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_command_is_told_exactly_what_is_wrong(object command, string problem) =>
        Assert.Equal(problem, CommandValidation.Problem(Outgoing(command)));

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void A_well_formed_command_has_no_problem(object command) =>
        Assert.Null(CommandValidation.Problem(Outgoing(command)));
}
