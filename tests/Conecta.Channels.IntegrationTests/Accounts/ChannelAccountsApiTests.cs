using System.Net;
using System.Net.Http.Json;
using System.Text;
using Conecta.Channels.Accounts;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conecta.Channels.IntegrationTests.Accounts;

[Collection(ServersCollection.Name)]
public sealed class ChannelAccountsApiTests(AppFactory app)
{
    private const string Path = "/api/channel-accounts";

    [Fact]
    public async Task An_account_is_created_read_listed_updated_and_disabled_and_its_token_is_stored_encrypted()
    {
        using var client = app.Client();
        var input = AdminApi.WhatsAppAccount(accessToken: "EAAG-secret-token-42");
        input["defaultTeam"] = "vendas";

        using var created = await client.PostAsJsonAsync("/api/channel-accounts", input);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = await AdminApi.ReadJsonAsync(created);
        var id = account.GetProperty("id").GetGuid();
        Assert.Equal($"/api/channel-accounts/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal("whatsapp", account.GetProperty("channel").GetString());
        Assert.Equal("5531988887777", account.GetProperty("displayNumber").GetString());
        Assert.Equal(80, account.GetProperty("rateLimitPerSecond").GetInt32());
        Assert.Equal("{nome} entrou na conversa.", account.GetProperty("joinNotice").GetString());
        Assert.Equal("{nome} saiu da conversa.", account.GetProperty("leaveNotice").GetString());
        Assert.Equal("vendas", account.GetProperty("defaultTeam").GetString());
        Assert.Equal("active", account.GetProperty("status").GetString());
        Assert.DoesNotContain("secret-token", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = new NpgsqlConnection(app.PostgresConnectionString))
        {
            var stored = await db.QuerySingleAsync<byte[]>("SELECT access_token FROM channel_accounts WHERE id = @Id", new { Id = id.ToString() });
            Assert.DoesNotContain("secret-token", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        }
        var accounts = app.Services.GetRequiredService<ChannelAccountStore>();
        var credentials = await accounts.GetCredentialsAsync(id, CancellationToken.None);
        Assert.Equal("EAAG-secret-token-42", credentials?.AccessToken);
        // None pinned: the channel's default applies (WhatsApp:GraphApiVersion, v24.0: the path every Graph fake answers on).
        Assert.Null(credentials?.ApiVersion);
        var routed = await accounts.FindByProviderIdAsync("whatsapp", (string)input["providerAccountId"]!, CancellationToken.None);
        Assert.Equal(id, routed?.Id);

        using var got = await client.GetAsync($"/api/channel-accounts/{id}");
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal("\"1\"", got.Headers.ETag?.Tag);
        var listed = await client.GetFromJsonAsync<List<ChannelAccount>>("/api/channel-accounts?channel=whatsapp");
        Assert.Contains(listed!, a => a.Id == id);

        input["rateLimitPerSecond"] = 250;
        input["joinNotice"] = "{nome} está com você.";
        input["accessToken"] = null;
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/channel-accounts/{id}") { Content = JsonContent.Create(input) };
        update.Headers.IfMatch.ParseAdd("\"1\"");
        using var updated = await client.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await AdminApi.ReadJsonAsync(updated);
        Assert.Equal(250, after.GetProperty("rateLimitPerSecond").GetInt32());
        Assert.Equal("{nome} está com você.", after.GetProperty("joinNotice").GetString());
        Assert.Equal(2, after.GetProperty("version").GetInt64());
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        // A null token on update keeps the stored one.
        Assert.Equal("EAAG-secret-token-42", (await accounts.GetCredentialsAsync(id, CancellationToken.None))?.AccessToken);

        using var disabled = await client.PostAsync($"/api/channel-accounts/{id}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal("disabled", (await AdminApi.ReadJsonAsync(disabled)).GetProperty("status").GetString());
        var disabledList = await client.GetFromJsonAsync<List<ChannelAccount>>("/api/channel-accounts?status=disabled");
        Assert.Contains(disabledList!, a => a.Id == id);
        Assert.Equal("disabled", (await accounts.FindByProviderIdAsync("whatsapp", (string)input["providerAccountId"]!, CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task A_token_ciphertext_copied_onto_another_account_does_not_decrypt()
    {
        using var client = app.Client();
        var first = (await AdminApi.CreateAccountAsync(client, AdminApi.WhatsAppAccount(accessToken: "EAAG-first"))).GetProperty("id").GetGuid();
        var second = (await AdminApi.CreateAccountAsync(client, AdminApi.WhatsAppAccount(accessToken: "EAAG-second"))).GetProperty("id").GetGuid();
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);

        await db.ExecuteAsync("UPDATE channel_accounts SET access_token = (SELECT access_token FROM channel_accounts WHERE id = @First) WHERE id = @Second",
            new { First = first.ToString(), Second = second.ToString() });

        var accounts = app.Services.GetRequiredService<ChannelAccountStore>();
        Assert.Equal("EAAG-first", (await accounts.GetCredentialsAsync(first, CancellationToken.None))?.AccessToken);
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => accounts.GetCredentialsAsync(second, CancellationToken.None));
    }

    [Fact]
    public async Task Invalid_fields_are_a_validation_problem_naming_each_field_and_a_second_account_for_one_number_is_409()
    {
        using var client = app.Client();
        var invalid = new Dictionary<string, object?>
        {
            ["channel"] = "sms",
            ["providerAccountId"] = "",
            ["rateLimitPerSecond"] = 1001,
            ["graphApiVersion"] = "24",
            ["leaveNotice"] = " ",
        };

        using var response = await client.PostAsJsonAsync("/api/channel-accounts", invalid);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await AdminApi.ReadJsonAsync(response)).GetProperty("errors");
        Assert.Equal(["accessToken", "channel", "graphApiVersion", "leaveNotice", "providerAccountId", "rateLimitPerSecond"],
            errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("1000", errors.GetProperty("rateLimitPerSecond")[0].GetString(), StringComparison.Ordinal);

        var account = AdminApi.WhatsAppAccount();
        await AdminApi.CreateAccountAsync(client, account);
        using var duplicate = await client.PostAsJsonAsync("/api/channel-accounts", account);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("Account already registered", (await AdminApi.ReadJsonAsync(duplicate)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Of_two_concurrent_updates_from_the_same_version_one_wins_and_the_other_gets_412()
    {
        using var client = app.Client();
        var input = AdminApi.WhatsAppAccount();
        var id = (await AdminApi.CreateAccountAsync(client, input)).GetProperty("id").GetGuid();

        var results = await Task.WhenAll(
            AdminApi.UpdateTeamAsync(client, id, input, "time-a").ContinueWith(t => (StatusCode: t.Result, Team: "time-a"), TaskScheduler.Default),
            AdminApi.UpdateTeamAsync(client, id, input, "time-b").ContinueWith(t => (StatusCode: t.Result, Team: "time-b"), TaskScheduler.Default));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], results.Select(r => r.StatusCode).Order());
        var winner = results.Single(r => r.StatusCode == HttpStatusCode.OK).Team;
        var stored = await client.GetFromJsonAsync<ChannelAccount>($"/api/channel-accounts/{id}");
        Assert.Equal(winner, stored?.DefaultTeam);
        Assert.Equal(2, stored?.Version);

        using var withoutIfMatch = await client.PutAsJsonAsync($"/api/channel-accounts/{id}", input);
        Assert.Equal((HttpStatusCode)428, withoutIfMatch.StatusCode);
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_response_and_with_another_body_is_422()
    {
        using var client = app.Client();
        var input = AdminApi.WhatsAppAccount();
        var key = Guid.NewGuid().ToString();

        using var first = await AdminApi.PostWithKeyAsync(client, Path, input, key);
        using var again = await AdminApi.PostWithKeyAsync(client, Path, input, key);
        var other = new Dictionary<string, object?>(input) { ["defaultTeam"] = "suporte" };
        using var otherBody = await AdminApi.PostWithKeyAsync(client, Path, other, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal("Idempotency-Key reused", (await AdminApi.ReadJsonAsync(otherBody)).GetProperty("title").GetString());
        await using var db = new NpgsqlConnection(app.PostgresConnectionString);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM channel_accounts WHERE provider_account_id = @Id",
            new { Id = input["providerAccountId"] }));
    }

    [Fact]
    public async Task Account_webhooks_update_meta_status_quality_and_messaging_limit()
    {
        using var client = app.Client();
        var waba = AdminApi.UniqueDigits();
        var id = (await AdminApi.CreateAccountAsync(client, AdminApi.WhatsAppAccount(waba))).GetProperty("id").GetGuid();
        var disabled = Fixtures.Read("whatsapp/account/pywa-account-update-account-disabled.json").Replace("102290129340398", waba, StringComparison.Ordinal);
        var quality = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"{{{waba}}}","time":1751247548,"changes":[{"field":"phone_number_quality_update",
              "value":{"display_phone_number":"5531988887777","event":"UPGRADE","current_limit":"TIER_10K","quality_rating":"GREEN"}}]}]}
            """;

        using var first = await SignedPosts.PostAsync(client, disabled);
        using var second = await SignedPosts.PostAsync(client, quality);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var account = await Eventually.GetAsync(() => client.GetFromJsonAsync<ChannelAccount>($"/api/channel-accounts/{id}"),
            a => a?.QualityRating is not null && a.ProviderStatus is not null);
        Assert.Equal("DISABLED_UPDATE", account?.ProviderStatus);
        Assert.Equal("GREEN", account?.QualityRating);
        Assert.Equal("TIER_10K", account?.MessagingLimitTier);
        Assert.Equal("active", account?.Status);
    }

    [Fact]
    public async Task The_marketing_route_and_the_notices_round_trip_take_their_defaults_when_left_out_and_a_bad_value_names_the_field()
    {
        using var client = app.Client();
        var input = AdminApi.WhatsAppAccount();
        input["marketingMessagesApi"] = true;
        input["participantNotices"] = false;

        var created = await AdminApi.CreateAccountAsync(client, input);
        var id = created.GetProperty("id").GetGuid();
        var read = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"{Path}/{id}");
        var stored = await app.Services.GetRequiredService<ChannelAccountStore>().GetAsync(id, CancellationToken.None);
        // PUT is a full replace: the settings left out take their defaults (the Cloud API's /messages; notices on).
        var replaced = new Dictionary<string, object?>(input) { ["accessToken"] = null };
        replaced.Remove("marketingMessagesApi");
        replaced.Remove("participantNotices");
        using var update = new HttpRequestMessage(HttpMethod.Put, $"{Path}/{id}") { Content = JsonContent.Create(replaced) };
        update.Headers.IfMatch.ParseAdd("\"1\"");
        using var updated = await client.SendAsync(update);
        var after = await AdminApi.ReadJsonAsync(updated);

        Assert.Equal((true, false), (created.GetProperty("marketingMessagesApi").GetBoolean(), created.GetProperty("participantNotices").GetBoolean()));
        Assert.Equal((true, false), (read.GetProperty("marketingMessagesApi").GetBoolean(), read.GetProperty("participantNotices").GetBoolean()));
        Assert.Equal((true, false), (stored?.MarketingMessagesApi, stored?.ParticipantNotices));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal((false, true), (after.GetProperty("marketingMessagesApi").GetBoolean(), after.GetProperty("participantNotices").GetBoolean()));

        // Not a boolean: the body cannot be read, and the problem names the field.
        var notBoolean = AdminApi.WhatsAppAccount();
        notBoolean["marketingMessagesApi"] = "yes";
        using var unreadable = await client.PostAsJsonAsync(Path, notBoolean);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal("application/problem+json", unreadable.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["marketingMessagesApi"], (await AdminApi.ReadJsonAsync(unreadable)).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        // A channel with no marketing API of its own: refused before its provider is called, the problem naming the field.
        var bot = AdminApi.UniqueDigits();
        using var telegram = await client.PostAsJsonAsync(Path, new Dictionary<string, object?>
        {
            ["channel"] = "telegram", ["providerAccountId"] = bot, ["accessToken"] = bot + ":AAH-it-token", ["marketingMessagesApi"] = true,
        });
        Assert.Equal(HttpStatusCode.BadRequest, telegram.StatusCode);
        var errors = (await AdminApi.ReadJsonAsync(telegram)).GetProperty("errors");
        Assert.Equal(["marketingMessagesApi"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("no marketing API", errors.GetProperty("marketingMessagesApi")[0].GetString(), StringComparison.Ordinal);
    }
}
