using Conecta.Channels.Accounts;
using Conecta.Channels.DevTools;
using Conecta.Channels.Outbound;
using Conecta.Channels.Preferences;
using Conecta.Channels.Scaling;
using Conecta.Channels.Templates;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Hosting;

internal static class BusSetup
{
    /// <summary>RabbitMQ with publisher confirms when ConnectionStrings:RabbitMq is set; otherwise the in-memory transport.</summary>
    public static IHostApplicationBuilder AddChannelBus(this IHostApplicationBuilder builder)
    {
        var rabbitMq = builder.Configuration.GetConnectionString("RabbitMq");
        var instanceId = builder.Configuration["Bus:InstanceId"];
        builder.Services.AddOptions<BusWatchdogOptions>().BindConfiguration(BusWatchdogOptions.Section)
            .Validate(o => o.StuckEndpointTimeout >= TimeSpan.Zero, "Bus: StuckEndpointTimeout must not be negative (zero turns the watchdog off).")
            .ValidateOnStart();
        builder.Services.AddSingleton<BusWatchdog>();
        builder.Services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section)
            .Validate(o => o.Queue.Length <= 255 && o.Queue.Trim() == o.Queue && o.PublishChannels is >= 1 and <= 64,
                "Events: Queue is a queue name of at most 255 characters, without surrounding spaces (empty: none); PublishChannels 1–64.")
            .ValidateOnStart();
        builder.Services.AddSingleton<EventEnvelope>();
        builder.Services.AddOptions<BusTopologyOptions>().BindConfiguration(BusTopologyOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BusTopologyOptions>>(
            new BusTopologyValidation(onRabbitMq: !string.IsNullOrWhiteSpace(rabbitMq), isolatedQueues: !string.IsNullOrWhiteSpace(instanceId)));
        // Read here too: which consumers read which queue is decided while the bus is registered.
        var topology = builder.Configuration.GetSection(BusTopologyOptions.Section).Get<BusTopologyOptions>() ?? new BusTopologyOptions();
        if (string.IsNullOrWhiteSpace(rabbitMq))
            builder.Services.AddSingleton<IEventPublisher, BusEventPublisher>();
        else
        {
            builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<RabbitMqEventPublisher>(services, rabbitMq));
            builder.Services.AddSingleton<IEventPublisher>(services => services.GetRequiredService<RabbitMqEventPublisher>());
            builder.Services.AddHostedService(services => services.GetRequiredService<RabbitMqEventPublisher>());
        }
        builder.Services.AddHostedService(services => services.GetRequiredService<BusWatchdog>());
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<ChannelAccountChangedConsumer, RegistryConsumerDefinition<ChannelAccountChangedConsumer>>().Endpoint(endpoint => Isolate(endpoint, instanceId));
            bus.AddConsumer<TemplateStatusChangedConsumer, RegistryConsumerDefinition<TemplateStatusChangedConsumer>>().Endpoint(endpoint => Isolate(endpoint, instanceId));
            bus.AddConsumer<MarketingPreferenceChangedConsumer, RegistryConsumerDefinition<MarketingPreferenceChangedConsumer>>().Endpoint(endpoint => Isolate(endpoint, instanceId));
            bus.AddConsumer<GivenUpCommandsConsumer, GivenUpCommandsConsumerDefinition>();
            if (topology.Partitioned) AddPartitionedCommands(builder.Services, bus);
            else
            {
                bus.AddConsumer<OutboundCommandsConsumer, OutboundCommandsConsumerDefinition>();
                bus.AddConsumer<ConversationCommandsConsumer, ConversationCommandsConsumerDefinition>().Endpoint(endpoint => Isolate(endpoint, instanceId));
            }
            bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
                QueueTypes.Apply(endpoint, queue, context.GetRequiredService<IOptions<BusTopologyOptions>>().Value));
            if (string.IsNullOrWhiteSpace(rabbitMq))
            {
                bus.UsingInMemory((context, transport) => ConfigureCommon(context, transport));
                return;
            }
            builder.Services.AddSingleton(_ => new QueueConsumers(rabbitMq));
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
        if (topology.Partitioned) builder.Services.AddHostedService<PartitionSubscriptions>();
        return builder;
    }

    /// <summary>
    /// The routers read the shared command queues (their names and bindings unchanged: the platform sends there); the
    /// consumers read the partition queues, which <see cref="PartitionSubscriptions"/> subscribes to once the bus runs.
    /// Never isolated by Bus:InstanceId: a partition is worked by one instance of all that share the broker.
    /// </summary>
    private static void AddPartitionedCommands(IServiceCollection services, IBusRegistrationConfigurator bus)
    {
        services.AddSingleton<PartitionRouter>();
        bus.AddConsumer<OutboundCommandsRouter, OutboundCommandsRouterDefinition>();
        bus.AddConsumer<ConversationCommandsRouter, ConversationCommandsRouterDefinition>();
        bus.AddConsumer<OutboundCommandsConsumer, OutboundCommandsConsumerDefinition>().ExcludeFromConfigureEndpoints();
        bus.AddConsumer<ConversationCommandsConsumer, ConversationCommandsConsumerDefinition>().ExcludeFromConfigureEndpoints();
    }

    /// <summary>
    /// With Bus:InstanceId set, the registry's event consumers read their own temporary queues rather than the
    /// shared durable ones: an instance with a database of its own (a test run beside a running service) then
    /// sees every event instead of competing for them. Production leaves it empty.
    /// </summary>
    private static void Isolate(IEndpointRegistrationConfigurator endpoint, string? instanceId)
    {
        if (string.IsNullOrWhiteSpace(instanceId)) return;
        endpoint.InstanceId = instanceId;
        endpoint.Temporary = true;
    }

    private static void ConfigureCommon<T>(IBusRegistrationContext context, IBusFactoryConfigurator<T> transport)
        where T : IReceiveEndpointConfigurator
    {
        if (context.GetService<PublishedEventFeed>() is { } feed) transport.ConnectPublishObserver(feed);
        // Enums travel as their names ("WindowClosed"), not numbers that break when a member is added.
        transport.ConfigureJsonSerializerOptions(json =>
        {
            json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            // Multi-megabyte texts and RawJson without multi-megabyte scratch buffers (see the converter).
            json.Converters.Add(new SegmentedStringConverter());
            // MassTransit indents by default: a third of every message's bytes on the wire would be whitespace.
            json.WriteIndented = false;
            return json;
        });
        transport.ConfigureEndpoints(context);
    }
}
