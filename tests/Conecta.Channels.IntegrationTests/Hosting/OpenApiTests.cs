using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>The OpenAPI document a client generates from: each operation's own security, summary and error responses.</summary>
public sealed class OpenApiTests : IDisposable
{
    private readonly EmbeddedAppFactory _app = new();

    [Theory]
    [InlineData("/api/conversations/{accountId}/{contact}/start", "post", "admin", new[] { "202", "400", "401", "403", "404", "409", "422" })]
    [InlineData("/api/conversations/{accountId}/{contact}/notices", "post", "admin", new[] { "202", "400", "401", "403", "404", "409", "422" })]
    [InlineData("/api/conversations/{accountId}/{contact}/end", "post", "admin", new[] { "202", "400", "401", "403", "404", "409", "422" })]
    [InlineData("/api/conversations/{accountId}/{contact}", "get", "reader or admin", new[] { "200", "400", "401", "403", "404" })]
    [InlineData("/api/commands/{commandId}", "get", "reader or admin", new[] { "200", "401", "403", "404" })]
    [InlineData("/api/messages", "post", "admin", new[] { "202", "400", "401", "403", "409", "422" })]
    [InlineData("/api/channel-accounts/{id}", "put", "admin", new[] { "200", "400", "401", "403", "404", "412", "428" })]
    public async Task An_admin_operation_names_its_role_bearer_security_and_the_errors_it_answers(string path, string method, string role, string[] statuses)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        Assert.StartsWith($"Role: {role}.", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(Assert.Single(operation.GetProperty("security").EnumerateArray()).TryGetProperty("Bearer", out _));
        Assert.Equal(statuses.Order(), operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
    }

    [Fact]
    public async Task Only_the_explicitly_anonymous_operations_ask_no_token_and_the_document_asks_none_globally()
    {
        var document = await DocumentAsync();

        var token = document.GetProperty("paths").GetProperty("/dev/token").GetProperty("get");
        // No policy of their own: the fallback policy's, a reader token.
        var validate = document.GetProperty("paths").GetProperty("/api/phone-numbers/validate").GetProperty("post");
        var simulator = document.GetProperty("paths").GetProperty("/sandbox/contacts/{from}/messages").GetProperty("post");
        Assert.False(token.TryGetProperty("security", out _));
        Assert.All(new[] { validate, simulator }, operation =>
        {
            Assert.True(Assert.Single(operation.GetProperty("security").EnumerateArray()).TryGetProperty("Bearer", out _));
            Assert.StartsWith("Role: reader or admin.", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        });
        Assert.False(document.TryGetProperty("security", out _));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = _app.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    public void Dispose() => _app.Dispose();
}
