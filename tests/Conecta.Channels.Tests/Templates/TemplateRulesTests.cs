using Conecta.Channels.Templates;

namespace Conecta.Channels.Tests.Templates;

/// <summary>What Meta would reject, caught before calling it: one row per rule, the field and message expected.</summary>
public sealed class TemplateRulesTests
{
    private static readonly Guid Account = Guid.Parse("0195f2a0-0000-7000-8000-000000000001");

    private static TemplateComponentDefinition Body(string text, params string[] examples) =>
        new("BODY", Text: text, Example: examples.Length == 0 ? null : new TemplateExample(BodyText: [examples]));

    private static TemplateDefinition Valid(params TemplateComponentDefinition[] components) =>
        new(Account, "pedido_enviado", "pt_BR", "UTILITY", null, components.Length == 0 ? [Body("Olá {{1}}, pedido {{2}} enviado.", "Maria", "A-77")] : components);

    [Fact]
    public void A_template_meta_would_accept_has_no_errors()
    {
        var template = Valid(
            new TemplateComponentDefinition("HEADER", "TEXT", "Pedido {{1}}", new TemplateExample(HeaderText: ["A-77"])),
            Body("Olá {{1}}, seu pedido {{2}} foi enviado.", "Maria", "A-77"),
            new TemplateComponentDefinition("FOOTER", Text: "Conecta"),
            new TemplateComponentDefinition("BUTTONS", Buttons:
            [
                new TemplateButtonDefinition("QUICK_REPLY", "Falar com atendente"),
                new TemplateButtonDefinition("URL", "Rastrear", "https://conecta.example/r/{{1}}", Example: ["https://conecta.example/r/A-77"]),
                new TemplateButtonDefinition("PHONE_NUMBER", "Ligar", PhoneNumber: "+553130000000"),
            ]));

        Assert.Empty(TemplateRules.Validate(template));
    }

    [Fact]
    public void A_named_template_with_an_example_for_every_name_has_no_errors()
    {
        var body = new TemplateComponentDefinition("BODY", Text: "Olá {{nome}}, o pedido {{order_id}} saiu.",
            Example: new TemplateExample(BodyTextNamedParams: [new("nome", "Maria"), new("order_id", "A-77")]));

        Assert.Empty(TemplateRules.Validate(Valid(body) with { ParameterFormat = "NAMED" }));
    }

