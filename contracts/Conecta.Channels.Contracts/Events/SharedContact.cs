namespace Conecta.Channels.Contracts.Events;

/// <summary>A contact card the contact shared.</summary>
public sealed record SharedContact(string? FormattedName, IReadOnlyList<SharedPhone> Phones, IReadOnlyList<string> Emails);
