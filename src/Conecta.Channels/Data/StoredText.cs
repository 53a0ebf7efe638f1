namespace Conecta.Channels.Data;

/// <summary>
/// PostgreSQL text cannot hold U+0000 (the insert fails with 22021), so text that reaches a query — a field of
/// an admin's body, a list filter — must be refused as invalid before, never sent to fail as a 500.
/// </summary>
internal static class StoredText
{
    public const string NulError = "Must not contain NUL (U+0000) characters.";

    public static bool Storable(string? value) => value is null || !value.Contains('\0', StringComparison.Ordinal);

    /// <summary>The names of the given fields that cannot be stored, as ValidationProblem errors.</summary>
    public static Dictionary<string, string[]> Problems(params ReadOnlySpan<(string Field, string? Value)> fields)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in fields)
            if (!Storable(value)) errors[field] = [NulError];
        return errors;
    }
}
