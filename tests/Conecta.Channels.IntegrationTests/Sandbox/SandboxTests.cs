using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.Accounts;
using Conecta.Channels.Channels.WhatsApp.Sandbox;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Sandbox;

/// <summary>
/// The sandbox of `make run` behaving like Meta for everything the service calls: templates reviewed and their signed
/// status webhook through the real path, sync, delete, template sends, media, and the simulated contact.
/// </summary>
public sealed class SandboxTests
{
    private const string Contact = "5531988887777";

    [Fact]
    public async Task A_template_created_through_the_api_is_approved_by_itself_and_a_send_of_it_then_succeeds()
    {
        await using var app = new SandboxAppFactory();
        using var events = await DevEvents.OpenAsync(app.CreateClient());
        using var admin = SandboxClient.Admin(app);

        var (created, change, stored) = await ReviewedAsync(events, admin, "retomar_contato", "APPROVED");
        var outcome = await SendTemplateAsync(events, admin, "retomar_contato");

        Assert.Equal("PENDING", created.GetProperty("status").GetString());
        Assert.Equal(("status", "APPROVED", "retomar_contato", created.GetProperty("providerTemplateId").GetString(), "sandbox-waba"),
            (change.GetProperty("change").GetString(), change.GetProperty("event").GetString(), change.GetProperty("templateName").GetString(),
             change.GetProperty("templateId").GetString(), change.GetProperty("businessAccountId").GetString()));
        Assert.Equal("APPROVED", stored.GetProperty("status").GetString());
        Assert.Equal("MessageAccepted", outcome.GetProperty("messageType").GetString());
    }

