using System.Net;
using System.Text.Json.Nodes;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Tests.AsyncApi;
using Microsoft.AspNetCore.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Conecta.Channels.IntegrationTests.AsyncApi;

/// <summary>GET /asyncapi/v1.json is the committed docs/asyncapi.json, and its channels are what the service declares on the broker.</summary>
[Collection(ServersCollection.Name)]
public sealed class AsyncApiTests(AppFactory app)
{
    [Fact]
    public async Task The_service_serves_the_committed_document()
    {
        await using var embedded = new EmbeddedAppFactory();
        using var client = embedded.CreateClient();

        using var response = await client.GetAsync("/asyncapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(await File.ReadAllTextAsync(RepositoryFiles.AsyncApiDocument) == await response.Content.ReadAsStringAsync(),
            "GET /asyncapi/v1.json differs from docs/asyncapi.json");
    }

    [Fact]
    public async Task Every_exchange_and_queue_of_the_document_is_on_the_broker_and_every_queue_it_receives_from_has_the_service_consuming()
    {
        // As in production: durable shared queues, no instance id (the shared test app reads temporary ones of its own). In a
        // virtual host of its own, so those durable queues never meet the shared app's temporary ones of the same names.
        var broker = Servers.RabbitMqReadingOnly(".*");
        await using var production = app.WithWebHostBuilder(host => host.UseSetting("Bus:InstanceId", "").UseSetting("ConnectionStrings:RabbitMq", broker));
        using var client = production.Client(); // outside Development the reference takes a token
        var document = JsonNode.Parse(await client.GetStringAsync("/asyncapi/v1.json"))!;
        var channels = document["channels"]!.AsObject().Select(c => c.Value!["bindings"]!["amqp"]!).ToList();
        var exchanges = channels.Where(b => b["is"]!.GetValue<string>() == "routingKey").Select(b => b["exchange"]!["name"]!.GetValue<string>()).ToList();
        var queues = channels.Where(b => b["is"]!.GetValue<string>() == "queue").Select(b => b["queue"]!["name"]!.GetValue<string>()).ToList();
        var consumed = queues.Where(q => q != new EventsOptions().Queue).ToList();
        await using var consumers = new QueueConsumers(broker);

        var idle = await Eventually.GetAsync(() => consumers.WithoutConsumersAsync(consumed, CancellationToken.None), q => q is { Count: 0 },
            TimeSpan.FromSeconds(30));

        Assert.Equal(27, exchanges.Count);
        Assert.Equal(["ChannelAccountChanged", "TemplateStatusChanged", "conecta-events", "conecta-outbound", "conecta-sessions"], queues.Order(StringComparer.Ordinal));
        Assert.Empty(idle!);
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync();
        foreach (var exchange in exchanges) Assert.True(await ExistsAsync(connection, c => c.ExchangeDeclarePassiveAsync(exchange)), $"no exchange {exchange}");
        Assert.True(await ExistsAsync(connection, c => c.QueueDeclarePassiveAsync(new EventsOptions().Queue)), "no event queue");
    }

    /// <summary>A passive declare on a channel of its own (the broker closes the channel that asked for something missing).</summary>
    private static async Task<bool> ExistsAsync(IConnection connection, Func<IChannel, Task> declare)
    {
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await declare(channel);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }
}
