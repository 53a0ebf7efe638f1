using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Conecta.Channels.IntegrationTests.Telegram;

/// <summary>
/// Telegram files through the one media proxy and back out: getFile and the file download (Bot API, "getFile": the file at
/// /file/bot&lt;token&gt;/&lt;file_path&gt;), multipart uploads (Bot API, "Sending files": a new file posted as multipart/form-data), and
/// sendVoice; the WireMock Bot API answers as the docs show.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class TelegramMediaTests(AppFactory app)
{
    private const string VoiceId = "AwACAgEAAxkBAAIBXvoice";

    [Fact]
    public async Task An_inbound_voice_note_is_streamed_through_getfile_and_the_token_stays_out_of_the_answer_and_the_logs()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot).Always("getFile", 200,
            $$$"""{"ok":true,"result":{"file_id":"{{{VoiceId}}}","file_unique_id":"AgADvoice","file_size":11,"file_path":"voice/file_3.oga"}}""");
        app.BotApi.Given(Request.Create().WithPath($"/file/bot{bot.Token}/voice/file_3.oga").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "audio/ogg").WithBody("OggS-opus-1"));
        using var client = app.Client();
        // The id the inbound event carries (Telegram/Updates/message-voice.json).
        (await TelegramBots.PostAsync(app, client, bot, TelegramBots.Update("message-voice.json"))).EnsureSuccessStatusCode();

        using var response = await client.GetAsync($"/api/media/{bot.Id}/{VoiceId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("audio/ogg", "nosniff", "OggS-opus-1"), (response.Content.Headers.ContentType?.MediaType,
            response.Headers.GetValues("X-Content-Type-Options").Single(), await response.Content.ReadAsStringAsync()));
        Assert.Equal(VoiceId, Assert.Single(api.Calls("getFile")).GetProperty("file_id").GetString());
        Assert.Single(app.BotApi.LogEntries, e => e.RequestMessage.Path == $"/file/bot{bot.Token}/voice/file_3.oga");
        var secret = bot.Token.Split(':')[1];
        Assert.DoesNotContain(secret, response.Headers.ToString() + response.Content.Headers, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines(), line => line.Contains(secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("..%2FgetMe")]
    [InlineData("AgAC%3Foffset%3D1")]
    [InlineData("AgAC%20AgAC")]
    public async Task A_file_id_outside_telegram_s_alphabet_is_a_400_naming_media_id_and_the_bot_api_is_not_called(string fileId)
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot);
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/media/{bot.Id}/{fileId}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("A Telegram file_id is letters, digits, '-' and '_' only, as Telegram gives it (at most 256).",
            problem.GetProperty("errors").GetProperty("mediaId")[0].GetString());
        Assert.Equal(0, api.AllCalls());
    }

    [Theory]
    [InlineData("../bot7000000002:AAH-other/getMe")]
    [InlineData("/var/lib/telegram-bot-api/photos/file_0.jpg")]
    [InlineData(null)]
    public async Task A_file_path_that_is_not_relative_is_a_502_and_nothing_is_downloaded(string? path)
    {
        var bot = await TelegramBots.RegisterAsync(app);
        new BotApiFake(app.BotApi, bot).Always("getFile", 200,
            "{\"ok\":true,\"result\":{\"file_id\":\"BQACAgEAAxkBAAIBZdoc\",\"file_unique_id\":\"AgADdoc\"" + (path is null ? "" : $",\"file_path\":\"{path}\"") + "}}");
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/media/{bot.Id}/BQACAgEAAxkBAAIBZdoc");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("Telegram answered no file path to download", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.DoesNotContain(app.BotApi.LogEntries, e => e.RequestMessage.Method == "GET" && e.RequestMessage.Path.Contains(bot.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_telegram_refuses_is_a_502_with_its_code_and_description()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        new BotApiFake(app.BotApi, bot).Always("getFile", 400, BotApiFake.Error(400, "Bad Request: file is too big"));
        using var client = app.Client();

        using var response = await client.GetAsync($"/api/media/{bot.Id}/BAACAgEAAxkBAAIBU2video");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Telegram refused the file request", "Bad Request: file is too big", 400), (problem.GetProperty("title").GetString(),
            problem.GetProperty("detail").GetString(), problem.GetProperty("providerCode").GetInt32()));
    }

    [Fact]
    public async Task An_upload_is_posted_as_multipart_to_the_media_chat_and_its_file_id_goes_out_again_with_sendDocument()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot)
            .Always("sendDocument", 200, $$$$"""
                {"ok":true,"result":{"message_id":12,"chat":{"id":{{{{AppFactory.TelegramMediaChat}}}},"type":"channel","title":"Conecta arquivos"},"date":1750000000,
                 "document":{"file_name":"contrato.pdf","mime_type":"application/pdf","file_id":"BQACAgEAAxkDAAMMdoc","file_unique_id":"AgADdoc","file_size":17}}}
                """);
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        using var client = app.Client();

        using var response = await client.PostAsync($"/api/media/{bot.Id}", Form("application/pdf", "contrato.pdf", "%PDF-1.7 contrato"));
        var uploaded = await response.Content.ReadFromJsonAsync<JsonElement>();
        await app.PublishAsync(new SendMedia(Guid.NewGuid(), bot.Id, TelegramBots.Chat, "document", MediaId: uploaded.GetProperty("mediaId").GetString(),
            Caption: "Seu contrato"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("BQACAgEAAxkDAAMMdoc", "document", false), (uploaded.GetProperty("mediaId").GetString(), uploaded.GetProperty("kind").GetString(),
            uploaded.GetProperty("voice").GetBoolean()));
        var parts = Assert.Single(await api.MultipartCallsAsync("sendDocument"));
        Assert.Equal([("chat_id", null, "text/plain; charset=utf-8", AppFactory.TelegramMediaChat), ("document", "contrato.pdf", "application/pdf", "%PDF-1.7 contrato")],
            parts.Select(p => (p.Name, p.FileName, p.ContentType, p.Content)));
        var accepted = Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id)));
        Assert.Equal("MessageAccepted", accepted.MessageType);
        Assert.Equal(BotApiFake.Canonical($$$"""{"chat_id":{{{TelegramBots.Chat}}},"document":"BQACAgEAAxkDAAMMdoc","caption":"Seu contrato"}"""),
            BotApiFake.Canonical(Assert.Single(api.Calls("sendDocument"))));
    }

    [Fact]
    public async Task An_ogg_upload_is_a_voice_note_and_sendMedia_voice_goes_with_sendVoice()
    {
        var bot = await TelegramBots.RegisterAsync(app);
        var api = new BotApiFake(app.BotApi, bot)
            .Always("sendVoice", 200, $$$$"""
                {"ok":true,"result":{"message_id":13,"chat":{"id":{{{{AppFactory.TelegramMediaChat}}}},"type":"channel"},"date":1750000000,
                 "voice":{"duration":2,"mime_type":"audio/ogg","file_id":"AwACAgEAAxkDAAMNvoice","file_unique_id":"AgADvoice","file_size":11}}}
                """);
        using var client = app.Client();

        using var response = await client.PostAsync($"/api/media/{bot.Id}", Form("audio/ogg", "recado.ogg", "OggS-opus-1"));
        var uploaded = await response.Content.ReadFromJsonAsync<JsonElement>();
        var upload = Assert.Single(await api.MultipartCallsAsync("sendVoice"));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        await app.PublishAsync(new SendMedia(Guid.NewGuid(), bot.Id, TelegramBots.Chat, "audio", MediaId: "AwACAgEAAxkDAAMNvoice", Voice: true));

        Assert.Equal(("AwACAgEAAxkDAAMNvoice", "audio", true), (uploaded.GetProperty("mediaId").GetString(), uploaded.GetProperty("kind").GetString(),
            uploaded.GetProperty("voice").GetBoolean()));
        Assert.Equal([("chat_id", null), ("voice", "recado.ogg")], upload.Select(p => (p.Name, p.FileName)));
        Assert.Equal("MessageAccepted", Assert.Single(await outcomes.TakeAsync(expected: 1, only: BusMessage.Of(bot.Id))).MessageType);
        Assert.Equal(BotApiFake.Canonical($$$"""{"chat_id":{{{TelegramBots.Chat}}},"voice":"AwACAgEAAxkDAAMNvoice"}"""),
            BotApiFake.Canonical(Assert.Single(api.Calls("sendVoice"))));
    }

    private static MultipartFormDataContent Form(string contentType, string fileName, string content)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
