namespace Conecta.Channels.Preferences;

internal static class PreferencesSetup
{
    /// <summary>The contacts' marketing preferences (Redis, or in process in the embedded mode).</summary>
    public static IHostApplicationBuilder AddPreferences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PreferencesOptions>().BindConfiguration(PreferencesOptions.Section)
            .Validate(o => o.OptOutRetention >= TimeSpan.FromDays(1), "Preferences: OptOutRetention is at least a day.")
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
            builder.Services.AddSingleton<IMarketingOptOuts, InProcessMarketingOptOuts>();
        else
            builder.Services.AddSingleton<IMarketingOptOuts, RedisMarketingOptOuts>();
        builder.Services.AddSingleton<MarketingPreferences>();
        return builder;
    }
}
