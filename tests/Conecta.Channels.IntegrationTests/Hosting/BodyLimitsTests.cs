using System.Net;
using System.Text.Json;
using Conecta.Channels.Hosting;
using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Hosting;

/// <summary>
/// Kestrel's body limits, on a real socket (the test server enforces none): 1 MiB unless an endpoint says otherwise,
/// 4 KiB for the phone validator, 64 MiB only for the media upload. Over a limit is a 413 problem, never a 500.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class BodyLimitsTests : IDisposable
{
    private readonly AppFactory _app = AppFactory.Listening([], 0);

    private HttpClient Client(string role)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminApi.Token(role));
        return client;
    }

    private static StringContent Json(int bytes) =>
        new("{\"number\":\"" + new string('9', bytes) + "\"}", System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_phone_validator_takes_a_few_kilobytes_and_refuses_more_with_413()
    {
        using var client = Client(AdminTokens.ReaderRole);

        using var small = await client.PostAsync("/api/phone-numbers/validate", Json(20));
        using var large = await client.PostAsync("/api/phone-numbers/validate", Json(5 * 1024));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        using var problem = JsonDocument.Parse(await large.Content.ReadAsStringAsync());
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Other_endpoints_take_one_mebibyte_and_only_the_media_upload_more()
    {
        using var client = Client(AdminTokens.AdminRole);
        var twoMiB = new byte[2 * 1024 * 1024];

        using var account = await client.PostAsync("/api/channel-accounts", Json(twoMiB.Length));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(twoMiB);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "nota.pdf");
        // An account nobody registered: reaching that answer means the whole 2 MiB form was read.
        using var upload = await client.PostAsync("/api/media/" + AdminApi.UniqueDigits(), form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, account.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Equal("No active account with that id on a channel that carries media",
            JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_webhook_over_its_limit_is_answered_413_on_a_connection_that_closes_so_the_next_request_gets_a_new_one()
    {
        using var client = _app.CreateClient();
        var huge = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"pad\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";

        // The 413 comes before the body is read: a client still writing 5 MiB when the connection closes sees it reset instead.
        using var refused = await SignedPosts.PostAsync(client, huge, expectContinue: true);
        using var next = await SignedPosts.PostAsync(client, "{\"object\":\"whatsapp_business_account\",\"entry\":[]}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        // Left open, Kestrel would drain the unread body past its limit and drop the connection under a reused request.
        Assert.True(refused.Headers.ConnectionClose);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
