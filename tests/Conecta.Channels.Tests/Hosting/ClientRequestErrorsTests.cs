using Conecta.Channels.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conecta.Channels.Tests.Hosting;

public sealed class ClientRequestErrorsTests
{
    [Theory]
    [InlineData(StatusCodes.Status408RequestTimeout)] // a body trickled in below Kestrel's minimum data rate
    [InlineData(StatusCodes.Status400BadRequest)] // a body cut short
    [InlineData(StatusCodes.Status413PayloadTooLarge)]
    public async Task A_request_the_client_broke_gets_the_status_Kestrel_chose(int status)
    {
        var (handler, context) = Create();

        var handled = await handler.TryHandleAsync(context, new BadHttpRequestException("client broke it", status), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(status, context.Response.StatusCode);
    }

    [Fact]
    public async Task Any_other_exception_is_left_to_the_default_500()
    {
        var (handler, context) = Create();

        Assert.False(await handler.TryHandleAsync(context, new InvalidOperationException("ours"), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    private static (ClientRequestErrors Handler, HttpContext Context) Create()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        return (new ClientRequestErrors(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ClientRequestErrors>.Instance), context);
    }
}

public sealed class ClientRequestErrorsDescriptionTests
{
    [Theory]
    [InlineData("""{"type":"text","commandId":"not-a-guid"}""", "commandId", "line 1, position")]
    [InlineData("{\n  \"type\": \"template\",\n  \"components\": [{\"type\": 3}]\n}", "components[0].type", "line 3, position")]
    [InlineData("""{"type":"text" "to":"5531988887777"}""", "body", "line 1, position 16")]
    [InlineData("""{"type":""", "type", "line 1")]
    public void Malformed_json_is_told_by_its_field_line_and_position(string body, string field, string where)
    {
        var problem = ClientRequestErrors.Describe(Failure(body));

        var errors = Assert.IsType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(problem).Errors;
        Assert.Contains(where, Assert.Single(errors[field]), StringComparison.Ordinal);
        Assert.Contains(where, problem.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
    }

    [Fact]
    public void A_missing_body_is_told_plainly()
    {
        var problem = ClientRequestErrors.Describe(new BadHttpRequestException(
            "Implicit body inferred for parameter \"request\" but no body was provided. Did you mean to use a Service instead?"));

        Assert.Equal("A JSON body is required (Content-Type: application/json).", problem.Detail);
    }

    [Theory]
    [InlineData(null, "body")]
    [InlineData("$", "body")]
    [InlineData("$.templateName", "templateName")]
    [InlineData("$.components[1].parameters[0].text", "components[1].parameters[0].text")]
    public void The_field_is_the_json_path_without_its_root(string? path, string field) =>
        Assert.Equal(field, ClientRequestErrors.FieldOf(path));

    private sealed record Probe(string? Type, Guid? CommandId, string? To, IReadOnlyList<ProbeComponent>? Components);

    private sealed record ProbeComponent(string? Type);

    /// <summary>What minimal APIs throw when the body does not bind: the serializer's exception inside.</summary>
    private static BadHttpRequestException Failure(string body)
    {
        try
        {
            System.Text.Json.JsonSerializer.Deserialize<Probe>(body, System.Text.Json.JsonSerializerOptions.Web);
        }
        catch (System.Text.Json.JsonException e)
        {
            return new BadHttpRequestException("Failed to read parameter \"Probe request\" from the request body as JSON.", e);
        }
        throw new InvalidOperationException("The body was read: not a malformed one.");
    }
}
