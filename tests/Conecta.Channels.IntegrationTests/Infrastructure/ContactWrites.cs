using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// A contact writing first: the signed inbound text that opens the 24-hour window, after which an
/// agent's free text may go out (before it, the session rules refuse it).
/// </summary>
internal static class ContactWrites
{
    /// <param name="sentAt">Meta's timestamp of the message (the window runs 24 h from it); now when null.</param>
    public static string InboundText(string accountId, string from, string text, DateTimeOffset? sentAt = null)
    {
        var payload = JsonNode.Parse(SignedPosts.ForAccount(Fixtures.Read("whatsapp/messages/pywa-message-text.json"), accountId))!;
        var value = payload["entry"]![0]!["changes"]![0]!["value"]!;
        value["contacts"]![0]!["wa_id"] = from;
        var message = value["messages"]![0]!;
        message["from"] = from;
        message["id"] = "wamid.IN." + Guid.NewGuid().ToString("N");
        message["timestamp"] = (sentAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        message["text"]!["body"] = text;
        return payload.ToJsonString();
    }

    /// <summary>
    /// Posts the contact's message and waits until the session is queued, and stored open (SessionQueued is published
    /// just before the session is stored): a command sent next finds the window open.
    /// </summary>
    public static async Task OpenWindowAsync(WebApplicationFactory<Program> app, string accountId, string from, string secret = AppFactory.AppSecret)
    {
        await using var queued = await QueueProbe.BindAsync("SessionQueued");
        using var client = app.CreateClient();
        using var response = await SignedPosts.PostAsync(client, InboundText(accountId, from, "oi, preciso de ajuda"), secret);
        response.EnsureSuccessStatusCode();
        Assert.Single(await queued.TakeAsync(1, settle: TimeSpan.Zero, only: BusMessage.Of(accountId)));
        Assert.Equal("Open", (await Conversations.StateAsync(app, accountId, from, "Open")).GetProperty("state").GetString());
    }
}
