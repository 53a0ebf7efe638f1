using System.Text.Json.Serialization;

namespace Conecta.Channels.Channels.WhatsApp.Payloads;

/// <summary>message_template_status_update, _quality_update, template_category_update, _components_update.</summary>
internal sealed class TemplateChangeValue
{
    public string? Event { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? MessageTemplateId { get; init; }
    public string? MessageTemplateName { get; init; }
    public string? MessageTemplateLanguage { get; init; }
    public string? MessageTemplateCategory { get; init; }
    public string? Reason { get; init; }
    public string? PreviousQualityScore { get; init; }
    public string? NewQualityScore { get; init; }
    public string? PreviousCategory { get; init; }
    public string? NewCategory { get; init; }
}

/// <summary>account_update, phone_number_quality_update, business_capability_update and friends.</summary>
internal sealed class AccountChangeValue
{
    public string? Event { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? DisplayPhoneNumber { get; init; }
    public string? CurrentLimit { get; init; }
    public string? MaxDailyConversationPerPhone { get; init; }
    public string? QualityRating { get; init; }
    public string? WhatsappBusinessManagerMessagingLimit { get; init; }
    /// <summary>DISABLED_UPDATE: DISABLE, REINSTATE or SCHEDULE_FOR_DISABLE.</summary>
    public BanInfoPayload? BanInfo { get; init; }
    /// <summary>ACCOUNT_RESTRICTION: the restrictions in force (none: lifted).</summary>
    public List<RestrictionPayload?>? RestrictionInfo { get; init; }
}

internal sealed class BanInfoPayload
{
    public string? WabaBanState { get; init; }
}

internal sealed class RestrictionPayload
{
    public string? RestrictionType { get; init; }
}
