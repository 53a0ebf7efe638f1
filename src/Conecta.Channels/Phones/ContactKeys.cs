namespace Conecta.Channels.Phones;

/// <summary>
/// The canonical key of a contact. Brazilian mobiles created before the ninth-digit migration
/// still report 12-digit WhatsApp ids (55 DD 8XXXXXXX); the key restores the 9 so both spellings
/// are the same contact. A contact without a disclosed phone keys on its business-scoped user id.
/// </summary>
internal static class ContactKeys
{
    public const string UserIdPrefix = "bsuid:";

    public static string For(string? phone, string? userId, string fallback) =>
        phone ?? (string.IsNullOrEmpty(userId) ? fallback : UserIdPrefix + userId);

    /// <summary>Digits of an E.164 number with Brazil's ninth digit restored; null when it is not a phone.</summary>
    public static string? CanonicalPhone(string? providerId)
    {
        if (string.IsNullOrEmpty(providerId)) return null;
        var digits = providerId.StartsWith('+') ? providerId[1..] : providerId;
        if (digits.Length is < 8 or > 15 || !digits.All(char.IsAsciiDigit)) return null;
        return IsBrazilianMobileWithoutNinthDigit(digits) ? string.Concat(digits.AsSpan(0, 4), "9", digits.AsSpan(4)) : digits;
    }

    /// <summary>
    /// Every provider id <see cref="CanonicalPhone"/> maps to this canonical phone: a Brazilian mobile
    /// may still be known to WhatsApp without its ninth digit. A mobile with 0–5 after the 9 was numbered
    /// after the migration and never had that spelling, which would read as a landline.
    /// </summary>
    public static IReadOnlyList<string> ProviderIds(string canonicalPhone)
    {
        if (canonicalPhone.Length != 13 || canonicalPhone[4] != '9') return [canonicalPhone];
        var withoutNinthDigit = string.Concat(canonicalPhone.AsSpan(0, 4), canonicalPhone.AsSpan(5));
        return IsBrazilianMobileWithoutNinthDigit(withoutNinthDigit) ? [canonicalPhone, withoutNinthDigit] : [canonicalPhone];
    }

    // 55 + DDD + 8 digits whose first is 6–9 is a mobile from before the migration (landlines start 2–5).
    private static bool IsBrazilianMobileWithoutNinthDigit(string digits) =>
        digits.Length == 12 && digits.StartsWith("55", StringComparison.Ordinal) && digits[4] is >= '6' and <= '9';
}
