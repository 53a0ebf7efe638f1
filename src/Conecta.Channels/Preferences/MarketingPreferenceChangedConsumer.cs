using Conecta.Channels.Contracts.Events;
using MassTransit;

namespace Conecta.Channels.Preferences;

/// <summary>Keeps each contact's marketing preference as the user_preferences webhooks report it.</summary>
internal sealed class MarketingPreferenceChangedConsumer(MarketingPreferences preferences) : IConsumer<MarketingPreferenceChanged>
{
    public Task Consume(ConsumeContext<MarketingPreferenceChanged> context) => preferences.ApplyAsync(context.Message, context.CancellationToken);
}