    // Keyed by rule so the theory's parameter is a plain string (the template types are internal).
    private static readonly Dictionary<string, (TemplateDefinition Template, string Field, string Message)> Rejections = new()
    {
        ["uppercase name"] = (Valid() with { Name = "Pedido_Enviado" }, "name", "Lowercase letters, digits and underscores only, 1 to 512 characters."),
        ["hyphen in name"] = (Valid() with { Name = "pedido-enviado" }, "name", "Lowercase letters, digits and underscores only, 1 to 512 characters."),
        ["name over 512"] = (Valid() with { Name = new string('a', 513) }, "name", "Lowercase letters, digits and underscores only, 1 to 512 characters."),
        ["language with a hyphen"] = (Valid() with { Language = "pt-BR" }, "language", "A Meta language code such as pt_BR, en_US or es."),
        ["no language"] = (Valid() with { Language = null }, "language", "A Meta language code such as pt_BR, en_US or es."),
        ["unknown category"] = (Valid() with { Category = "TRANSACTIONAL" }, "category", "One of MARKETING, UTILITY, AUTHENTICATION."),
        ["unknown parameter format"] = (Valid() with { ParameterFormat = "MIXED" }, "parameterFormat", "POSITIONAL ({{1}}) or NAMED ({{order_id}}); omit for POSITIONAL."),
        ["no account"] = (Valid() with { AccountId = Guid.Empty }, "accountId", "Required: the channel account that owns the template."),
        ["no body"] = (Valid(new TemplateComponentDefinition("FOOTER", Text: "Conecta")), "components", "A BODY component is required."),
        ["two bodies"] = (Valid(Body("Oi."), Body("Tchau.")), "components", "At most one BODY component."),
        ["unknown component"] = (Valid(Body("Oi."), new TemplateComponentDefinition("CAROUSEL")), "components[1].type", "One of HEADER, BODY, FOOTER, BUTTONS."),
        ["body over 1024"] = (Valid(Body(new string('x', 1025))), "components[0].text", "Required, at most 1024 characters."),
        ["variable at body start"] = (Valid(Body("{{1}}, seu pedido saiu.", "Maria")), "components[0].text", "The body may not start or end with a variable."),
        ["variable at body end"] = (Valid(Body("Seu pedido é {{1}}", "A-77")), "components[0].text", "The body may not start or end with a variable."),
        ["positional gap"] = (Valid(Body("Olá {{1}}, pedido {{3}} saiu.", "Maria", "A-77")), "components[0].text", "Positional variables are sequential from {{1}}: {{1}}, {{2}}, …"),
        ["named without NAMED"] = (Valid(Body("Olá {{nome}}, tudo bem?", "Maria")), "components[0].text", "Named variables like {{order_id}} need parameterFormat NAMED."),
        ["positional with NAMED"] = (Valid(Body("Olá {{1}}, tudo bem?", "Maria")) with { ParameterFormat = "NAMED" }, "components[0].text", "With parameterFormat NAMED, variables are lowercase names like {{order_id}}."),
        ["missing body example"] = (Valid(Body("Olá {{1}}, pedido {{2}} saiu.", "Maria")), "components[0].example", "A sample value is needed for every parameter: 2 expected."),
        ["missing named example"] = (Valid(new TemplateComponentDefinition("BODY", Text: "Olá {{nome}}, pedido {{order_id}} saiu.",
                Example: new TemplateExample(BodyTextNamedParams: [new("nome", "Maria")]))) with { ParameterFormat = "NAMED" }, "components[0].example", "A sample value is needed for every parameter; missing: order_id."),
        ["header with two variables"] = (Valid(new TemplateComponentDefinition("HEADER", "TEXT", "{{1}} e {{2}}", new TemplateExample(HeaderText: ["a", "b"])), Body("Oi.")), "components[0].text", "A header takes at most one variable."),
        ["header text over 60"] = (Valid(new TemplateComponentDefinition("HEADER", "TEXT", new string('h', 61)), Body("Oi.")), "components[0].text", "Required for a TEXT header, at most 60 characters."),
        ["header variable without example"] = (Valid(new TemplateComponentDefinition("HEADER", "TEXT", "Pedido {{1}}"), Body("Oi.")), "components[0].example", "A sample value is needed for every parameter: 1 expected."),
        ["media header without handle"] = (Valid(new TemplateComponentDefinition("HEADER", "IMAGE"), Body("Oi.")), "components[0].example.headerHandle", "A media header needs a sample: the handle of a Resumable Upload."),
        ["unknown header format"] = (Valid(new TemplateComponentDefinition("HEADER", "GIF"), Body("Oi.")), "components[0].format", "One of TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION."),
        ["footer over 60"] = (Valid(Body("Oi."), new TemplateComponentDefinition("FOOTER", Text: new string('f', 61))), "components[1].text", "Required, at most 60 characters."),
        ["footer with a variable"] = (Valid(Body("Oi."), new TemplateComponentDefinition("FOOTER", Text: "Até {{1}}")), "components[1].text", "A footer takes no variables."),
        ["eleven buttons"] = (Valid(Body("Oi."), new TemplateComponentDefinition("BUTTONS", Buttons: Enumerable.Repeat(new TemplateButtonDefinition("QUICK_REPLY", "Sim"), 11).ToList())), "components[1].buttons", "1 to 10 buttons."),
        ["url button without sample"] = (Valid(Body("Oi."), new TemplateComponentDefinition("BUTTONS", Buttons: [new TemplateButtonDefinition("URL", "Ver", "https://x.example/{{1}}")])), "components[1].buttons[0].example", "A URL with a variable needs a sample URL."),
        ["phone button without number"] = (Valid(Body("Oi."), new TemplateComponentDefinition("BUTTONS", Buttons: [new TemplateButtonDefinition("PHONE_NUMBER", "Ligar")])), "components[1].buttons[0].phoneNumber", "Required for a PHONE_NUMBER button."),
        ["unknown button type"] = (Valid(Body("Oi."), new TemplateComponentDefinition("BUTTONS", Buttons: [new TemplateButtonDefinition("CALLBACK", "Sim")])), "components[1].buttons[0].type", "One of QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW."),
    };

    public static TheoryData<string> Rules => new(Rejections.Keys);

    [Theory]
    [MemberData(nameof(Rules))]
    public void What_meta_would_reject_is_a_field_error(string rule)
    {
        var (template, field, message) = Rejections[rule];

        var errors = TemplateRules.Validate(template);

        Assert.True(errors.ContainsKey(field), $"{rule}: expected an error on {field}, got {string.Join(", ", errors.Keys)}");
        Assert.Contains(message, errors[field]);
    }

    [Theory]
    [InlineData("pt_BR")]
    [InlineData("en_US")]
    [InlineData("es")]
    [InlineData("fil")]
    public void Language_codes_meta_uses_are_accepted(string language) =>
        Assert.Empty(TemplateRules.Validate(Valid() with { Language = language }));

    [Fact]
    public void Variables_come_in_order_of_appearance_without_braces() =>
        Assert.Equal(["2", "order_id", "1"], TemplateRules.Variables("a {{2}} b {{order_id}} c {{1}}"));
}
