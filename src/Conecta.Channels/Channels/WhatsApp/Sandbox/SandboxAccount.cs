using Conecta.Channels.Accounts;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

/// <summary>Registers the sandbox's business number at start, so `make run` can send without any setup.</summary>
internal sealed partial class SandboxAccount(ChannelAccountStore accounts, IOptions<SandboxOptions> options,
    ILogger<SandboxAccount> logger) : IHostedService
{
    /// <summary>The sandbox number's WhatsApp Business Account: its templates belong to it.</summary>
    public const string BusinessAccountId = "sandbox-waba";

    public const string DisplayNumber = "5531300000000";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var id = options.Value.PhoneNumberId;
        if (await accounts.FindByProviderIdAsync(WebhookMapper.Channel, id, cancellationToken) is not null) return;
        await accounts.CreateAsync(new ChannelAccountInput(WebhookMapper.Channel, id, BusinessAccountId, DisplayNumber,
            "sandbox-access-token", null, "atendimento", 80, null, null), cancellationToken);
        LogRegistered(logger, id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox: business number {PhoneNumberId} registered; sends go to the sandbox Graph API")]
    private static partial void LogRegistered(ILogger logger, string phoneNumberId);
}
