using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conecta.Channels.Channels;

/// <summary>Where a channel's webhook is (a route under /webhooks, the account id in {accountId} when the provider puts it in the path), and its half of the seam.</summary>
internal sealed record ChannelWebhook(string Route, Func<IServiceProvider, IInboundChannel> Inbound);

internal static class ChannelSetup
{
    /// <summary>
    /// The one registration every channel makes, from its own Add…() call: the channel behind the seam, its profile (which the
    /// account registry reads without building the channel), its webhook's half (posted to /webhooks<paramref name="webhookRoute"/>,
    /// through the one <see cref="InboundPipeline"/>) and the registry that finds them.
    /// </summary>
    public static IServiceCollection AddChannel<TChannel, TInbound>(this IServiceCollection services, ChannelProfile profile, string webhookRoute)
        where TChannel : class, IChannel where TInbound : class, IInboundChannel
    {
        services.AddSingleton(profile);
        services.AddSingleton<TChannel>();
        services.AddSingleton<IChannel>(provider => provider.GetRequiredService<TChannel>());
        services.AddSingleton<TInbound>();
        services.AddSingleton(new ChannelWebhook(webhookRoute, provider => provider.GetRequiredService<TInbound>()));
        services.TryAddSingleton<ChannelRegistry>();
        return services;
    }
}