    [Fact]
    public async Task A_template_named_reject_is_rejected_and_a_send_of_it_is_refused_template_not_approved()
    {
        await using var app = new SandboxAppFactory();
        using var events = await DevEvents.OpenAsync(app.CreateClient());
        using var admin = SandboxClient.Admin(app);

        var (_, change, stored) = await ReviewedAsync(events, admin, "reject_retomar_contato", "REJECTED");
        var refused = await SendTemplateAsync(events, admin, "reject_retomar_contato");

        Assert.Equal(("REJECTED", "INVALID_FORMAT"), (change.GetProperty("event").GetString(), change.GetProperty("reason").GetString()));
        Assert.Equal(("REJECTED", "INVALID_FORMAT"), (stored.GetProperty("status").GetString(), stored.GetProperty("statusReason").GetString()));
        Assert.Equal(("MessageRejected", "TemplateNotApproved"),
            (refused.GetProperty("messageType").GetString(), refused.GetProperty("message").GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Sync_reads_the_sandboxs_list_page_by_page_and_a_delete_removes_the_template_there_too()
    {
        await using var app = new SandboxAppFactory(("Templates:SyncPageSize", "2"));
        using var admin = SandboxClient.Admin(app);
        var account = await SandboxClient.AccountIdAsync(admin);
        foreach (var name in new[] { "primeiro", "segundo", "terceiro" }) await SandboxClient.CreateTemplateAsync(admin, account, name);
        var doomed = (await admin.GetFromJsonAsync<JsonElement>("/api/templates?name=segundo")).GetProperty("items")[0].GetProperty("id").GetGuid();

        var synced = await SyncAsync(admin);
        using var deleted = await admin.DeleteAsync($"/api/templates/{doomed}");
        var afterDelete = await SyncAsync(admin);
        var names = (await admin.GetFromJsonAsync<JsonElement>("/api/templates")).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()).Order();

        Assert.Equal((1, 3, 0, 0), (synced.GetProperty("businessAccounts").GetInt32(), synced.GetProperty("saved").GetInt32(),
            synced.GetProperty("removed").GetInt32(), synced.GetProperty("failures").GetArrayLength()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal((2, 0), (afterDelete.GetProperty("saved").GetInt32(), afterDelete.GetProperty("failures").GetArrayLength()));
        Assert.Equal(["primeiro", "terceiro"], names);
    }

    [Fact]
    public async Task The_simulated_contact_sends_text_an_image_and_a_button_reply_as_signed_current_webhooks()
    {
        await using var app = new SandboxAppFactory();
        using var events = await DevEvents.OpenAsync(app.CreateClient());
        using var admin = SandboxClient.Admin(app);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var text = await SandboxClient.ContactSendsAsync(admin, Contact, new { type = "text", text = "Oi, bom dia" });
        var image = await SandboxClient.ContactSendsAsync(admin, Contact, new { type = "image", caption = "meu boleto" });
        var button = await SandboxClient.ContactSendsAsync(admin, Contact, new { type = "button", text = "Sim, pode falar", payload = "SIM" });
        var seen = await events.TakeAsync(4, Type("InboundMessageReceived", "SessionQueued"));
        var inbound = seen.Where(Type("InboundMessageReceived")).Select(e => e.GetProperty("message")).ToList();
        var queued = seen.Single(Type("SessionQueued")).GetProperty("message");
        var mediaId = image.GetProperty("mediaId").GetString();
        using var download = await admin.GetAsync($"/api/media/{SandboxAppFactory.SandboxNumber}/{mediaId}");

        Assert.Equal(new[] { text, image, button }.Select(m => m.GetProperty("messageId").GetString()),
            inbound.Select(m => m.GetProperty("providerMessageId").GetString()));
        Assert.Equal(["text", "image", "button"], inbound.Select(m => m.GetProperty("type").GetString()));
        Assert.All(inbound, m => Assert.Equal((SandboxAppFactory.SandboxNumber, Contact),
            (m.GetProperty("accountId").GetString(), m.GetProperty("contact").GetProperty("contactKey").GetString())));
        Assert.All(inbound, m => Assert.InRange(m.GetProperty("sentAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal("Oi, bom dia", inbound[0].GetProperty("content").GetProperty("text").GetString());
        Assert.Equal((mediaId, "meu boleto"), (inbound[1].GetProperty("content").GetProperty("media").GetProperty("mediaId").GetString(),
            inbound[1].GetProperty("content").GetProperty("media").GetProperty("caption").GetString()));
        var reply = inbound[2].GetProperty("content").GetProperty("reply");
        Assert.Equal(("SIM", "Sim, pode falar"), (reply.GetProperty("id").GetString(), reply.GetProperty("title").GetString()));
        Assert.Equal(("Oi, bom dia", "atendimento"), (queued.GetProperty("firstMessageText").GetString(), queued.GetProperty("team").GetString()));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(SandboxMedia.SampleImage, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_simulated_message_with_a_bad_field_is_a_400_naming_it_and_an_unknown_business_number_a_404()
    {
        await using var app = new SandboxAppFactory();
        using var anonymous = app.CreateClient();
        using var client = SandboxClient.Admin(app);

        using var noToken = await anonymous.PostAsJsonAsync($"/sandbox/contacts/{Contact}/messages", new { type = "text", text = "oi" });
        using var badType = await client.PostAsJsonAsync($"/sandbox/contacts/{Contact}/messages", new { type = "fax" });
        using var badFrom = await client.PostAsJsonAsync("/sandbox/contacts/fulano/messages", new { type = "text", text = "oi" });
        using var noText = await client.PostAsJsonAsync($"/sandbox/contacts/{Contact}/messages", new { type = "button" });
        using var unknown = await client.PostAsJsonAsync($"/sandbox/contacts/{Contact}/messages", new { type = "text", text = "oi", to = "999" });

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(["type"], await ErrorFieldsAsync(badType));
        Assert.Equal(["from"], await ErrorFieldsAsync(badFrom));
        Assert.Equal(["text"], await ErrorFieldsAsync(noText));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Marketing_messages_takes_marketing_templates_only_as_meta_does_and_an_account_that_chose_it_sends_through_it()
    {
        await using var app = new SandboxAppFactory();
        using var events = await DevEvents.OpenAsync(app.CreateClient());
        using var admin = SandboxClient.Admin(app);
        var accountId = await SandboxClient.AccountIdAsync(admin);
        foreach (var (name, category) in new[] { ("oferta_natal", "MARKETING"), ("retomar_contato", "UTILITY") })
        {
            var created = await SandboxClient.CreateTemplateAsync(admin, accountId, name, category);
            await Eventually.ReadAsync(admin, $"/api/templates/{created.GetProperty("id").GetGuid()}", t => t.GetProperty("status").GetString() == "APPROVED");
        }
        var edge = $"{SandboxGraphApi.BasePath}/v24.0/{SandboxAppFactory.SandboxNumber}/marketing_messages";
        object Template(string name) => new
        {
            messaging_product = "whatsapp", recipient_type = "individual", to = Contact, type = "template",
            template = new { name, language = new { code = "pt_BR" } },
        };

        using var marketing = await admin.PostAsJsonAsync(edge, Template("oferta_natal"));
        using var utility = await admin.PostAsJsonAsync(edge, Template("retomar_contato"));
        using var text = await admin.PostAsJsonAsync(edge, new { messaging_product = "whatsapp", to = Contact, type = "text", text = new { body = "oi" } });
        // The setting on the sandbox's own account, through the registry as the sandbox registered it (its WABA id "sandbox-waba"
        // is no id the admin API takes): its marketing template then goes out through marketing_messages.
        var accounts = app.Services.GetRequiredService<ChannelAccountStore>();
        var account = (await accounts.GetAsync(accountId, CancellationToken.None))!;
        var updated = await accounts.UpdateAsync(accountId, account.Version, new ChannelAccountInput(account.Channel, account.ProviderAccountId,
            account.BusinessAccountId, account.DisplayNumber, null, account.GraphApiVersion, account.DefaultTeam, account.RateLimitPerSecond,
            account.JoinNotice, account.LeaveNotice, MarketingMessagesApi: true), CancellationToken.None);
        var sent = await SendTemplateAsync(events, admin, "oferta_natal");

        Assert.Equal(HttpStatusCode.OK, marketing.StatusCode);
        Assert.StartsWith("wamid.sandbox.", (await marketing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("id").GetString(),
            StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, 134100), (utility.StatusCode, await CodeAsync(utility)));
        Assert.Equal((HttpStatusCode.BadRequest, 100), (text.StatusCode, await CodeAsync(text)));
        Assert.True(updated.Account?.MarketingMessagesApi);
        Assert.Equal("MessageAccepted", sent.GetProperty("messageType").GetString());
        Assert.StartsWith("wamid.sandbox.", sent.GetProperty("message").GetProperty("providerMessageId").GetString(), StringComparison.Ordinal);
    }

    private static async Task<int> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetInt32();

    /// <summary>POST /api/templates, then the review's TemplateStatusChanged and the registry holding <paramref name="status"/>.</summary>
    private static async Task<(JsonElement Created, JsonElement Change, JsonElement Stored)> ReviewedAsync(DevEvents events, HttpClient admin,
        string name, string status)
    {
        var created = await SandboxClient.CreateTemplateAsync(admin, await SandboxClient.AccountIdAsync(admin), name);
        var change = (await events.TakeAsync(1, Type("TemplateStatusChanged")))[0].GetProperty("message");
        var stored = await Eventually.ReadAsync(admin, $"/api/templates/{created.GetProperty("id").GetGuid()}", t => t.GetProperty("status").GetString() == status);
        return (created, change, stored);
    }

    /// <summary>A template send over HTTP, and its outcome on /dev/events.</summary>
    private static async Task<JsonElement> SendTemplateAsync(DevEvents events, HttpClient admin, string name)
    {
        using var send = await admin.PostAsJsonAsync("/api/messages", new
        {
            type = "template", accountId = SandboxAppFactory.SandboxNumber, to = Contact, templateName = name, language = "pt_BR",
            components = new[] { new { type = "body", parameters = new[] { new { type = "text", text = "Maria" } } } },
        });
        Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        return (await events.TakeAsync(1, Type("MessageAccepted", "MessageRejected")))[0];
    }

    private static async Task<JsonElement> SyncAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync("/api/templates/sync", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<IEnumerable<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
    }

    private static Func<JsonElement, bool> Type(params string[] types) => e => types.Contains(e.GetProperty("messageType").GetString());
}
