using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Npgsql;
using WireMock.ResponseBuilders;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>
/// A command whose every delivery fails still gets one outcome. The account table is renamed away in
/// this factory's own PostgreSQL database, so each lookup fails with a real database error; the
/// factory's retries are short (AppFactory), so they run out within the test.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class GivenUpCommandsTests(AppFactory app)
{
    private const string Contact = "5531988887777";

    [Fact]
    public async Task When_the_retries_run_out_the_command_is_rejected_once_as_processing_failed_and_nothing_is_sent()
    {
        var account = await RegisteredAccounts.RegisterAsync(app);
        var graph = new GraphFake(app.Graph, account).Always(r => r.WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.NEVER", Contact)));
        await using var outcomes = await QueueProbe.BindAsync("MessageAccepted", "MessageRejected");
        var command = new SendText(Guid.NewGuid(), account, Contact, "não deve sair");

        List<BusMessage> first;
        await RenameAccountsTableAsync("channel_accounts", "channel_accounts_away");
        try
        {
            await app.PublishAsync(command);
            first = await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1, timeout: TimeSpan.FromSeconds(30), settle: TimeSpan.FromSeconds(2));
        }
        finally
        {
            await RenameAccountsTableAsync("channel_accounts_away", "channel_accounts");
        }
        // Delivered again once the database is back: the outcome on record, not a send.
        await app.PublishAsync(command);
        var again = await outcomes.TakeAsync(only: BusMessage.Of(account), expected: 1);

        var rejected = Assert.Single(first);
        Assert.Equal("MessageRejected", rejected.MessageType);
        Assert.Equal(command.CommandId, rejected.Message.GetProperty("commandId").GetGuid());
        Assert.Equal("ProcessingFailed", rejected.Message.GetProperty("reason").GetString());
        Assert.True(rejected.Message.GetProperty("retryable").GetBoolean());
        Assert.Contains("PostgresException", rejected.Message.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var repeated = Assert.Single(again);
        Assert.Equal(rejected.EventId, repeated.EventId);
        Assert.Equal("ProcessingFailed", repeated.Message.GetProperty("reason").GetString());
        Assert.Empty(graph.Sends());
    }

    private async Task RenameAccountsTableAsync(string from, string to)
    {
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);
        await db.OpenAsync();
        await using var rename = new NpgsqlCommand($"ALTER TABLE {from} RENAME TO {to}", db);
        await rename.ExecuteNonQueryAsync();
    }
}
