using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Sessions;

/// <summary>
/// A contact who changes numbers keeps the conversation: Meta's system message (facebook/openapi's "System Message" example, its
/// numbers made Brazilian) moves the live session to the new key, and ContactIdentityChanged names both keys.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class IdentityChangeTests(AppFactory app)
{
    private const string Old = "5531988887777";
    private const string New = "5531977776666";

    [Fact]
    public async Task A_changed_number_moves_the_open_session_to_the_new_number_and_the_event_says_both()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Old);
        var before = await Conversations.StateAsync(app, account, Old, "Open");
        await using var probe = await QueueProbe.BindAsync("ContactIdentityChanged");
        var body = SignedPosts.ForAccount(Fixtures.Read("whatsapp/messages/fb-openapi-system-message.json"), account)
            .Replace("16505551234", Old, StringComparison.Ordinal)
            .Replace("12195555358", "553177776666", StringComparison.Ordinal);
        using var client = app.CreateClient();

        (await SignedPosts.PostAsync(client, body)).EnsureSuccessStatusCode();

        var changed = Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1)).Message;
        var moved = await Conversations.StateAsync(app, account, New, "Open");
        var left = await Conversations.StateAsync(app, account, Old, "Closed");
        Assert.Equal(("user_changed_number", Old, New, "553177776666"), (changed.GetProperty("change").GetString(),
            changed.GetProperty("oldContactKey").GetString(), changed.GetProperty("newContactKey").GetString(), changed.GetProperty("newProviderId").GetString()));
        Assert.Equal(before.GetProperty("sessionId").GetGuid(), changed.GetProperty("sessionId").GetGuid());
        Assert.Equal(before.GetProperty("sessionId").GetGuid(), moved.GetProperty("sessionId").GetGuid());
        Assert.Equal("Closed", left.GetProperty("state").GetString());
    }
}
