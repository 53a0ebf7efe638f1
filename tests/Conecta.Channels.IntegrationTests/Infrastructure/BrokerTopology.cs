using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>A queue as the broker declared it: its arguments by name (rabbitmqctl lists them as [name, type, value]).</summary>
internal sealed record BrokerQueue(string Name, string Type, int Consumers, int Messages, IReadOnlyDictionary<string, JsonElement> Arguments);

/// <summary>The queues and bindings of one app's virtual host, as the broker holds them (rabbitmqctl).</summary>
internal static class BrokerTopology
{
    public static string VirtualHostOf(string broker) => Uri.UnescapeDataString(new Uri(broker).AbsolutePath.Trim('/'));

    public static IReadOnlyDictionary<string, BrokerQueue> Queues(string broker)
    {
        var json = Servers.RabbitMqCtl("list_queues", "-p", VirtualHostOf(broker), "name", "type", "consumers", "messages", "arguments", "--formatter", "json");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(q => new BrokerQueue(q.GetProperty("name").GetString()!, q.GetProperty("type").GetString()!,
                q.GetProperty("consumers").GetInt32(), q.GetProperty("messages").GetInt32(),
                q.GetProperty("arguments").EnumerateArray().ToDictionary(a => a[0].GetString()!, a => a[2].Clone())))
            .ToDictionary(q => q.Name);
    }

    /// <summary>Every binding as "source -> destination" (the default exchange's implicit ones left out).</summary>
    public static IReadOnlySet<string> Bindings(string broker)
    {
        var json = Servers.RabbitMqCtl("list_bindings", "-p", VirtualHostOf(broker), "source_name", "destination_name", "--formatter", "json");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Where(b => b.GetProperty("source_name").GetString() is { Length: > 0 })
            .Select(b => b.GetProperty("source_name").GetString() + " -> " + b.GetProperty("destination_name").GetString())
            .ToHashSet();
    }

    /// <summary>The consumers of a queue (active and standing by), by a passive declare; -1 when there is no such queue.</summary>
    public static async Task<int> ConsumersAsync(string broker, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (int)(await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return -1;
        }
    }

    /// <summary>Until every queue named has the consumer count given (instances subscribe in the background).</summary>
    public static async Task WaitForConsumersAsync(string broker, IReadOnlyDictionary<string, int> expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var actual = new Dictionary<string, int>();
            foreach (var queue in expected.Keys) actual[queue] = await ConsumersAsync(broker, queue);
            if (expected.All(e => actual[e.Key] == e.Value)) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("consumers never became " + string.Join(", ", expected.Select(e => $"{e.Key}={e.Value} (is {actual[e.Key]})")));
            await Task.Delay(100);
        }
    }
}
