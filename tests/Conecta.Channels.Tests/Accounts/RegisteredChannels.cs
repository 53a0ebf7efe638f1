using Conecta.Channels.Channels;
using Conecta.Channels.Channels.Telegram;
using Conecta.Channels.Channels.WhatsApp;

namespace Conecta.Channels.Tests.Accounts;

/// <summary>The channels the service registers, as the account rules see them: their profiles, in Program's order.</summary>
internal static class RegisteredChannels
{
    public static readonly IReadOnlyList<ChannelProfile> Profiles = [WhatsAppChannel.Profile, TelegramChannel.Profile];
}
