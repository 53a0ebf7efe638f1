namespace Conecta.Channels.Contracts.Commands;

/// <summary>One contact card: the name as shown, its first name (the formatted name when absent), phones and emails.</summary>
public sealed record ContactCard(
    string FormattedName,
    IReadOnlyList<ContactCardPhone> Phones,
    string? FirstName = null,
    IReadOnlyList<string>? Emails = null);
