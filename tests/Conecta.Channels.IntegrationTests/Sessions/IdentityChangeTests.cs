using Conecta.Channels.Contracts.Commands;
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
        var body = ChangedNumber(account);
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

    [Fact]
    public async Task A_command_to_the_old_number_after_the_change_reaches_graph_addressed_to_the_new_number()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        await ContactWrites.OpenWindowAsync(app, account, Old);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.MOVED", "553177776666")));
        await using var probe = await QueueProbe.BindAsync("ContactIdentityChanged");
        using var client = app.CreateClient();
        (await SignedPosts.PostAsync(client, ChangedNumber(account))).EnsureSuccessStatusCode();
        Assert.Single(await probe.TakeAsync(only: BusMessage.Of(account), expected: 1));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var command = new SendText(Guid.NewGuid(), account, "+55 (31) 98888-7777", "Seguimos por aqui.");

        await app.PublishAsync(command);

        var outcome = Assert.Single(await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1));
        Assert.Equal(("MessageAccepted", command.CommandId, New), (outcome.MessageType, outcome.Message.GetProperty("commandId").GetGuid(),
            outcome.Message.GetProperty("to").GetString()));
        var sent = Assert.Single(graph.Sends());
        Assert.Equal((New, "Seguimos por aqui."), (sent.GetProperty("to").GetString(), sent.GetProperty("text").GetProperty("body").GetString()));
        var redirected = await app.Logs.WaitForAsync(line => line.Contains(command.CommandId.ToString(), StringComparison.Ordinal) && line.Contains("redirected", StringComparison.Ordinal));
        Assert.Contains("to 55*********77 redirected to 55*********66", redirected, StringComparison.Ordinal);
        Assert.DoesNotContain(Old, redirected, StringComparison.Ordinal);
        Assert.DoesNotContain(New, redirected, StringComparison.Ordinal);
    }

    /// <summary>facebook/openapi's system message: the contact <see cref="Old"/> now writes from 553177776666 (<see cref="New"/>).</summary>
    private static string ChangedNumber(string account) =>
        SignedPosts.ForAccount(Fixtures.Read("whatsapp/messages/fb-openapi-system-message.json"), account)
            .Replace("16505551234", Old, StringComparison.Ordinal)
            .Replace("12195555358", "553177776666", StringComparison.Ordinal);
}
