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
    /// <summary>The parameters do not match the template's in count or names.</summary>
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
}
