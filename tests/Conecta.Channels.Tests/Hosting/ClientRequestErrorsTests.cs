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
