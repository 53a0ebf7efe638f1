using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>The conversations and commands API as a client meets it: roles, errors naming the JSON field, idempotency, the read side.</summary>
[Collection(ServersCollection.Name)]
public sealed class ConversationsApiTests(AppFactory app)
{
    private const string Contact = "5531988887777";

    [Fact]
    public async Task Writes_need_an_admin_token_and_reads_a_reader_token()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        using var anonymous = app.CreateClient();
        using var reader = app.Client(AdminTokens.ReaderRole);
        var start = new { agentId = "ana", team = "vendas", templateName = ApprovedTemplates.Name, language = "pt_BR" };

        using var anonymousRead = await anonymous.GetAsync($"/api/conversations/{account}/{Contact}");
        using var anonymousWrite = await anonymous.PostAsJsonAsync($"/api/conversations/{account}/{Contact}/start", start);
        using var readerWrite = await reader.PostAsJsonAsync($"/api/conversations/{account}/{Contact}/start", start);
        using var readerEnd = await reader.PostAsync($"/api/conversations/{account}/{Contact}/end", null);
        using var readerRead = await reader.GetAsync($"/api/conversations/{account}/{Contact}");
        using var readerCommand = await reader.GetAsync($"/api/commands/{Guid.NewGuid()}");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymousRead.StatusCode, anonymousWrite.StatusCode));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (readerWrite.StatusCode, readerEnd.StatusCode));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (readerRead.StatusCode, readerCommand.StatusCode));
        var none = await readerRead.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("None", "TemplateRequired", Contact), (none.GetProperty("state").GetString(), none.GetProperty("freeText").GetString(),
            none.GetProperty("contactKey").GetString()));
    }

    [Theory]
    [InlineData("start", """{"team": "vendas", "templateName": "retomar_contato", "language": "pt_BR"}""", "agentId", "agentId is required.")]
    [InlineData("start", """{"agentId": "ana", "team": "vendas", "language": "pt_BR"}""", "templateName", "templateName is required.")]
    [InlineData("start", """{"agentId": "ana", "team": "vendas", "templateName": "x", "language": "pt_BR", "components": [{"type": "footer", "parameters": []}]}""",
        "components[0].type", "Unknown component type 'footer'.")]
    [InlineData("notices", """{"agentName": "Ana"}""", "joined", "joined is required: true for the join notice, false for the leave notice.")]
    [InlineData("notices", """{"joined": true}""", "agentName", "agentName is required.")]
    public async Task A_malformed_command_is_a_400_naming_the_json_field(string action, string body, string field, string message)
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.Client();

        using var response = await client.PostAsync($"/api/conversations/{account}/{Contact}/{action}", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(message, Assert.Single(errors.EnumerateObject(), e => e.Name == field).Value[0].GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_saying_which_field_on_which_line()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.Client();

        using var wrongType = await client.PostAsync($"/api/conversations/{account}/{Contact}/start",
            Json("{\n  \"commandId\": \"not-a-uuid\",\n  \"agentId\": \"ana\"\n}"));
        using var broken = await client.PostAsync("/api/messages", Json("""{"type": "text", "text": "oi" "to": "5531988887777"}"""));
        using var sendWithoutTemplate = await client.PostAsJsonAsync("/api/messages", new { type = "template", accountId = account, to = Contact, language = "pt_BR" });

        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var problem = await wrongType.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("line 2", problem.GetProperty("errors").GetProperty("commandId")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("$.commandId (line 2, position", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("line 1, position 31", (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var templateName = (await sendWithoutTemplate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("templateName");
        Assert.Equal("templateName is required.", templateName[0].GetString());
    }

    [Fact]
    public async Task An_unregistered_account_is_a_404_and_a_contact_the_channel_cannot_name_a_400()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.Client();
        var unknown = AdminApi.UniqueDigits();

        using var start = await client.PostAsJsonAsync($"/api/conversations/{unknown}/{Contact}/start",
            new { agentId = "ana", team = "vendas", templateName = ApprovedTemplates.Name, language = "pt_BR" });
        using var read = await client.GetAsync($"/api/conversations/{unknown}/{Contact}");
        using var notAContact = await client.GetAsync($"/api/conversations/{account}/fulano");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (start.StatusCode, read.StatusCode));
        Assert.Equal("Unknown channel account", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notAContact.StatusCode);
        Assert.True((await notAContact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("contact", out _));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_answer_another_request_with_it_is_422_and_an_empty_one_400()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.Client();
        var key = Guid.NewGuid().ToString();
        var notice = new { agentName = "Ana", joined = true };

        using var first = await AdminApi.PostWithKeyAsync(client, $"/api/conversations/{account}/{Contact}/notices", notice, key);
        using var again = await AdminApi.PostWithKeyAsync(client, $"/api/conversations/{account}/{Contact}/notices", notice, key);
        using var otherContact = await AdminApi.PostWithKeyAsync(client, $"/api/conversations/{account}/5531977776666/notices", notice, key);
        // A blank key (a script's unset variable): HttpClient, like curl, drops a header whose value is empty, so blank is what arrives.
        using var empty = await AdminApi.PostWithKeyAsync(client, $"/api/conversations/{account}/{Contact}/notices", notice, " ");
        using var emptyOnMessages = await AdminApi.PostWithKeyAsync(client, "/api/messages",
            new { type = "text", accountId = account, to = Contact, text = "oi" }, " ");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetGuid(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetGuid());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherContact.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (empty.StatusCode, emptyOnMessages.StatusCode));
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task A_commands_outcome_reads_back_at_its_location_with_the_typed_reason()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.Client();

        using var sent = await client.PostAsJsonAsync("/api/messages", new { type = "text", accountId = account, to = Contact, text = "oi" });
        var location = sent.Headers.Location!.ToString();
        var outcome = await Eventually.ReadAsync(client, location, view => view.GetProperty("outcome").GetString() != "pending");
        // An unknown command: not yet processed, past its retention, or an EndSession.
        using var unknown = await client.GetAsync($"/api/commands/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.StartsWith("/api/commands/", location, StringComparison.Ordinal);
        Assert.Equal(("rejected", "TemplateRequired", false, account), (outcome.GetProperty("outcome").GetString(), outcome.GetProperty("reason").GetString(),
            outcome.GetProperty("retryable").GetBoolean(), outcome.GetProperty("accountId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
