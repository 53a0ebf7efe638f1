using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conecta.Channels.IntegrationTests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>The HTTP side of outbound: POST /api/messages and the media proxy, against the WireMock Graph API.</summary>
[Collection(ServersCollection.Name)]
public sealed class MediaAndMessagesApiTests(AppFactory app)
{
    [Fact]
    public async Task Post_api_messages_answers_202_with_the_command_id_and_the_outcome_arrives_on_the_bus()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, "5531988887777");
        new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.HTTP", "5531988887777")));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted");
        using var client = app.Client();
        var commandId = Guid.NewGuid();

        using var response = await client.PostAsJsonAsync("/api/messages",
            new { type = "text", commandId, accountId = account, to = "5531988887777", text = "pelo HTTP" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(commandId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetGuid());
        var accepted = Assert.Single(await outcomes.TakeAsync(1, only: BusMessage.Of(account)));
        Assert.Equal(commandId, accepted.Message.GetProperty("commandId").GetGuid());
    }

    [Fact]
    public async Task Post_api_messages_refuses_a_malformed_command_with_a_validation_problem_and_no_token_with_401()
    {
        using var client = app.Client();
        using var anonymous = app.CreateClient();

        using var malformed = await client.PostAsJsonAsync("/api/messages", new { type = "media", accountId = "1", to = "5531988887777", kind = "image" });
        using var unknownType = await client.PostAsJsonAsync("/api/messages", new { type = "fax", accountId = "1", to = "5531988887777" });
        using var unauthorized = await anonymous.PostAsJsonAsync("/api/messages", new { type = "text" });

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var problem = await malformed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Exactly one of link and mediaId is required.", problem.GetProperty("errors").GetProperty("link")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task An_interactive_list_over_http_reaches_meta_as_its_documented_list_and_four_buttons_are_a_400_naming_the_field()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, "5531988887777");
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.LIST", "5531988887777")));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        using var client = app.Client();
        var buttons = Enumerable.Range(1, 4).Select(i => new { id = $"b{i}", title = $"Opção {i}" }).ToArray();

        using var tooMany = await client.PostAsJsonAsync("/api/messages",
            new { type = "interactive", kind = "button", accountId = account, to = "5531988887777", body = "Escolha", buttons });
        using var rowTooLong = await client.PostAsJsonAsync("/api/messages", new
        {
            type = "interactive", kind = "list", accountId = account, to = "5531988887777", body = "Escolha", listButton = "Ver",
            sections = new[] { new { title = "Financeiro", rows = new[] { new { id = "2via", title = "Segunda via do boleto de março" } } } },
        });
        using var list = await client.PostAsJsonAsync("/api/messages", new
        {
            type = "interactive", kind = "list", accountId = account, to = "5531988887777", body = "Escolha o assunto:", listButton = "Ver opções",
            sections = new[] { new { title = "Financeiro", rows = new[] { new { id = "2via", title = "Segunda via", description = "Boleto ou Pix" } } } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("A button message has 1 to 3 buttons.",
            (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("buttons")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, rowTooLong.StatusCode);
        Assert.True((await rowTooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sections[0].rows[0].title", out _));
        Assert.Equal(HttpStatusCode.Accepted, list.StatusCode);
        Assert.Equal("MessageAccepted", Assert.Single(await outcomes.TakeAsync(1, only: BusMessage.Of(account))).MessageType);
        var sent = Assert.Single(graph.Sends());
        Assert.Equal("interactive", sent.GetProperty("type").GetString());
        var interactive = sent.GetProperty("interactive");
        Assert.Equal("list", interactive.GetProperty("type").GetString());
        Assert.Equal("Ver opções", interactive.GetProperty("action").GetProperty("button").GetString());
        var row = interactive.GetProperty("action").GetProperty("sections")[0].GetProperty("rows")[0];
        Assert.Equal(("2via", "Segunda via", "Boleto ou Pix"),
            (row.GetProperty("id").GetString(), row.GetProperty("title").GetString(), row.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task A_reaction_to_a_contact_with_no_conversation_is_refused_template_required_before_the_network()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.NO", "5531977770000")));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        using var client = app.Client();

        using var response = await client.PostAsJsonAsync("/api/messages",
            new { type = "reaction", accountId = account, to = "5531977770000", providerMessageId = "wamid.IN", emoji = "" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var rejected = Assert.Single(await outcomes.TakeAsync(1, only: BusMessage.Of(account)));
        Assert.Equal("MessageRejected", rejected.MessageType);
        Assert.Equal("TemplateRequired", rejected.Message.GetProperty("reason").GetString());
        Assert.Empty(graph.Sends());
    }

    [Fact]
    public async Task Inbound_media_is_streamed_from_meta_with_the_bearer_token_and_a_user_agent()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        var mediaId = AdminApi.UniqueDigits();
        var bytes = Encoding.UTF8.GetBytes(new string('x', 256 * 1024));
        app.Graph.Given(Request.Create().WithPath($"/v24.0/{mediaId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                $$"""{"url":"{{app.Graph.Url}}/lookaside/{{mediaId}}","mime_type":"image/jpeg","sha256":"abc","file_size":{{bytes.Length}}}"""));
        app.Graph.Given(Request.Create().WithPath($"/lookaside/{mediaId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "image/jpeg").WithBody(bytes));
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/media/{account}/{mediaId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        var download = Assert.Single(app.Graph.LogEntries, e => e.RequestMessage.Path == $"/lookaside/{mediaId}");
        Assert.Equal("Bearer " + RegisteredAccounts.AccessToken, download.RequestMessage.Headers!["Authorization"].Single());
        Assert.StartsWith("Conecta.Channels", download.RequestMessage.Headers!["User-Agent"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_is_forwarded_as_multipart_and_answers_the_media_id()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        app.Graph.Given(Request.Create().WithPath($"/v24.0/{account}/media").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"4490709327384033"}"""));
        using var client = app.Client();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-1.7 contrato"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "contrato.pdf");

        using var response = await client.PostAsync($"/api/media/{account}", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4490709327384033", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mediaId").GetString());
        var upload = Assert.Single(app.Graph.LogEntries, e => e.RequestMessage.Path == $"/v24.0/{account}/media");
        var body = upload.RequestMessage.Body ?? Encoding.UTF8.GetString(upload.RequestMessage.BodyAsBytes ?? []);
        Assert.Contains("name=messaging_product", body, StringComparison.Ordinal);
        Assert.Contains("application/pdf", body, StringComparison.Ordinal);
        Assert.Contains("%PDF-1.7 contrato", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Graph's answer names where to download: only https on Meta's media host (and the origins configured, here the Graph
    /// fake's) get the account's token. Another loopback server (the Bot API fake), https elsewhere, plain http to Meta's
    /// host: refused with a 502 problem before any request is made.
    /// </summary>
    [Theory]
    [InlineData("bot-api")]
    [InlineData("https://media.evil.example/steal")]
    [InlineData("http://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1")]
    public async Task A_download_url_outside_the_media_origins_is_refused_without_sending_the_token(string where)
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        var mediaId = AdminApi.UniqueDigits();
        var url = where == "bot-api" ? $"{app.BotApi.Url}/lookaside/{mediaId}" : where;
        app.Graph.Given(Request.Create().WithPath($"/v24.0/{mediaId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"url":"{{url}}","mime_type":"image/jpeg","sha256":"abc","file_size":3}"""));
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/media/{account}/{mediaId}");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("not one of WhatsApp:MediaOrigins; the access token was not sent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.BotApi.LogEntries, e => e.RequestMessage.Path == $"/lookaside/{mediaId}");
    }

    [Theory]
    [InlineData("..%2F..")]
    [InlineData("123abc")]
    [InlineData("%2E%2E%2Fme")]
    [InlineData("12%3Ffields%3Daccess_token")]
    public async Task A_media_id_that_is_not_digits_is_a_400_naming_media_id_and_graph_is_not_called(string mediaId)
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.Client();
        var started = DateTime.UtcNow.AddSeconds(-1);

        using var response = await client.GetAsync($"/api/media/{account}/{mediaId}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("A media id is digits only, as Meta gives it (at most 64).", problem.GetProperty("errors").GetProperty("mediaId")[0].GetString());
        // No media lookup at all since (other tests' late sends are POSTs; a template sync reads message_templates).
        Assert.DoesNotContain(app.Graph.LogEntries, e => e.RequestMessage.Method == "GET" && e.RequestMessage.DateTime.ToUniversalTime() >= started
            && e.RequestMessage.Path.StartsWith("/v24.0/", StringComparison.Ordinal) && !e.RequestMessage.Path.EndsWith("/message_templates", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "contrato.pdf", "file.contentType")]
    [InlineData("pdf", "contrato.pdf", "file.contentType")]
    [InlineData("application/pdf", "con\"trato.pdf", "file.fileName")]
    [InlineData("application/pdf", "contrato.pdf\r\nX-Injected: 1", "file.fileName")]
    public async Task An_upload_without_a_media_type_or_with_quotes_or_crlf_in_its_name_is_a_400_naming_the_field(string? contentType, string fileName,
        string field)
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.Client();
        // Written by hand: HttpClient's own multipart writer would refuse (or escape) what a hostile client sends as is.
        var boundary = "it-" + Guid.NewGuid().ToString("N");
        var part = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}\r\n" +
            (contentType is null ? "" : $"Content-Type: {contentType}\r\n") + $"\r\n%PDF-1.7\r\n--{boundary}--\r\n";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(part));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

        using var response = await client.PostAsync($"/api/media/{account}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.DoesNotContain(app.Graph.LogEntries, e => e.RequestMessage.Path == $"/v24.0/{account}/media");
    }
}
