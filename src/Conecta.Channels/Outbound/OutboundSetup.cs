using Conecta.Channels.RateLimits;

namespace Conecta.Channels.Outbound;

internal static class OutboundSetup
{
    /// <summary>The outbound pipeline and its stores (Redis, or in process in the embedded mode); the channels it sends through register themselves.</summary>
    public static IHostApplicationBuilder AddOutbound(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section)
            .Validate(o => o.MaxWait > TimeSpan.Zero && o.CommandLease > o.MaxWait && o.RecipientLimit > 0
                           && o.RecipientWindow > TimeSpan.Zero && o.ConcurrentCommands is > 0 and <= 10_000
                           && o.OutcomeRetention >= TimeSpan.FromDays(1) && o.Retries is [_, ..] && o.Retries.All(i => i > TimeSpan.Zero),
                "Outbound: MaxWait > 0, CommandLease > MaxWait, RecipientLimit > 0, RecipientWindow > 0, ConcurrentCommands 1–10000, OutcomeRetention ≥ 1 day, RetryIntervals not empty and each > 0.")
            .ValidateOnStart();

        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            builder.Services.AddSingleton<ICommandLedger, InProcessCommandLedger>();
            builder.Services.AddSingleton<IRateLimiter, InProcessRateLimiter>();
        }
        else
        {
            builder.Services.AddSingleton<ICommandLedger, RedisCommandLedger>();
            builder.Services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        }

        builder.Services.AddSingleton<OutboundAccounts>();
        builder.Services.AddSingleton<SessionRule>();
        builder.Services.AddSingleton<OutboundMetrics>();
        builder.Services.AddSingleton<OutboundPipeline>();
        builder.Services.AddSingleton<StatusCorrelation>();
        builder.Services.AddSingleton<CommandStatuses>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MessagesJsonContext.Default));
        return builder;
    }
}
