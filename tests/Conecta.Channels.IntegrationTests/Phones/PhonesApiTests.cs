using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Phones;

/// <summary>POST /api/phone-numbers/validate through the real Program, embedded mode (no servers needed).</summary>
public sealed class PhonesApiTests : IDisposable
{
    private readonly EmbeddedAppFactory _app = new();

    /// <summary>The validator is behind the reader policy: a reader token signed with the development key.</summary>
    private HttpClient Reader() => _app.Client(Conecta.Channels.Hosting.AdminTokens.ReaderRole, AdminApi.DevelopmentSigningKey);

    [Fact]
    public async Task Without_a_token_the_validator_is_401()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/phone-numbers/validate", new { number = "+55 (31) 8888-7777" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_old_style_mobile_comes_back_with_its_parts_the_canonical_number_and_both_WhatsApp_ids()
    {
        using var client = Reader();

        using var response = await client.PostAsJsonAsync("/api/phone-numbers/validate", new { number = "+55 (31) 8888-7777" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("""
            {"valid":true,"canonical":"5531988887777","countryCode":"55","areaCode":"31","subscriber":"988887777","type":"MOBILE","whatsAppIds":["5531988887777","553188887777"],"reason":null,"message":null}
            """, body.GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"number\": 5531988887777}")]
    [InlineData("{\"defaultRegion\": \"BR\"}")]
    public async Task A_request_without_a_readable_number_is_a_400_problem(string json)
    {
        using var client = Reader();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/phone-numbers/validate", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
    }

    public void Dispose() => _app.Dispose();
}
