namespace Conecta.Channels.Contracts.Events;

/// <summary>
/// A signed webhook change the service does not model yet (calls, groups, coexistence echoes, user
/// preferences, out-of-band errors, …). Published rather than dropped, so nothing Meta sends is lost.
/// </summary>
/// <param name="Change">The webhook field, e.g. calls, smb_message_echoes, user_preferences.</param>
/// <param name="RawJson">The change value exactly as received.</param>
public sealed record ChannelNotificationReceived(
    Guid EventId,
    string Channel,
    string BusinessAccountId,
    string? AccountId,
    string Change,
    string RawJson);
