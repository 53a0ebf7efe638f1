namespace Conecta.Channels.Contracts.Events;

/// <summary>Why a message was not sent.</summary>
public enum RejectionReason
{
    /// <summary>The command itself is malformed (missing text, both link and media id, …).</summary>
    InvalidCommand,
    /// <summary>The contact number is not DDI + DDD + number, or not a mobile.</summary>
    InvalidNumber,
    /// <summary>The channel account is unknown or disabled.</summary>
    UnknownAccount,
    /// <summary>First contact must be an approved template, not free text.</summary>
    TemplateRequired,
    /// <summary>A template was sent; the agent may not type until the contact replies.</summary>
    TypingLocked,
    /// <summary>The 24-hour window is closed: only templates may be sent (WhatsApp 131047 too).</summary>
    WindowClosed,
    /// <summary>The template is unknown for that language, or not APPROVED (paused, disabled, rejected, pending).</summary>
    TemplateNotApproved,
    /// <summary>The parameters do not match the template's in count, names or form, or what they make of it is refused (too long: 132005; newlines, tabs or 4+ spaces: 132007).</summary>
    TemplateParametersMismatch,
    /// <summary>The contact is in a live session with another agent.</summary>
    ContactInSession,
    /// <summary>Rate limits would keep the message waiting past its deadline.</summary>
    RateLimited,
    /// <summary>The recipient cannot receive it (not on WhatsApp, blocked, experiment, …).</summary>
    Undeliverable,
    /// <summary>The account's token or permissions were refused.</summary>
    NotAuthorized,
    /// <summary>Any other provider error; see the provider code.</summary>
    ChannelError,
    /// <summary>Telegram: the contact never started the bot (never wrote to it), and a bot may not write first.</summary>
    ContactNotStarted,
    /// <summary>The service could not process the command (its storage unreachable for minutes, or a fault of its own) and gave up; retrying may help.</summary>
    ProcessingFailed,
    /// <summary>The contact stopped marketing messages from this business (WhatsApp user_preferences, 131050): only non-marketing messages go.</summary>
    OptedOut,
    /// <summary>Meta's per-user marketing limit (131049): the same template can go later (RetryNotBefore), not now.</summary>
    MarketingLimited,
    /// <summary>The business number hit Meta's spam rate limit (131048): slow down and check its quality; retrying now makes it worse.</summary>
    SpamLimited,
    /// <summary>The business number may not send this now: its display name is not approved (131037), the account is locked, restricted
    /// or disabled (131031, account_update), or its quality stopped sends (lifted by a later account update); or Meta limits it for
    /// template classification violations (131064, every send, lifted by Meta after an enforcement period it does not state).</summary>
    AccountRestricted,
    /// <summary>The channel cannot carry this kind of message (WhatsApp 131051; Telegram has no CTA URL, Flow, reaction, …).</summary>
    UnsupportedContent,
    /// <summary>The media could not be uploaded or downloaded by the provider (131052, 131053).</summary>
    MediaError,
    /// <summary>The Flow may not be sent: blocked (132068), or throttled to 10 messages an hour (132069; retry after RetryNotBefore).</summary>
    FlowUnavailable,
    /// <summary>The contact's identity key changed since the business last checked it (137000): confirm who it is before sending again.</summary>
    IdentityChanged,
    /// <summary>The account turned its participant notices off (participantNotices: false): the joined/left notice was not sent.</summary>
    NoticesDisabled,
    /// <summary>This message can go only to the contact's phone number, not to its business-scoped user id (131062: authentication
    /// templates, templates with a maximum price): send it to the phone number.</summary>
    PhoneNumberRequired,
    /// <summary>The account's route for marketing templates is not the one Meta takes for it: the business turned marketing templates
    /// off on the Cloud API (131063: turn the account's marketingMessagesApi on), the Marketing Messages API is not available to it
    /// (134102: not onboarded, or the template's ad sync failed), or that API took the template for no marketing one (131055, 134100:
    /// Meta recategorized it; sync the templates).</summary>
    MarketingRouteMismatch,
}
