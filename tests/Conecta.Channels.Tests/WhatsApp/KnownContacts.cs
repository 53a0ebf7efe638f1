using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>The senders and recipients the recorded fixtures use over and over.</summary>
internal static class KnownContacts
{
    /// <summary>pywa's contact, announced in contacts[] with a BSUID and a parent BSUID.</summary>
    public static readonly ContactIdentity Pywa = new("972987654321", "972987654321", "972987654321",
        "US.13491208655302741918", "US.ENT.11815799212886844830", Username: null, "Test Name");

    /// <summary>The contact of Meta's own OpenAPI examples: a phone and a profile name, no BSUID.</summary>
    public static readonly ContactIdentity Meta = Phone("16505551234", name: "Sheena Nelson");

    /// <summary>A contact known only by a number that needs no canonicalization.</summary>
    public static ContactIdentity Phone(string digits, string? name = null) => new(digits, digits, digits, null, null, null, name);
}
