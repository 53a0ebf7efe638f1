namespace Conecta.Channels.Hosting;

/// <summary>LGPD: logs never carry a full phone number, user id or secret.</summary>
internal static class Redact
{
    /// <summary>Keeps the country code and the last two characters: 5531988887777 → 55*********77.</summary>
    public static string Contact(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "(none)";
        if (value.Length <= 4) return new string('*', value.Length);
        return string.Concat(value.AsSpan(0, 2), new string('*', value.Length - 4), value.AsSpan(value.Length - 2));
    }
}
