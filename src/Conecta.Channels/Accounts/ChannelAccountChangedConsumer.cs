using Conecta.Channels.Contracts.Events;
using MassTransit;

namespace Conecta.Channels.Accounts;

/// <summary>Keeps quality rating, messaging limit and Meta's account status as the account webhooks report them.</summary>
internal sealed partial class ChannelAccountChangedConsumer(ChannelAccountStore accounts, ILogger<ChannelAccountChangedConsumer> logger)
    : IConsumer<ChannelAccountChanged>
{
    public async Task Consume(ConsumeContext<ChannelAccountChanged> context)
    {
        var change = context.Message;
        var updated = await accounts.ApplyProviderChangeAsync(change, context.CancellationToken);
        LogApplied(logger, change.Change, change.BusinessAccountId, updated);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account change {Change} of business account {BusinessAccountId} applied to {Accounts} accounts")]
    private static partial void LogApplied(ILogger logger, string change, string businessAccountId, int accounts);
}
