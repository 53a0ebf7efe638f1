using Conecta.Channels.Phones;

namespace Conecta.Channels.Tests.Phones;

public sealed class ContactKeysTests
{
    [Theory]
    [InlineData("553188887777", "5531988887777")] // Belo Horizonte mobile before the ninth digit
    [InlineData("551196543210", "5511996543210")] // São Paulo, first digit 9
    [InlineData("552176543210", "5521976543210")] // first digit 7
    [InlineData("556166543210", "5561966543210")] // first digit 6
    [InlineData("+553188887777", "5531988887777")] // E.164 with plus
    [InlineData("5531988887777", "5531988887777")] // already canonical
    [InlineData("553133334444", "553133334444")] // landline, first digit 3
    [InlineData("551125554444", "551125554444")] // landline, first digit 2
    [InlineData("555154443333", "555154443333")] // landline, first digit 5
    [InlineData("972987654321", "972987654321")] // 12 digits but not Brazil
    [InlineData("16505551234", "16505551234")]
    [InlineData("12345678", "12345678")] // shortest accepted
    [InlineData("123456789012345", "123456789012345")] // longest E.164
    public void Canonical_phone_restores_only_a_brazilian_mobile_s_ninth_digit(string providerId, string expected) =>
        Assert.Equal(expected, ContactKeys.CanonicalPhone(providerId));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("1234567")] // too short for E.164
    [InlineData("1234567890123456")] // too long
    [InlineData("55 31 98888-7777")] // formatted, not a wa_id
    [InlineData("5531988887777a")]
    [InlineData("US.13491208655302741918")] // a BSUID
    [InlineData("<WHATSAPP_USER_PHONE_NUMBER>")]
    [InlineData("٥٥٣١٨٨٨٨٧٧٧٧")] // Arabic-Indic digits are digits, but not ASCII ones
    public void Canonical_phone_is_null_for_what_is_not_a_phone(string? providerId) =>
        Assert.Null(ContactKeys.CanonicalPhone(providerId));

    [Theory]
    [InlineData("5531988887777", "US.1", "5531988887777")] // a known phone wins over the BSUID
    [InlineData(null, "US.1", "bsuid:US.1")]
    [InlineData(null, "", "unknown:wamid.x")]
    [InlineData(null, null, "unknown:wamid.x")]
    public void The_key_is_the_phone_else_the_bsuid_else_the_fallback(string? phone, string? userId, string expected) =>
        Assert.Equal(expected, ContactKeys.For(phone, userId, "unknown:wamid.x"));
}
