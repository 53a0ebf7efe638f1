using Conecta.Channels.Phones;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Tests.Phones;

public sealed class PhonesApiTests
{
    [Theory]
    [InlineData(null, null, "number")]
    [InlineData("5531988887777", "XX", "defaultRegion")]
    public void A_request_without_a_number_or_with_an_unknown_region_is_a_bad_request(string? number, string? region, string field)
    {
        var result = PhonesApi.Validate(new PhoneValidationRequest(number, region, null)).Result;

        Assert.Equal([field], Assert.IsType<ValidationProblem>(result).ProblemDetails.Errors.Keys);
    }

    [Fact]
    public void An_invalid_number_is_an_answer_not_an_error()
    {
        var result = PhonesApi.Validate(new PhoneValidationRequest("(31) 98888-7777", null, null)).Result;

        var response = Assert.IsType<Ok<PhoneValidationResponse>>(result).Value!;
        Assert.False(response.Valid);
        Assert.Equal(PhoneRejection.MissingCountryCode, response.Reason);
        Assert.Equal(PhoneRejectionMessages.For(PhoneRejection.MissingCountryCode), response.Message);
        Assert.Empty(response.WhatsAppIds);
    }

    [Fact]
    public void The_region_is_read_in_any_case_and_a_landline_passes_when_no_mobile_is_required()
    {
        var result = PhonesApi.Validate(new PhoneValidationRequest("(31) 3333-4444", "br", false)).Result;

        var response = Assert.IsType<Ok<PhoneValidationResponse>>(result).Value!;
        Assert.True(response.Valid);
        Assert.Equal("553133334444", response.Canonical);
        Assert.Null(response.Reason);
    }
}
