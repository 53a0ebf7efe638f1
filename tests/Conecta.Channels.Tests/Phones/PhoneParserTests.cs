using Conecta.Channels.Phones;
using PhoneNumbers;

namespace Conecta.Channels.Tests.Phones;

public sealed class PhoneParserTests
{
    [Theory]
    [InlineData("+55 (31) 98888-7777", null)]
    [InlineData("55 31 988887777", null)]
    [InlineData("5531988887777", null)]
    [InlineData("+5531988887777", null)]
    [InlineData("(31) 98888-7777", "BR")]
    [InlineData("5531988887777", "BR")] // the region allows a missing DDI, it does not strip a present one
    [InlineData("0 31 98888-7777", "BR")] // national trunk prefix
    // Ninth digit: an old-style 8-digit mobile is the same contact as the 9-digit one.
    [InlineData("+55 31 8888-7777", null)]
    [InlineData("553188887777", null)]
    [InlineData("(31) 8888-7777", "BR")]
    public void Every_way_agents_type_a_Brazilian_mobile_gives_its_parts_and_canonical_key(string input, string? region)
    {
        var result = PhoneParser.Parse(input, region);

        Assert.Null(result.Rejection);
        Assert.Equal(("55", "31", "988887777", PhoneNumberType.MOBILE, "5531988887777"), Parts(result.Phone!));
        Assert.Equal(["5531988887777", "553188887777"], result.Phone!.ProviderIds);
    }

    [Theory]
    [InlineData("+1 415 555 2671", "14155552671", "1", "415", "5552671", PhoneNumberType.FIXED_LINE_OR_MOBILE)]
    [InlineData("+351 912 345 678", "351912345678", "351", "912", "345678", PhoneNumberType.MOBILE)]
    [InlineData("+54 9 11 2345-6789", "5491123456789", "54", "911", "23456789", PhoneNumberType.MOBILE)]
    [InlineData("+54 11 15 2345-6789", "5491123456789", "54", "911", "23456789", PhoneNumberType.MOBILE)] // Argentina's national "15" form
    [InlineData("+55 31 7888-7777", "5531978887777", "55", "31", "978887777", PhoneNumberType.MOBILE)] // 7 was a mobile range too
    public void Other_mobiles_follow_libphonenumber_and_key_on_their_E164_digits(
        string input, string canonical, string countryCode, string areaCode, string subscriber, PhoneNumberType type)
    {
        var result = PhoneParser.Parse(input);

        Assert.Null(result.Rejection);
        Assert.Equal((countryCode, areaCode, subscriber, type, canonical), Parts(result.Phone!));
    }

    [Theory]
    [InlineData("+55 31 98888-7777", new[] { "5531988887777", "553188887777" })]
    [InlineData("+55 31 93333-4444", new[] { "5531933334444" })] // 0–5 after the 9: numbered after the migration
    [InlineData("+1 415 555 2671", new[] { "14155552671" })]
    [InlineData("+54 9 11 2345-6789", new[] { "5491123456789" })]
    public void The_WhatsApp_ids_are_both_spellings_of_a_Brazilian_mobile_and_the_digits_elsewhere(string input, string[] ids)
    {
        var phone = PhoneParser.Parse(input).Phone!;

        Assert.Equal(ids, phone.ProviderIds);
        // Whatever id the webhook brings, it keys to the contact the agent typed.
        Assert.All(ids, id => Assert.Equal(phone.Canonical, ContactKeys.CanonicalPhone(id)));
    }

    [Fact]
    public void A_landline_is_rejected_when_a_mobile_is_required_and_accepted_otherwise()
    {
        var landline = ("55", "31", "33334444", PhoneNumberType.FIXED_LINE, "553133334444");

        var required = PhoneParser.Parse("55 31 3333-4444");
        var optional = PhoneParser.Parse("55 31 3333-4444", requireMobile: false);

        Assert.Equal(PhoneRejection.NotMobile, required.Rejection);
        Assert.Equal(landline, Parts(required.Phone!)); // the parts still tell the agent what was understood
        Assert.True(optional.IsValid);
        Assert.Equal(landline, Parts(optional.Phone!));
        Assert.Equal(["553133334444"], optional.Phone!.ProviderIds);
    }

