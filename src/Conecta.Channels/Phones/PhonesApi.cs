using System.Text.Json;
using Conecta.Channels.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneNumbers;

namespace Conecta.Channels.Phones;

/// <param name="Number">What the agent typed, e.g. "+55 (31) 98888-7777".</param>
/// <param name="DefaultRegion">ISO 3166 region a number without DDI is read in; without it the DDI is required.</param>
/// <param name="RequireMobile">Defaults to true: a WhatsApp contact needs a mobile.</param>
internal sealed record PhoneValidationRequest(string? Number, string? DefaultRegion, bool? RequireMobile);

/// <param name="Type">libphonenumber's type name: MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, TOLL_FREE, …</param>
/// <param name="WhatsAppIds">Every id WhatsApp may know the contact by: a Brazilian mobile with and without its ninth digit.</param>
/// <param name="Message">Why the number was rejected, in pt-BR for the agent; <paramref name="Reason"/> is for programs.</param>
internal sealed record PhoneValidationResponse(
    bool Valid, string? Canonical, string? CountryCode, string? AreaCode, string? Subscriber, PhoneNumberType? Type,
    IReadOnlyList<string> WhatsAppIds, PhoneRejection? Reason, string? Message)
{
    public static PhoneValidationResponse From(PhoneParseResult result) => new(
        result.IsValid,
        result.Phone?.Canonical,
        result.Phone?.CountryCode,
        result.Phone?.AreaCode,
        result.Phone?.Subscriber,
        result.Phone?.Type,
        result.Phone?.ProviderIds ?? [],
        result.Rejection,
        result.Rejection is { } reason ? PhoneRejectionMessages.For(reason) : null);
}

internal static class PhonesApi
{
    private const string ExpectedBody = "Expected a JSON object: { \"number\": \"+55 31 98888-7777\", \"defaultRegion\": \"BR\", \"requireMobile\": true }.";

    /// <summary>A number as an agent types it is a few dozen bytes: a larger body is a 413, never read whole.</summary>
    public const int MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapPhonesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/phone-numbers").WithTags("Phone numbers").RequireAuthorization(AdminTokens.ReadPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        group.MapPost("/validate", ValidateAsync).Accepts<PhoneValidationRequest>("application/json")
            .WithSummary("Read a number as an agent types it: its parts, the canonical contact key, every WhatsApp id of the contact");
        return app;
    }

    // The body is read here rather than bound, so that a missing or malformed body is the same
    // ProblemDetails with field errors in every environment (bound, Development throws instead).
    // Accepts() answers 415 to other media types; a request without any Content-Type gets here.
    internal static async Task<Results<Ok<PhoneValidationResponse>, ValidationProblem>> ValidateAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType()) return BadRequest("body", ExpectedBody);
        PhoneValidationRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync(PhonesJsonContext.Default.PhoneValidationRequest, cancellationToken);
        }
        catch (JsonException)
        {
            body = null;
        }
        return body is null ? BadRequest("body", ExpectedBody) : Validate(body);
    }

    /// <summary>
    /// An invalid number is a 200 with valid=false, not a 422: the request was understood and the
    /// answer to "can this be a contact?" is no, with the parts and the reason the agent's screen
    /// shows. Only a request we cannot read is an error (400).
    /// </summary>
    internal static Results<Ok<PhoneValidationResponse>, ValidationProblem> Validate(PhoneValidationRequest request)
    {
        if (request.Number is null) return BadRequest("number", "The number is required.");
        var region = request.DefaultRegion?.ToUpperInvariant();
        if (region is not null && !PhoneParser.IsKnownRegion(region))
            return BadRequest("defaultRegion", "Unknown region: use an ISO 3166 alpha-2 code such as BR.");
        var result = PhoneParser.Parse(request.Number, region, request.RequireMobile ?? true);
        return TypedResults.Ok(PhoneValidationResponse.From(result));
    }

    private static ValidationProblem BadRequest(string field, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] });
}
