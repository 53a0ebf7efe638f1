using System.Net;
using System.Net.Http.Headers;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>
/// AdminApi:Port on Kestrel with two real listeners: the admin API and its reference answer only on the admin port, the
/// webhooks only on the other, health on both; decided by the connection's port, so a forged Host header changes nothing.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AdminListenerTests : IDisposable
{
    private readonly int _public = Ports.Free();
    private readonly int _admin = Ports.Free();
    private readonly AppFactory _app;
    private readonly HttpClient _http = new();

    public AdminListenerTests()
    {
        _app = AppFactory.Listening([("AdminApi:Port", _admin.ToString(System.Globalization.CultureInfo.InvariantCulture))], _public, _admin);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminApi.Token(AdminTokens.AdminRole));
    }

    private async Task<HttpStatusCode> StatusAsync(HttpMethod method, int port, string path, string? host = null)
    {
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{port}{path}");
        if (host is not null) request.Headers.Host = host;
        if (method == HttpMethod.Post) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task The_admin_api_and_its_reference_answer_only_on_the_admin_port()
    {
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, _admin, "/api/channel-accounts"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, _admin, "/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Get, _public, "/api/channel-accounts"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Get, _public, "/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Get, _public, "/api/channel-accounts", host: $"127.0.0.1:{_admin}"));
    }

    [Fact]
    public async Task Webhooks_answer_only_on_the_public_port_and_health_on_both()
    {
        // Unsigned: the webhook itself answers 401 where it is served.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Post, _public, "/webhooks/whatsapp"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Post, _admin, "/webhooks/whatsapp"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, _public, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, _admin, "/health/live"));
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
    }
}
