using Conecta.Channels.Channels.WhatsApp;
using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Phones;
using Conecta.Channels.RateLimits;
using Conecta.Channels.Templates;
using StackExchange.Redis;

namespace Conecta.Channels.Outbound;

internal static class OutboundSetup
{
    /// <summary>The outbound pipeline, its stores (Redis, or in process in the embedded mode) and the WhatsApp sender.</summary>
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

        builder.Services.AddGraphClient();
        builder.Services.AddSingleton<IOutboundChannel, WhatsAppOutbound>();
        builder.Services.AddSingleton<IOutboundAccounts, RegisteredOutboundAccounts>();
        // The rules seam, asked in this order before any network call.
        builder.Services.AddSingleton<IOutboundRule, RecipientNumberRule>();
        Sessions.SessionsSetup.AddSessions(builder);
        builder.Services.AddSingleton<IOutboundRule, TemplateApprovalRule>();
        builder.Services.AddSingleton<OutboundPipeline>();
        builder.Services.AddSingleton<StatusCorrelation>();
        builder.Services.AddSingleton<CommandStatuses>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MessagesJsonContext.Default));
        return builder;
    }
}
