namespace Conecta.Channels.Sessions;

internal static class SessionsSetup
{
    /// <summary>The conversation rules: the session store and the contacts' old→new key links (Redis, or in process in the embedded mode), the machine, the contacts' messages and the expiry schedule.</summary>
    public static IHostApplicationBuilder AddSessions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section)
            .Validate(o => o.Retention > TimeSpan.FromDays(1) && o.ExpiryPollInterval > TimeSpan.Zero
                           && o.ExpiryLease > o.ExpiryPollInterval && o.ExpiryBatch > 0 && o.ContactLinkRetention >= TimeSpan.FromDays(1),
                "Sessions: Retention > 1 day, ExpiryPollInterval > 0, ExpiryLease > ExpiryPollInterval, ExpiryBatch > 0, ContactLinkRetention ≥ 1 day.")
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            builder.Services.AddSingleton<ISessionStore, InProcessSessionStore>();
            builder.Services.AddSingleton<IContactLinks, InProcessContactLinks>();
        }
        else
        {
            builder.Services.AddSingleton<ISessionStore, RedisSessionStore>();
            builder.Services.AddSingleton<IContactLinks, RedisContactLinks>();
        }
        builder.Services.AddSingleton<ContactRedirects>();
        builder.Services.AddSingleton<SessionMachine>();
        builder.Services.AddSingleton<SessionMetrics>();
        builder.Services.AddSingleton<SessionTransitions>();
        builder.Services.AddSingleton<SessionMove>();
        builder.Services.AddSingleton<ContactMessages>();
        builder.Services.AddHostedService<WindowExpiryPoller>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ConversationsJsonContext.Default));
        return builder;
    }
}
