using Conecta.Channels.DevTools;
using MassTransit;

namespace Conecta.Channels.Hosting;

internal static class BusSetup
{
    /// <summary>RabbitMQ with publisher confirms when ConnectionStrings:RabbitMq is set; otherwise the in-memory transport.</summary>
    public static IHostApplicationBuilder AddChannelBus(this IHostApplicationBuilder builder)
    {
        var rabbitMq = builder.Configuration.GetConnectionString("RabbitMq");
        builder.Services.AddMassTransit(bus =>
        {
            if (string.IsNullOrWhiteSpace(rabbitMq))
            {
                bus.UsingInMemory((context, transport) => ConfigureCommon(context, transport));
                return;
            }
            bus.UsingRabbitMq((context, transport) =>
            {
                transport.Host(new Uri(rabbitMq), host =>
                {
                    // Publish returns only once the broker has the message: the webhook's 200 depends on it.
                    host.PublisherConfirmation = true;
                    host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                });
                ConfigureCommon(context, transport);
            });
        });
        return builder;
    }

    private static void ConfigureCommon<T>(IBusRegistrationContext context, IBusFactoryConfigurator<T> transport)
        where T : IReceiveEndpointConfigurator
    {
        if (context.GetService<PublishedEventFeed>() is { } feed) transport.ConnectPublishObserver(feed);
        transport.ConfigureEndpoints(context);
    }
}
