using Microsoft.Extensions.Options;

namespace Conecta.Channels.Accounts;

internal static class AccountsSetup
{
    /// <summary>The channel-account registry: store, token protection, the lookup the rest of the service uses.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<AccessTokenProtector>();
        builder.Services.AddSingleton<ChannelAccountStore>();
        return builder;
    }
}
