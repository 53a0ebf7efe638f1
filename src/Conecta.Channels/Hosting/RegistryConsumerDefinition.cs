using MassTransit;

namespace Conecta.Channels.Hosting;

/// <summary>
/// Transport policy of the consumers that write provider webhooks into the registry (accounts, templates) and
/// the read side (command statuses): the database or Redis may be briefly away, or not migrated yet when the bus starts first, so a message is
/// retried over about two minutes before it goes to the _error queue.
/// </summary>
internal sealed class RegistryConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(retry => retry.Intervals(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)));
}
