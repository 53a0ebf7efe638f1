namespace Conecta.Channels.Channels;

internal static class InboundSetup
{
    public static IHostApplicationBuilder AddInboundDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboundOptions>().BindConfiguration(InboundOptions.Section)
            .Validate(o => o.ClaimLease > TimeSpan.Zero && o.PublishTimeout > TimeSpan.Zero && o.DedupRetention >= TimeSpan.FromDays(7)
                           && o.MaxPublishesInFlight is >= 1 and <= 100_000,
                "Inbound: ClaimLease and PublishTimeout must be positive; DedupRetention at least 7 days (Meta retries that long); MaxPublishesInFlight 1–100000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<InboundMetrics>();
        builder.Services.AddSingleton<InboundDelivery>();
        builder.Services.AddSingleton<InboundRouting>();
        builder.Services.AddSingleton<InboundPipeline>();
        return builder;
    }
}