    [Theory]
    [InlineData(null, null, nameof(PhoneRejection.Empty))]
    [InlineData("   ", null, nameof(PhoneRejection.Empty))]
    [InlineData("(31) 98888-7777", null, nameof(PhoneRejection.MissingCountryCode))] // read as +31, the Netherlands
    [InlineData("21 98888-7777", null, nameof(PhoneRejection.MissingCountryCode))] // read as +216, Tunisia
    [InlineData("11 8888-7777", null, nameof(PhoneRejection.MissingCountryCode))] // read as +1, and an old-style mobile
    [InlineData("+999 1234 5678", null, nameof(PhoneRejection.UnknownCountryCode))]
    [InlineData("+55 98888-7777", null, nameof(PhoneRejection.MissingAreaCode))]
    [InlineData("+55 3333-4444", null, nameof(PhoneRejection.MissingAreaCode))]
    [InlineData("98888-7777", "BR", nameof(PhoneRejection.MissingAreaCode))]
    [InlineData("+1 555 0143", null, nameof(PhoneRejection.MissingAreaCode))]
    [InlineData("+55 20 98888-7777", null, nameof(PhoneRejection.InvalidAreaCode))]
    [InlineData("+55 20 8888-7777", null, nameof(PhoneRejection.InvalidAreaCode))] // restoring the 9 does not hide the DDD
    [InlineData("+55 20 3333-4444", null, nameof(PhoneRejection.InvalidAreaCode))]
    [InlineData("+55 90 98888-7777", null, nameof(PhoneRejection.MissingAreaCode))] // libphonenumber drops 90, the collect-call prefix
    [InlineData("+55 31 98888", null, nameof(PhoneRejection.TooShort))]
    [InlineData("+351 91234567", null, nameof(PhoneRejection.TooShort))]
    [InlineData("+55 31 98888-77776", null, nameof(PhoneRejection.TooLong))]
    [InlineData("+351 9123456789", null, nameof(PhoneRejection.TooLong))]
    [InlineData("+55 31 18888-7777", null, nameof(PhoneRejection.InvalidNumber))] // 9 digits after the DDD must start with 9
    [InlineData("abc", null, nameof(PhoneRejection.InvalidNumber))]
    [InlineData("+55 31 9888A-7777", null, nameof(PhoneRejection.InvalidNumber))] // libphonenumber alone would drop the A
    [InlineData("BR.1502576394655843", "BR", nameof(PhoneRejection.InvalidNumber))] // a BSUID keys as bsuid:…, it is no phone
    [InlineData("+55 31 3333-4444", null, nameof(PhoneRejection.NotMobile))]
    [InlineData("+1 800 555 0199", null, nameof(PhoneRejection.NotMobile))] // toll-free
    [InlineData("+351 21 234 5678", null, nameof(PhoneRejection.NotMobile))]
    [InlineData("+54 11 2345-6789", null, nameof(PhoneRejection.NotMobile))] // Argentina without the mobile 9
    public void A_number_that_cannot_be_a_WhatsApp_contact_is_rejected_with_its_reason(
        string? input, string? region, string reason) // a name: the enum is internal, test methods public
    {
        Assert.Equal(reason, PhoneParser.Parse(input, region).Rejection?.ToString());
    }

    [Fact]
    public void The_DDDs_libphonenumber_knows_are_Anatels()
    {
        int[] anatel =
        [
            11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38,
            41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69,
            71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
        ];

        var ddds = Enumerable.Range(10, 90).Where(ddd => ddd != 90).ToList(); // 90 is a prefix, see the rejections
        var reasons = ddds.ToLookup(ddd => PhoneParser.Parse($"+55 {ddd} 98888-7777").Rejection);

        Assert.Equal(anatel, reasons[null]);
        Assert.Equal(ddds.Except(anatel), reasons[PhoneRejection.InvalidAreaCode]);
    }

    [Fact]
    public void Every_rejection_has_a_message_for_the_agent()
    {
        Assert.All(Enum.GetValues<PhoneRejection>(), reason => Assert.False(string.IsNullOrWhiteSpace(PhoneRejectionMessages.For(reason))));
    }

    private static (string, string?, string, PhoneNumberType, string) Parts(ParsedPhone phone) =>
        (phone.CountryCode, phone.AreaCode, phone.Subscriber, phone.Type, phone.Canonical);
}
