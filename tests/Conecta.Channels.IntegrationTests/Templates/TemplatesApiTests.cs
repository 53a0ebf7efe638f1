using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.Accounts;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Templates;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conecta.Channels.IntegrationTests.Templates;

[Collection(ServersCollection.Name)]
public sealed class TemplatesApiTests(AppFactory app)
{
    private const string Token = "EAAG-templates-token";

    private static readonly Dictionary<string, object?> OrderShipped = new()
    {
        ["language"] = "pt_BR",
        ["category"] = "UTILITY",
        ["components"] = new object[]
        {
            new { type = "HEADER", format = "TEXT", text = "Pedido {{1}}", example = new { headerText = new[] { "A-77" } } },
            new { type = "BODY", text = "Olá {{1}}, seu pedido {{2}} foi enviado.", example = new { bodyText = new[] { new[] { "Maria", "A-77" } } } },
            new { type = "FOOTER", text = "Conecta" },
            new
            {
                type = "BUTTONS",
                buttons = new object[]
                {
                    new { type = "QUICK_REPLY", text = "Falar com atendente" },
                    new { type = "URL", text = "Rastrear", url = "https://conecta.example/r/{{1}}", example = new[] { "https://conecta.example/r/A-77" } },
                },
            },
        },
    };

    [Fact]
    public async Task A_valid_template_is_sent_to_meta_as_exact_json_with_the_account_token_and_stored_pending()
    {
        var (client, account, meta) = await AccountAsync();
        var metaId = AdminApi.UniqueDigits();
        meta.Answer("POST", 200, $$"""{"id":"{{metaId}}","status":"PENDING","category":"UTILITY"}""");
        var name = "pedido_enviado_" + metaId;

        using var response = await client.PostAsJsonAsync("/api/templates", Template(account, name));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await AdminApi.ReadJsonAsync(response);
        Assert.Equal(metaId, created.GetProperty("providerTemplateId").GetString());
        Assert.Equal("PENDING", created.GetProperty("status").GetString());
        Assert.Equal("POSITIONAL", created.GetProperty("parameterFormat").GetString());
        Assert.Equal($"/api/templates/{created.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        var sent = Assert.Single(meta.Requests("POST"));
        Assert.Equal("Bearer " + Token, sent.RequestMessage.Headers!["Authorization"].Single());
        Assert.Equal(MetaStub.Canonical($$$"""
            {"name":"{{{name}}}","language":"pt_BR","category":"UTILITY","components":[
              {"type":"HEADER","format":"TEXT","text":"Pedido {{1}}","example":{"header_text":["A-77"]}},
              {"type":"BODY","text":"Olá {{1}}, seu pedido {{2}} foi enviado.","example":{"body_text":[["Maria","A-77"]]}},
              {"type":"FOOTER","text":"Conecta"},
              {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Falar com atendente"},
                {"type":"URL","text":"Rastrear","url":"https://conecta.example/r/{{1}}","example":["https://conecta.example/r/A-77"]}]}]}
            """), MetaStub.Canonical(sent.RequestMessage.Body!));

        var stored = await client.GetFromJsonAsync<MessageTemplate>($"/api/templates/{created.GetProperty("id").GetGuid()}");
        Assert.Equal(4, stored?.Components.Count);
        Assert.Equal("Olá {{1}}, seu pedido {{2}} foi enviado.", stored?.Components[1].Text);
    }

    [Fact]
    public async Task An_invalid_template_is_a_validation_problem_per_field_and_meta_is_never_called()
    {
        var (client, account, meta) = await AccountAsync();
        var invalid = Template(account, "Pedido-Enviado");
        invalid["category"] = "PROMO";
        invalid["components"] = new object[] { new { type = "BODY", text = "Olá {{1}}, pedido {{3}}", example = new { bodyText = new[] { new[] { "Maria" } } } } };

        using var response = await client.PostAsJsonAsync("/api/templates", invalid);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await AdminApi.ReadJsonAsync(response)).GetProperty("errors");
        Assert.Equal(["category", "components[0].example", "components[0].text", "name"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["The body may not start or end with a variable.", "Positional variables are sequential from {{1}}: {{1}}, {{2}}, …"],
            errors.GetProperty("components[0].text").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(meta.Requests("POST"));
    }

    [Fact]
    public async Task Metas_rejection_is_422_carrying_its_code_and_message_and_its_outage_is_502_and_nothing_is_stored()
    {
        var (client, account, meta) = await AccountAsync();
        meta.Answer("POST", 400, Fixtures.Read("graph-api/errors/fb-openapi-http400-code100-sub2207051.json"));

        using var rejected = await client.PostAsJsonAsync("/api/templates", Template(account, "recusado"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        var problem = await AdminApi.ReadJsonAsync(rejected);
        Assert.Equal("Meta did not accept the template", problem.GetProperty("title").GetString());
        Assert.Equal(100, problem.GetProperty("metaCode").GetInt32());
        Assert.Equal(2207051, problem.GetProperty("metaSubcode").GetInt32());
        Assert.Equal("Phone number not registered on the WhatsApp Business Platform.", problem.GetProperty("detail").GetString());
        Assert.Equal("AXsgnV2Cm3ZMGF3dF_cfYIn", problem.GetProperty("fbtraceId").GetString());

        meta.Answer("POST", 500, Fixtures.Read("graph-api/errors/fb-openapi-http500-code2.json"));
        using var outage = await client.PostAsJsonAsync("/api/templates", Template(account, "fora_do_ar"));
        Assert.Equal(HttpStatusCode.BadGateway, outage.StatusCode);
        Assert.Equal(2, (await AdminApi.ReadJsonAsync(outage)).GetProperty("metaCode").GetInt32());
        // Writes are not retried: a create retried after a lost answer could be made twice in Meta.
        Assert.Equal(2, meta.Requests("POST").Count);
        var page = await client.GetFromJsonAsync<TemplatePage>($"/api/templates?accountId={account}");
        Assert.Equal(0, page?.Total);
    }

    [Fact]
    public async Task Sync_follows_metas_cursor_over_two_pages_adds_templates_made_in_metas_ui_and_removes_ones_it_no_longer_lists()
    {
        var (client, account, meta) = await AccountAsync();
        var stale = AdminApi.UniqueDigits();
        meta.Answer("POST", 200, $$"""{"id":"{{stale}}","status":"PENDING","category":"UTILITY"}""");
        using (var created = await client.PostAsJsonAsync("/api/templates", Template(account, "apagado_no_meta")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        meta.Answer("GET", 200, $$$"""
            {"data":[{{{MetaStub.Listed("9001", "boas_vindas", "APPROVED")}}},{{{MetaStub.Listed("9002", "lembrete", "PAUSED")}}}],
             "paging":{"cursors":{"before":"b0","after":"c1"},"next":"https://graph.facebook.com/v24.0/x/message_templates?after=c1"}}
            """);
        meta.Answer("GET", 200, $$$$"""
            {"data":[{{{{MetaStub.Listed("9003", "codigo_acesso", "REJECTED")}}}}],"paging":{"cursors":{"before":"c1","after":"c2"}}}
            """, afterCursor: "c1");

        using var response = await client.PostAsync($"/api/templates/sync?accountId={account}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await AdminApi.ReadJsonAsync(response);
        Assert.Equal(1, report.GetProperty("businessAccounts").GetInt32());
        Assert.Equal(3, report.GetProperty("saved").GetInt32());
        Assert.Equal(1, report.GetProperty("removed").GetInt32());
        var pages = meta.Requests("GET");
        Assert.Equal(2, pages.Count);
        Assert.Equal("id,name,language,status,category,parameter_format,components,quality_score,rejected_reason",
            string.Join(",", pages[0].RequestMessage.Query!["fields"]));
        Assert.Equal("c1", pages[1].RequestMessage.Query!["after"].Single());

        var all = await client.GetFromJsonAsync<TemplatePage>($"/api/templates?accountId={account}");
        Assert.Equal(["boas_vindas", "codigo_acesso", "lembrete"], all!.Items.Select(t => t.Name));
        Assert.Equal("GREEN", all.Items[0].QualityScore);
        var paused = await client.GetFromJsonAsync<TemplatePage>($"/api/templates?accountId={account}&status=PAUSED&language=pt_BR");
        Assert.Equal("9002", Assert.Single(paused!.Items).ProviderTemplateId);
        var second = await client.GetFromJsonAsync<TemplatePage>($"/api/templates?accountId={account}&page=2&pageSize=2");
        Assert.Equal((3, "lembrete"), (second!.Total, Assert.Single(second.Items).Name));
        var byName = await client.GetFromJsonAsync<TemplatePage>($"/api/templates?accountId={account}&name=codigo_acesso");
        Assert.Equal("REJECTED", Assert.Single(byName!.Items).Status);
    }

    [Fact]
    public async Task A_signed_status_webhook_updates_the_template_a_late_older_one_does_not_and_the_send_check_follows()
    {
        var (client, account, meta) = await AccountAsync();
        var metaId = AdminApi.UniqueDigits();
        meta.Answer("POST", 200, $$"""{"id":"{{metaId}}","status":"PENDING","category":"UTILITY"}""");
        using var created = await client.PostAsJsonAsync("/api/templates", Template(account, "pedido_enviado"));
        var id = (await AdminApi.ReadJsonAsync(created)).GetProperty("id").GetGuid();
        var waba = meta.Path.Split('/')[2];
        var approved = Fixtures.Read("whatsapp/templates/pywa-template-status-update-approved.json")
            .Replace("102290129340398", waba, StringComparison.Ordinal).Replace("1689556908129832", metaId, StringComparison.Ordinal);
        var catalog = app.Services.GetRequiredService<TemplateCatalog>();
        var registered = (await client.GetFromJsonAsync<ChannelAccount>($"/api/channel-accounts/{account}"))!;
        var body = new TemplateComponent("body", [new TemplateParameter("text", "Maria"), new TemplateParameter("text", "A-77")]);
        var header = new TemplateComponent("header", [new TemplateParameter("text", "A-77")]);

        Assert.Equal(TemplateCheckOutcome.NotApproved, (await catalog.CheckAsync(registered, "pedido_enviado", "pt_BR", [header, body], default)).Outcome);
        using (var webhook = await SignedPosts.PostAsync(client, approved))
            Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        var template = await Eventually.GetAsync(() => client.GetFromJsonAsync<MessageTemplate>($"/api/templates/{id}"), t => t?.Status == "APPROVED");
        Assert.Equal("APPROVED", template?.Status);
        Assert.Equal(TemplateCheckOutcome.Approved, (await catalog.CheckAsync(registered, "pedido_enviado", "pt_BR", [header, body], default)).Outcome);
        Assert.Equal(TemplateCheckOutcome.ParametersMismatch, (await catalog.CheckAsync(registered, "pedido_enviado", "pt_BR", [body], default)).Outcome);
        Assert.Equal(TemplateCheckOutcome.NotFound, (await catalog.CheckAsync(registered, "pedido_enviado", "en_US", [header, body], default)).Outcome);

        var paused = approved.Replace("\"APPROVED\"", "\"PAUSED\"", StringComparison.Ordinal).Replace("1751247548", "1751247600", StringComparison.Ordinal);
        var lateOlder = approved.Replace("1751247548", "1751247500", StringComparison.Ordinal);
        using (var webhook = await SignedPosts.PostAsync(client, paused))
            Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        await Eventually.GetAsync(() => client.GetFromJsonAsync<MessageTemplate>($"/api/templates/{id}"), t => t?.Status == "PAUSED");
        using (var webhook = await SignedPosts.PostAsync(client, lateOlder))
            Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        // The marker: the consumer took the late one and said it did not apply it (older than the stored state).
        await app.Logs.WaitForAsync(line => line.StartsWith($"Template {metaId} status change not applied", StringComparison.Ordinal));
        Assert.Equal("PAUSED", (await client.GetFromJsonAsync<MessageTemplate>($"/api/templates/{id}"))?.Status);
        var check = await catalog.CheckAsync(registered, "pedido_enviado", "pt_BR", [header, body], default);
        Assert.Equal((TemplateCheckOutcome.NotApproved, "Template pedido_enviado (pt_BR) is PAUSED."), (check.Outcome, check.Detail));
    }

    [Fact]
    public async Task Delete_removes_that_translation_in_meta_then_here_and_an_idempotent_create_reaches_meta_once()
    {
        var (client, account, meta) = await AccountAsync();
        var metaId = AdminApi.UniqueDigits();
        meta.Answer("POST", 200, $$"""{"id":"{{metaId}}","status":"PENDING","category":"UTILITY"}""").Answer("DELETE", 200, """{"success":true}""");
        using var created = await AdminApi.PostWithKeyAsync(client, "/api/templates", Template(account, "pedido_enviado"), "tpl-key");
        using var again = await AdminApi.PostWithKeyAsync(client, "/api/templates", Template(account, "pedido_enviado"), "tpl-key");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Single(meta.Requests("POST"));
        var id = (await AdminApi.ReadJsonAsync(created)).GetProperty("id").GetGuid();

        using var deleted = await client.DeleteAsync($"/api/templates/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var call = Assert.Single(meta.Requests("DELETE"));
        Assert.Equal("pedido_enviado", call.RequestMessage.Query!["name"].Single());
        Assert.Equal(metaId, call.RequestMessage.Query!["hsm_id"].Single());
        using var gone = await client.GetAsync($"/api/templates/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM message_templates WHERE provider_template_id = @Id", new { Id = metaId }));
    }

    /// <summary>A fresh account (with its own WABA, so its Meta stubs are its own) and an admin client.</summary>
    private async Task<(HttpClient Client, Guid Account, MetaStub Meta)> AccountAsync()
    {
        var client = app.Client();
        var waba = AdminApi.UniqueDigits();
        var account = await AdminApi.CreateAccountAsync(client, AdminApi.WhatsAppAccount(waba, Token));
        return (client, account.GetProperty("id").GetGuid(), new MetaStub(app.Graph, waba));
    }

    private static Dictionary<string, object?> Template(Guid account, string name) =>
        new(OrderShipped) { ["accountId"] = account, ["name"] = name };
}
