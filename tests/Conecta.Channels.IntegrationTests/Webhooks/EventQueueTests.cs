using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RabbitMQ.Client;

namespace Conecta.Channels.IntegrationTests.Webhooks;

/// <summary>
/// A 200 means every event of the webhook is stored in a queue: RabbitMQ confirms (and drops) a message no queue is
/// bound for, so the service declares the platform's event queue before its first publish, and publishes mandatory.
/// Each test has a virtual host of its own, where nothing else was ever declared or bound.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class EventQueueTests(AppFactory factory)
{
    [Fact]
    public async Task With_no_consumer_ever_deployed_every_event_of_an_acknowledged_webhook_is_in_the_event_queue()
    {
        var broker = Servers.RabbitMqReadingOnly(".*");
        await using var app = WithBroker(broker, eventQueue: "it-platform-events");
        var accountId = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.CreateClient();

        using var response = await SignedPosts.PostAsync(client, ContactWrites.InboundText(accountId, "5531988887777", "oi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await TakeAllAsync(broker, "it-platform-events", expected: 2);
        // The contact wrote first: the message, then its session queued to the account's default team.
        Assert.Equal(["InboundMessageReceived", "SessionQueued"], stored.Select(m => m.MessageType));
        Assert.All(stored, m => Assert.Equal(m.EventId, m.MessageId));
        Assert.Equal("oi", stored[0].Message.GetProperty("content").GetProperty("text").GetString());
        Assert.Equal("5531988887777", stored[1].Message.GetProperty("contactKey").GetString());
        Assert.Equal("suporte", stored[1].Message.GetProperty("team").GetString());
    }

    [Fact]
    public async Task With_no_event_queue_declared_and_none_bound_the_webhook_is_not_acknowledged()
    {
        await using var app = WithBroker(Servers.RabbitMqReadingOnly(".*"), eventQueue: "");
        var accountId = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.CreateClient();

        using var response = await SignedPosts.PostAsync(client, ContactWrites.InboundText(accountId, "5531988887777", "oi"));

        // Meta sends it again until a queue takes it.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task The_binding_the_session_endpoint_had_for_contact_messages_is_removed_at_start()
    {
        var broker = Servers.RabbitMqReadingOnly(".*");
        var vhost = new Uri(broker).AbsolutePath.Trim('/');
        // What MassTransit left on a broker while the sessions endpoint consumed InboundMessageReceived.
        await using (var connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.ExchangeDeclareAsync("Conecta.Channels.Contracts.Events:InboundMessageReceived", ExchangeType.Fanout, durable: true);
            await channel.ExchangeDeclareAsync("conecta-sessions", ExchangeType.Fanout, durable: true);
            await channel.ExchangeBindAsync("conecta-sessions", "Conecta.Channels.Contracts.Events:InboundMessageReceived", routingKey: "");
        }
        Assert.Contains("Conecta.Channels.Contracts.Events:InboundMessageReceived\texchange\tconecta-sessions", Bindings(vhost));

        await using var app = WithBroker(broker, eventQueue: "it-platform-events");
        var accountId = await RegisteredAccounts.RegisterAsync(app);
        using var client = app.CreateClient();
        using var response = await SignedPosts.PostAsync(client, ContactWrites.InboundText(accountId, "5531988887777", "oi"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var bindings = Bindings(vhost);
        Assert.DoesNotContain("Conecta.Channels.Contracts.Events:InboundMessageReceived\texchange\tconecta-sessions", bindings);
        Assert.Contains("Conecta.Channels.Contracts.Events:InboundMessageReceived\tqueue\tit-platform-events", bindings);
    }

    private WebApplicationFactory<Program> WithBroker(string broker, string eventQueue) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:RabbitMq", broker);
            builder.UseSetting("Events:Queue", eventQueue);
        });

    private static async Task<List<BusMessage>> TakeAllAsync(string broker, string queue, int expected)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var taken = new List<BusMessage>();
        // Everything was confirmed before the 200: no waiting, the queue holds it or it does not.
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } result) taken.Add(BusMessage.Parse(result.Body.ToArray()));
        Assert.Equal(expected, taken.Count);
        return taken;
    }

    /// <summary>source, destination kind and destination of every binding, one per line, tab-separated.</summary>
    private static string Bindings(string vhost)
    {
        using var process = Process.Start(new ProcessStartInfo("rabbitmqctl",
            $"-q list_bindings -p {vhost} source_name destination_kind destination_name") { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
        return output;
    }
}
