using System.Text.Json.Serialization;

namespace Conecta.Channels.Accounts;

/// <summary>A business number (WhatsApp) or bot (Telegram) the service speaks for. The access token is never part of it.</summary>
/// <param name="ProviderAccountId">The provider's id of the account: WhatsApp phone_number_id, Telegram bot id. Webhooks are routed by it.</param>
/// <param name="BusinessAccountId">WhatsApp Business Account (WABA) id: templates belong to it.</param>
/// <param name="DisplayNumber">The business number, digits only.</param>
/// <param name="GraphApiVersion">Pinned Graph version for this account; null follows WhatsApp:GraphApiVersion.</param>
/// <param name="DefaultTeam">The team a conversation the contact started is queued to.</param>
/// <param name="RateLimitPerSecond">Outbound messages per second for this number (Meta: 80 by default, up to 1,000).</param>
/// <param name="JoinNotice">Told to the contact when an agent joins; {nome} is the agent's name.</param>
/// <param name="LeaveNotice">Told to the contact when an agent leaves; {nome} is the agent's name.</param>
/// <param name="Status">active or disabled (by an admin).</param>
/// <param name="ProviderStatus">The last account_update event Meta sent (e.g. DISABLED_UPDATE, ACCOUNT_RESTRICTION).</param>
/// <param name="Standing">The number's standing as its channel reads the provider's account webhooks (disabled, restricted, flagged,
/// active); sends stop on the standings of Outbound:StopSendsWhen.</param>
/// <param name="Version">Increases with every change; the ETag of the account.</param>
/// <param name="MarketingMessagesApi">WhatsApp: MARKETING templates go through Meta's Marketing Messages API
/// (POST /{phone-number-id}/marketing_messages) instead of the Cloud API's /messages; everything else stays on /messages.</param>
/// <param name="ParticipantNotices">Whether NotifyParticipantChange sends the join and leave notices (off: refused NoticesDisabled,
/// nothing sent; on WhatsApp each notice is a billed service message since October 2026).</param>
internal sealed record ChannelAccount(
    Guid Id,
    string Channel,
    string ProviderAccountId,
    string? BusinessAccountId,
    string? DisplayNumber,
    string? GraphApiVersion,
    string? DefaultTeam,
    int RateLimitPerSecond,
    string JoinNotice,
    string LeaveNotice,
    string Status,
    string? ProviderStatus,
    string? QualityRating,
    string? MessagingLimitTier,
    string? Standing,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool MarketingMessagesApi = false,
    bool ParticipantNotices = true)
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    [JsonIgnore]
    public bool IsActive => Status == Active;
}

/// <summary>What an admin sends to create or replace an account. On update a null access token keeps the stored one.</summary>
/// <param name="MarketingMessagesApi">Null: off (MARKETING templates on the Cloud API's /messages).</param>
/// <param name="ParticipantNotices">Null: on (the notices are sent, as before the setting existed).</param>
internal sealed record ChannelAccountInput(
    string? Channel,
    string? ProviderAccountId,
    string? BusinessAccountId,
    string? DisplayNumber,
    string? AccessToken,
    string? GraphApiVersion,
    string? DefaultTeam,
    int? RateLimitPerSecond,
    string? JoinNotice,
    string? LeaveNotice,
    bool? MarketingMessagesApi = null,
    bool? ParticipantNotices = null);

/// <summary>What a channel client needs to call the provider on an account's behalf.</summary>
/// <param name="ApiVersion">The provider API version the account pins (graphApiVersion); null follows the channel's default.</param>
internal sealed record ChannelCredentials(Guid AccountId, string? BusinessAccountId, string? ApiVersion, string AccessToken);
