namespace Conecta.Channels.Contracts.Commands;

/// <summary>
/// Send an interactive message: reply buttons, a list, a call-to-action URL, a Flow or a location request. Allowed where free
/// text is (inside the 24-hour window). On Telegram buttons and lists become an inline keyboard whose callback_data is each id;
/// the other kinds are refused UnsupportedContent.
/// </summary>
/// <param name="Kind">button (1–3 <paramref name="Buttons"/>), list (<paramref name="ListButton"/> and 1–10 <paramref name="Sections"/>,
/// 10 rows in all), cta_url (<paramref name="Cta"/>), flow (<paramref name="Flow"/>) or location_request.</param>
/// <param name="Body">The message text (at most 1,024 characters; 4,096 for a list).</param>
/// <param name="Header">Optional text above the body (at most 60 characters); not for location_request.</param>
/// <param name="Footer">Optional text below it (at most 60 characters); not for location_request.</param>
/// <param name="CallbackData">Echoed in the message's statuses (at most 512 characters); the CommandId when absent.</param>
public sealed record SendInteractive(
    Guid CommandId,
    string AccountId,
    string To,
    string Kind,
    string Body,
    string? Header = null,
    string? Footer = null,
    IReadOnlyList<ReplyButton>? Buttons = null,
    string? ListButton = null,
    IReadOnlyList<ListSection>? Sections = null,
    CtaUrl? Cta = null,
    FlowLaunch? Flow = null,
    string? ReplyTo = null,
    string? CallbackData = null,
    DateTimeOffset? NotAfter = null);
