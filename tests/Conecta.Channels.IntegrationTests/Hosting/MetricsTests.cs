using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>
/// GET /metrics on the real Program and servers: every family of docs/operating.md counts what the service did (a webhook, a
/// retry of it, a dead letter, a session opened, a text sent through the Graph fake, a template's status), read from the
/// Prometheus text as a scraper reads it; no label names a contact, an account, a message or a token; off by default in
/// Production; anonymous only on its own listener with Metrics:Port.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed partial class MetricsTests(AppFactory shared)
{
    private const string Contact = "5531988887777";

    [Fact]
    public async Task Every_family_counts_what_the_service_did_and_no_label_names_a_person_or_an_account()
    {
        using var app = new AppFactory([("Metrics:Access", "Token")]);
        using var client = app.Client();
        using var anonymous = app.CreateClient();
        var waba = AdminApi.UniqueDigits();
        var registered = await AdminApi.CreateAccountAsync(client, AdminApi.WhatsAppAccount(waba, accessToken: "EAAG-metrics-token"));
        var account = registered.GetProperty("providerAccountId").GetString()!;
        var wamid = "wamid.METRICS." + account;
        new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted(wamid, Contact)));
        var before = await ScrapeAsync(client);

        // The contact writes (a session opens), and Meta sends the same webhook again: a dedup hit.
        var write = ContactWrites.InboundText(account, Contact, "oi, preciso de ajuda");
        await PostWebhookAsync(client, write);
        await PostWebhookAsync(client, write);
        await Eventually.ReadAsync(client, $"/api/conversations/{account}/{Contact}", c => c.GetProperty("state").GetString() == "Open");
        // A signed body nobody can read: a dead letter, acknowledged.
        await PostWebhookAsync(client, """{"object":"whatsapp_business_account","entry":"metrics test"}""");
        // Meta approves a template this service never stored: counted, not applied.
        await PostWebhookAsync(client, Fixtures.Read("whatsapp/templates/pywa-template-status-update-approved.json")
            .Replace("102290129340398", waba, StringComparison.Ordinal));
        // A text to the contact goes out through the Graph fake.
        using var sent = await client.PostAsJsonAsync("/api/messages", new { type = "text", accountId = account, to = Contact, text = "Oi, sou a Ana." });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var command = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetGuid();
        await Eventually.ReadAsync(client, $"/api/commands/{command}", c => c.GetProperty("outcome").GetString() == "accepted");

        (string Name, (string, string)[] Labels)[] families =
        [
            ("conecta_webhooks_received_total", [("channel", "whatsapp"), ("result", "accepted"), ("reason", "ok")]),
            ("conecta_inbound_events_published_total", [("channel", "whatsapp")]),
            ("conecta_events_publish_duration_seconds_count", [("type", "InboundMessageReceived"), ("result", "confirmed")]),
            ("conecta_events_publish_duration_seconds_count", [("type", "SessionQueued"), ("result", "confirmed")]),
            ("conecta_inbound_events_duplicates_total", [("channel", "whatsapp")]),
            ("conecta_dead_letters_total", [("channel", "whatsapp"), ("kind", "unreadable")]),
            ("conecta_sessions_transitions_total", [("from", "None"), ("to", "Open")]),
            ("conecta_templates_changes_total", [("change", "status"), ("value", "APPROVED"), ("applied", "false")]),
            ("conecta_outbound_commands_total", [("channel", "whatsapp"), ("command", "SendText"), ("outcome", "accepted"), ("reason", "none")]),
            ("conecta_outbound_rate_limit_wait_seconds_count", [("channel", "whatsapp"), ("scope", "recipient"), ("result", "acquired")]),
            ("conecta_outbound_rate_limit_wait_seconds_count", [("channel", "whatsapp"), ("scope", "account"), ("result", "acquired")]),
            ("conecta_provider_request_duration_seconds_count",
                [("channel", "whatsapp"), ("method", "POST"), ("endpoint", "/v24.0/{id}/messages"), ("status", "200")]),
        ];
        double Grown(IReadOnlyList<PrometheusSample> now, (string Name, (string, string)[] Labels) family) =>
            now.Sum(family.Name, family.Labels) - before.Sum(family.Name, family.Labels);
        // The template's change and the text's outcome are counted by bus consumers, a moment after the webhook's 200.
        var after = await Eventually.GetAsync(() => ScrapeAsync(client), now => families.All(f => Grown(now, f) > 0));
        var text = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.All(families, family => Assert.True(Grown(after, family) > 0, $"{family.Name}{{{string.Join(",", family.Labels)}}} did not grow"));
        Assert.Equal(1, Grown(after, families[4]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        foreach (var secret in new[] { Contact, "553188887777", account, waba, wamid, "EAAG-metrics-token", "1689556908129832" })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(after.SelectMany(s => s.Labels.Values), value => PersonalLooking().IsMatch(value));
    }

    [Fact]
    public async Task Production_has_no_metrics_endpoint_by_default()
    {
        using var anonymous = shared.CreateClient();
        using var reader = shared.Client(AdminTokens.ReaderRole);

        // Unmapped: the fallback policy refuses a caller without a token, and a reader finds nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task With_a_port_of_its_own_metrics_answer_anonymously_there_and_nowhere_else()
    {
        var (listener, metrics) = (Ports.Free(), Ports.Free());
        using var app = AppFactory.Listening(
            [("Metrics:Access", "Anonymous"), ("Metrics:Port", metrics.ToString(CultureInfo.InvariantCulture))], listener, metrics);
        using var http = new HttpClient();

        using var scrape = await http.GetAsync($"http://127.0.0.1:{metrics}/metrics");
        using var elsewhere = await http.GetAsync($"http://127.0.0.1:{listener}/metrics");

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE ", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task PostWebhookAsync(HttpClient client, string body)
    {
        using var response = await SignedPosts.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A run of eight digits (a phone number, an account or template id), a wamid or a Meta token.</summary>
    [GeneratedRegex(@"\d{8}|wamid|EAAG")]
    private static partial Regex PersonalLooking();
}
