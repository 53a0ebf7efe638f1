namespace Conecta.Channels.Sessions;

/// <summary>
/// How a channel's conversations differ, as data the session machine reads: the machine is shared and never asks which
/// channel it serves.
/// </summary>
/// <param name="Window">How long after the contact's last message free text may go; null when the channel has no such
/// window. A channel that locks typing needs one: TypingUnlocked announces the window's end.</param>
/// <param name="TemplateFirst">With no conversation, free text is refused TemplateRequired: the first message must be a template.</param>
/// <param name="LocksTyping">After an active contact the agent may not type until the contact replies.</param>
internal sealed record ConversationPolicy(TimeSpan? Window, bool TemplateFirst, bool LocksTyping)
{
    /// <summary>DESIGN.md's conversation rules: an approved template first, typing locked until the reply, a 24-hour window.</summary>
    public static readonly ConversationPolicy Standard = new(TimeSpan.FromHours(24), TemplateFirst: true, LocksTyping: true);
}
