using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Conecta.Channels.Accounts;
using Conecta.Channels.Channels.Telegram;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Telegram;

/// <summary>A bot of one test: a fresh id, so its EventIds, sessions and started chats are its own.</summary>
internal sealed record TestBot(string Id, string Token)
{
    public static TestBot New()
    {
        var id = "8" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        return new TestBot(id, $"{id}:AAH-it-{Guid.NewGuid():N}");
    }
}

/// <summary>Bots registered as an admin would, and updates posted as Telegram posts them.</summary>
internal static class TelegramBots
{
    public const string Chat = "987654321";

    /// <summary>Straight into the registry (the registration test goes through the admin API and setWebhook).</summary>
    public static async Task<TestBot> RegisterAsync(WebApplicationFactory<Program> app, TestBot? known = null)
    {
        var bot = known ?? TestBot.New();
        var write = await app.Services.GetRequiredService<ChannelAccountStore>().CreateAsync(
            new ChannelAccountInput("telegram", bot.Id, null, null, bot.Token, null, "suporte", null, null, null), CancellationToken.None);
        Assert.NotNull(write.Account);
        return bot;
    }

    public static string SecretOf(WebApplicationFactory<Program> app, string botId) =>
        app.Services.GetRequiredService<TelegramWebhookSecret>().For(botId);

    /// <summary>POST /webhooks/telegram/{bot} with the bot's secret, another secret, or none.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string botId, string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/telegram/{botId}") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (secret is not null) request.Headers.Add(TelegramWebhookSecret.HeaderName, secret);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostAsync(WebApplicationFactory<Program> app, HttpClient client, TestBot bot, string body) =>
        PostAsync(client, bot.Id, body, SecretOf(app, bot.Id));

    /// <summary>A text from a private chat, sent now.</summary>
    public static string Text(long updateId, long messageId, string text, string chat = Chat) => $$$"""
        {"update_id":{{{updateId}}},"message":{"message_id":{{{messageId}}},
         "from":{"id":{{{chat}}},"is_bot":false,"first_name":"Ana","username":"anasouza"},
         "chat":{"id":{{{chat}}},"first_name":"Ana","username":"anasouza","type":"private"},
         "date":{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}},"text":"{{{text}}}"}}
        """;

    /// <summary>An update written from the Bot API docs (the unit tests' table), as posted.</summary>
    public static string Update(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Telegram", "Updates", file));

    public static IEnumerable<string> UpdateFiles() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Telegram", "Updates"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);
}
