namespace Conecta.Channels.Contracts.Events;

/// <summary>
/// A contact stopped or resumed marketing messages from a business number (WhatsApp user_preferences). While stopped, marketing
/// templates to the contact from that number are refused OptedOut before the network; utility and authentication templates and
/// messages in the window still go.
/// </summary>
/// <param name="Preference">stop, resume (or signup: the contact signed up through a link), as Meta says it.</param>
/// <param name="Category">What the preference is about: marketing_messages.</param>
/// <param name="OccurredAt">When the contact said so (the provider's time).</param>
/// <param name="RawJson">The preference exactly as received.</param>
public sealed record MarketingPreferenceChanged(
    Guid EventId,
    string Channel,
    string AccountId,
    string? BusinessAccountId,
    ContactIdentity Contact,
    string Category,
    string Preference,
    string? Detail,
    DateTimeOffset OccurredAt,
    string RawJson);
