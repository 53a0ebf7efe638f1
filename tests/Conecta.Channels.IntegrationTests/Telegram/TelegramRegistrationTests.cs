using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Telegram;

/// <summary>A bot registered through the admin API: setWebhook first, with the secret the webhook then checks.</summary>
[Collection(ServersCollection.Name)]
public sealed class TelegramRegistrationTests(AppFactory app)
{
    private static Dictionary<string, object?> Input(TestBot bot, string? token = null) => new()
    {
        ["channel"] = "telegram",
        ["providerAccountId"] = bot.Id,
        ["accessToken"] = token ?? bot.Token,
        ["defaultTeam"] = "suporte",
    };

    [Fact]
    public async Task Registering_a_bot_sets_its_webhook_with_the_secret_its_webhook_then_accepts()
    {
        var bot = TestBot.New();
        var api = new BotApiFake(app.BotApi, bot).Always("setWebhook", 200, """{"ok":true,"result":true,"description":"Webhook was set"}""");
        using var admin = app.Client();

        var account = await AdminApi.CreateAccountAsync(admin, Input(bot));

        var secret = TelegramBots.SecretOf(app, bot.Id);
        Assert.Equal(BotApiFake.Canonical($$"""
            {"url":"{{AppFactory.PublicBaseUrl}}/webhooks/telegram/{{bot.Id}}","secret_token":"{{secret}}",
             "allowed_updates":["message","edited_message","callback_query","my_chat_member"]}
            """), BotApiFake.Canonical(Assert.Single(api.Calls("setWebhook"))));
        Assert.Equal(("telegram", 30), (account.GetProperty("channel").GetString(), account.GetProperty("rateLimitPerSecond").GetInt32()));
        Assert.False(account.TryGetProperty("accessToken", out _));
        using var client = app.CreateClient();
        using var update = await TelegramBots.PostAsync(client, bot.Id, TelegramBots.Update("message-text.json"), secret);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
    }

    [Fact]
    public async Task A_bot_telegram_refuses_is_a_422_and_is_not_stored()
    {
        var bot = TestBot.New();
        new BotApiFake(app.BotApi, bot).Always("setWebhook", 401, BotApiFake.Error(401, "Unauthorized"));
        using var admin = app.Client();

        using var response = await admin.PostAsJsonAsync("/api/channel-accounts", Input(bot));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Unauthorized", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var accounts = await admin.GetFromJsonAsync<List<Dictionary<string, object?>>>("/api/channel-accounts?channel=telegram");
        Assert.DoesNotContain(accounts!, a => a["providerAccountId"]?.ToString() == bot.Id);
    }

    [Fact]
    public async Task A_token_of_another_bot_is_a_400_and_telegram_is_never_called()
    {
        var bot = TestBot.New();
        var other = TestBot.New();
        using var admin = app.Client();

        using var response = await admin.PostAsJsonAsync("/api/channel-accounts", Input(bot, token: other.Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((0, 0), (new BotApiFake(app.BotApi, bot).AllCalls(), new BotApiFake(app.BotApi, other).AllCalls()));
    }

    [Theory]
    [InlineData(200, """{"ok":true,"result":true,"description":"Webhook was deleted"}""", HttpStatusCode.OK, "disabled")]
    // A token Telegram no longer accepts: nothing to undo there, the account is disabled all the same.
    [InlineData(401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""", HttpStatusCode.OK, "disabled")]
    // Telegram failing: the account stays active (its updates keep coming) and the admin tries again.
    [InlineData(502, "<html>Bad Gateway</html>", HttpStatusCode.BadGateway, "active")]
    // Any other refusal: the webhook may still be set, so the account stays active and the admin hears why.
    [InlineData(400, """{"ok":false,"error_code":400,"description":"Bad Request: unexpected"}""", HttpStatusCode.UnprocessableEntity, "active")]
    public async Task Disabling_a_bot_deletes_its_webhook_first_keeping_what_telegram_holds(int telegramStatus, string telegramBody,
        HttpStatusCode expected, string status)
    {
        var bot = TestBot.New();
        var api = new BotApiFake(app.BotApi, bot)
            .Always("setWebhook", 200, """{"ok":true,"result":true,"description":"Webhook was set"}""")
            .Always("deleteWebhook", telegramStatus, telegramBody);
        using var admin = app.Client();
        var id = (await AdminApi.CreateAccountAsync(admin, Input(bot))).GetProperty("id").GetGuid();

        using var response = await admin.PostAsync($"/api/channel-accounts/{id}/disable", null);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(BotApiFake.Canonical("""{"drop_pending_updates":false}"""), BotApiFake.Canonical(api.Calls("deleteWebhook")[0]));
        var account = await admin.GetFromJsonAsync<JsonElement>($"/api/channel-accounts/{id}");
        Assert.Equal(status, account.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Registering_a_known_bot_again_is_a_409_and_does_not_set_its_webhook_again()
    {
        var bot = TestBot.New();
        var api = new BotApiFake(app.BotApi, bot)
            .Always("setWebhook", 200, """{"ok":true,"result":true,"description":"Webhook was set"}""")
            .Always("deleteWebhook", 200, """{"ok":true,"result":true,"description":"Webhook was deleted"}""");
        using var admin = app.Client();
        var id = (await AdminApi.CreateAccountAsync(admin, Input(bot))).GetProperty("id").GetGuid();
        using (var disabled = await admin.PostAsync($"/api/channel-accounts/{id}/disable", null)) Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        using var again = await admin.PostAsJsonAsync("/api/channel-accounts", Input(bot));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // Only the first registration set it: the disabled bot's webhook stays deleted.
        Assert.Single(api.Calls("setWebhook"));
    }
}
