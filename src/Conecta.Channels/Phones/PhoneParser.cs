using System.Globalization;
using PhoneNumbers;

namespace Conecta.Channels.Phones;

/// <summary>A number that parsed, split into its parts.</summary>
/// <param name="CountryCode">The DDI, e.g. 55.</param>
/// <param name="AreaCode">Brazil's DDD; elsewhere libphonenumber's national destination code (it includes
/// Argentina's mobile 9); null where the country has none.</param>
/// <param name="Canonical">E.164 digits without '+', Brazil's ninth digit restored: the contact key.</param>
/// <param name="ProviderIds">The ids WhatsApp may know this number by (<see cref="ContactKeys.ProviderIds"/>).</param>
internal sealed record ParsedPhone(
    string CountryCode, string? AreaCode, string Subscriber, PhoneNumberType Type, string Canonical,
    IReadOnlyList<string> ProviderIds);

/// <summary>The parts when the number parsed (also when it is rejected as <see cref="PhoneRejection.NotMobile"/>), the rejection when not accepted.</summary>
internal sealed record PhoneParseResult(ParsedPhone? Phone, PhoneRejection? Rejection)
{
    public bool IsValid => Rejection is null;
}

/// <summary>
/// Reads the numbers agents type (+55 (31) 98888-7777, 55 31 988887777, …) with libphonenumber and
/// Brazil's rules: DDI and DDD are required, and an 8-digit mobile from before the ninth-digit
/// migration gets its 9 back, as inbound WhatsApp ids do in <see cref="ContactKeys.CanonicalPhone"/>.
/// </summary>
internal static class PhoneParser
{
    // The contact center's country: a number typed without DDI that is valid here is missing its 55.
    private const string HomeRegion = "BR";

    private const int Brazil = 55;
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsKnownRegion(string region) => Util.GetSupportedRegions().Contains(region);

    /// <param name="defaultRegion">Where a number typed without DDI is read (e.g. BR); without it the DDI is required.</param>
    /// <param name="requireMobile">Reject numbers that cannot be mobiles: a WhatsApp contact needs one.</param>
    public static PhoneParseResult Parse(string? input, string? defaultRegion = null, bool requireMobile = true)
    {
        if (string.IsNullOrWhiteSpace(input)) return Rejected(PhoneRejection.Empty);
        if (!IsDialable(input)) return Rejected(PhoneRejection.InvalidNumber);
        var text = input.Trim();
        if (defaultRegion is not null || text.StartsWith('+')) return Read(text, defaultRegion, requireMobile);

        // Agents type the DDI without '+' (5531988887777); libphonenumber needs the '+' to read it as one.
        // When that reading fails and a Brazilian one works ((31) 98888-7777), the agent left out the 55.
        var international = Read("+" + text, null, requireMobile);
        return !international.IsValid && Read(text, HomeRegion, requireMobile).IsValid
            ? Rejected(PhoneRejection.MissingCountryCode)
            : international;
    }

    // libphonenumber reads letters as keypad digits or skips them, so "9888A-7777" would become
    // another, valid number; in a typed contact number a letter is a typo (or a BSUID, not a phone).
    private static bool IsDialable(string input) =>
        input.All(c => char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || c is '+' or '(' or ')' or '-' or '.' or '/');

    private static PhoneParseResult Read(string text, string? region, bool requireMobile)
    {
        PhoneNumber number;
        try
        {
            number = WithNinthDigit(Util.Parse(text, region));
        }
        catch (NumberParseException e)
        {
            return Rejected(ReasonFor(e.ErrorType));
        }

        if (!Util.IsValidNumber(number)) return Rejected(ReasonForInvalid(number));
        var phone = Describe(number);
        return requireMobile && phone.Type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE)
            ? new PhoneParseResult(phone, PhoneRejection.NotMobile)
            : new PhoneParseResult(phone, null);
    }

    // libphonenumber calls most 8-digit Brazilian mobiles invalid (it still accepts those starting with 7);
    // the webhook path's rule gives every one its 9, so a typed number and an inbound id share one key.
    private static PhoneNumber WithNinthDigit(PhoneNumber number)
    {
        var digits = Digits(number);
        var canonical = ContactKeys.CanonicalPhone(digits);
        return canonical is null || canonical == digits ? number : Util.Parse("+" + canonical, null);
    }

    private static PhoneRejection ReasonFor(ErrorType error) => error switch
    {
        ErrorType.INVALID_COUNTRY_CODE => PhoneRejection.UnknownCountryCode,
        ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => PhoneRejection.TooShort,
        ErrorType.TOO_LONG => PhoneRejection.TooLong,
        _ => PhoneRejection.InvalidNumber,
    };

    // Lengths are judged against the country's mobiles: those are what a contact needs, and in Brazil the
    // 8- and 9-digit lengths a local call dials are a subscriber whose DDD is missing.
    private static PhoneRejection ReasonForInvalid(PhoneNumber number) =>
        Util.IsPossibleNumberForTypeWithReason(number, PhoneNumberType.MOBILE) switch
        {
            PhoneNumberUtil.ValidationResult.TOO_SHORT => PhoneRejection.TooShort,
            PhoneNumberUtil.ValidationResult.TOO_LONG => PhoneRejection.TooLong,
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY => PhoneRejection.MissingAreaCode,
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE when IsUnknownBrazilianAreaCode(number) => PhoneRejection.InvalidAreaCode,
            _ => PhoneRejection.InvalidNumber,
        };

    // Every DDD has mobiles, so a well-formed mobile under it tells whether libphonenumber's metadata
    // knows the DDD: the list follows the library's updates instead of a copy here.
    private static bool IsUnknownBrazilianAreaCode(PhoneNumber number)
    {
        if (number.CountryCode != Brazil) return false;
        var probe = Util.Parse($"+{Brazil}{Util.GetNationalSignificantNumber(number)[..2]}988887777", null);
        return Util.GetNumberType(probe) != PhoneNumberType.MOBILE;
    }

    private static ParsedPhone Describe(PhoneNumber number)
    {
        var national = Util.GetNationalSignificantNumber(number);
        var areaCodeLength = Util.GetLengthOfNationalDestinationCode(number);
        var canonical = Digits(number);
        return new ParsedPhone(
            number.CountryCode.ToString(CultureInfo.InvariantCulture),
            areaCodeLength > 0 ? national[..areaCodeLength] : null,
            national[areaCodeLength..],
            Util.GetNumberType(number),
            canonical,
            ContactKeys.ProviderIds(canonical));
    }

    private static string Digits(PhoneNumber number) =>
        number.CountryCode.ToString(CultureInfo.InvariantCulture) + Util.GetNationalSignificantNumber(number);

    private static PhoneParseResult Rejected(PhoneRejection reason) => new(null, reason);
}
