using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Templates;

namespace Conecta.Channels.Tests.Templates;

/// <summary>The send-time rule: exists, APPROVED, parameters fit the header and body variables.</summary>
public sealed class TemplateChecksTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static MessageTemplate Stored(string status = "APPROVED", string format = "POSITIONAL", string? reason = null,
        params TemplateComponentDefinition[] components) =>
        new(Guid.NewGuid(), "102290129340398", "1689556908129832", "pedido_enviado", "pt_BR", "UTILITY", format, status, reason, "GREEN",
            components.Length == 0
                ? [new TemplateComponentDefinition("HEADER", "TEXT", "Pedido {{1}}"), new TemplateComponentDefinition("BODY", Text: "Olá {{1}}, pedido {{2}} ({{1}}).")]
                : components,
            At, At);

    private static TemplateComponent Part(string type, params string[] values) =>
        new(type, values.Select(v => new TemplateParameter("text", v)).ToList());

    private static TemplateComponent Named(string type, params string[] names) =>
        new(type, names.Select(n => new TemplateParameter("text", "x", n)).ToList());

    [Fact]
    public void An_approved_template_with_one_value_per_distinct_variable_may_be_sent()
    {
        var check = TemplateChecks.Evaluate(Stored(), "pedido_enviado", "pt_BR", [Part("header", "A-77"), Part("body", "Maria", "A-77")]);

        Assert.Equal(TemplateCheckOutcome.Approved, check.Outcome);
        Assert.True(check.CanSend);
    }

    [Fact]
    public void No_stored_translation_is_not_found()
    {
        var check = TemplateChecks.Evaluate(null, "pedido_enviado", "pt_PT", []);

        Assert.Equal((TemplateCheckOutcome.NotFound, "No template pedido_enviado in pt_PT for this account."), (check.Outcome, check.Detail));
    }

    [Theory]
    [InlineData("PENDING", null, "Template pedido_enviado (pt_BR) is PENDING.")]
    [InlineData("PAUSED", "Low quality", "Template pedido_enviado (pt_BR) is PAUSED: Low quality")]
    [InlineData("DISABLED", null, "Template pedido_enviado (pt_BR) is DISABLED.")]
    [InlineData("REJECTED", "INVALID_FORMAT", "Template pedido_enviado (pt_BR) is REJECTED: INVALID_FORMAT")]
    public void Anything_but_approved_is_not_approved_with_metas_reason(string status, string? reason, string detail)
    {
        var check = TemplateChecks.Evaluate(Stored(status, reason: reason), "pedido_enviado", "pt_BR", [Part("header", "A-77"), Part("body", "Maria", "A-77")]);

        Assert.Equal((TemplateCheckOutcome.NotApproved, detail), (check.Outcome, check.Detail));
        Assert.False(check.CanSend);
    }

    public static TheoryData<string, TemplateComponent[], string> PositionalMismatches => new()
    {
        { "one body value short", [Part("header", "A-77"), Part("body", "Maria")], "body: expects 2 parameters, got 1." },
        { "a value too many", [Part("header", "A-77"), Part("body", "Maria", "A-77", "extra")], "body: expects 2 parameters, got 3." },
        { "header value missing", [Part("body", "Maria", "A-77")], "header: expects 1 parameters, got 0." },
    };

    [Theory]
    [MemberData(nameof(PositionalMismatches))]
    public void Positional_templates_compare_the_count_per_component(string why, TemplateComponent[] given, string detail)
    {
        var check = TemplateChecks.Evaluate(Stored(), "pedido_enviado", "pt_BR", given);

        Assert.True(check.Outcome == TemplateCheckOutcome.ParametersMismatch, why);
        Assert.Equal(detail, check.Detail);
    }

    [Fact]
    public void Named_templates_compare_names_not_order()
    {
        var template = Stored(format: "NAMED", components: new TemplateComponentDefinition("BODY", Text: "Olá {{nome}}, pedido {{order_id}}."));

        var inOtherOrder = TemplateChecks.Evaluate(template, "pedido_enviado", "pt_BR", [Named("BODY", "order_id", "nome")]);
        var wrongName = TemplateChecks.Evaluate(template, "pedido_enviado", "pt_BR", [Named("body", "nome", "pedido")]);

        Assert.Equal(TemplateCheckOutcome.Approved, inOtherOrder.Outcome);
        Assert.Equal((TemplateCheckOutcome.ParametersMismatch, "body: expects parameters named nome, order_id; missing order_id, unexpected pedido."),
            (wrongName.Outcome, wrongName.Detail));
    }

    [Fact]
    public void A_media_header_takes_exactly_one_parameter()
    {
        var template = Stored(components: [new TemplateComponentDefinition("HEADER", "IMAGE"), new TemplateComponentDefinition("BODY", Text: "Seu boleto chegou.")]);
        var image = new TemplateComponent("header", [new TemplateParameter("image", Link: "https://conecta.example/b.png")]);

        Assert.Equal(TemplateCheckOutcome.Approved, TemplateChecks.Evaluate(template, "pedido_enviado", "pt_BR", [image]).Outcome);
        var without = TemplateChecks.Evaluate(template, "pedido_enviado", "pt_BR", []);
        Assert.Equal((TemplateCheckOutcome.ParametersMismatch, "header: expects 1 image parameter, got 0."), (without.Outcome, without.Detail));
    }

    /// <summary>Issue 20: a LOCATION-header template sent with a text parameter passed this check and was Meta's to refuse.</summary>
    [Fact]
    public void A_location_header_takes_a_location_parameter_and_refuses_any_other_kind()
    {
        var template = Stored(components: [new TemplateComponentDefinition("HEADER", "LOCATION"), new TemplateComponentDefinition("BODY", Text: "Sua loja: {{1}}")]);
        TemplateComponent Header(TemplateParameter parameter) => new("header", [parameter]);

        var text = TemplateChecks.Evaluate(template, "pedido_enviado", "pt_BR", [Header(new TemplateParameter("text", "Savassi")), Part("body", "Savassi")]);
        var place = TemplateChecks.Evaluate(template, "pedido_enviado", "pt_BR",
            [Header(new TemplateParameter("location", Location: new TemplateLocation(-19.9245, -43.9352, "Loja Savassi"))), Part("body", "Savassi")]);

        Assert.Equal((TemplateCheckOutcome.ParametersMismatch, "header: expects a location parameter, got text."), (text.Outcome, text.Detail));
        Assert.Equal(TemplateCheckOutcome.Approved, place.Outcome);
    }
}
