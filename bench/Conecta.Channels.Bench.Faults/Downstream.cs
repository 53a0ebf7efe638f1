using System.Text.Json.Serialization;
using MassTransit;

namespace Conecta.Channels.Bench.Faults;

/// <summary>The core platform's side of the bus: a durable queue of the bench's own, bound to the service's event exchanges.</summary>
internal static class Downstream
{
    public static IBusControl CreateBus(string rabbitMq, string queue, Action<IRabbitMqReceiveEndpointConfigurator> handlers)
    {
        return Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(rabbitMq), host =>
            {
                host.PublisherConfirmation = true;
                host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
            });
            // The service sends enums by name (RejectionReason).
            rabbit.ConfigureJsonSerializerOptions(json =>
            {
                json.Converters.Add(new JsonStringEnumConverter());
                return json;
            });
            rabbit.ReceiveEndpoint(queue, endpoint =>
            {
                endpoint.PrefetchCount = 1_000;
                // Durable and kept: what the broker holds when it restarts is still there after.
                endpoint.Durable = true;
                endpoint.AutoDelete = false;
                handlers(endpoint);
            });
        });
    }

    /// <summary>Starts the bus, retrying while the broker is (re)starting.</summary>
    public static async Task StartAsync(IBusControl bus, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await bus.StartAsync(timeout.Token);
    }

    public static async Task StopAsync(IBusControl bus)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await bus.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Log.Info("the bench's bus did not stop within 15 s");
        }
    }
}
