using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.RateLimits;
using Polly;

namespace Conecta.Channels.IntegrationTests.ThirdChannel;

/// <summary>Relay's send API: POST accounts/{account}/messages with {"to", "text"} or {"to", "template", "language"}, answered {"id"}.</summary>
internal sealed class RelayClient(HttpClient http)
{
    public static readonly HttpRequestOptionsKey<string> AccountKey = new("relay.account");

    /// <summary>Through the shared provider setup: 5xx and no answer retried twice, a 429 waited for, a breaker per account.</summary>
    public static ProviderApi Api(string baseUrl) => new(baseUrl, MaxRetries: 2, RetryDelay: TimeSpan.FromMilliseconds(50),
        AttemptTimeout: TimeSpan.FromSeconds(5), TotalTimeout: TimeSpan.FromSeconds(15), FailureOf);

    public async Task<SendResult> SendAsync(OutboundAccount account, string contactKey, OutboundCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body switch
        {
            SendText text => new JsonObject { ["to"] = contactKey, ["text"] = text.Text },
            SendTemplate template => new JsonObject { ["to"] = contactKey, ["template"] = template.TemplateName, ["language"] = template.Language },
            _ => throw new ArgumentException($"Relay cannot carry {command.Body.GetType().Name}", nameof(command)),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"accounts/{account.AccountId}/messages")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        request.Options.Set(AccountKey, account.AccountId);
        request.Options.Set(DispatchPace.OptionKey, new DispatchPace(account.AccountId, account.SendRate));
        using var response = await http.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
            return new SendResult(null, new Refused(RejectionReason.ChannelError, status >= 500, status, response.ReasonPhrase, null));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        return new SendResult(new Sent(answer.RootElement.GetProperty("id").GetString()!, null), null);
    }

    /// <summary>PUT (or DELETE) accounts/{account}/webhook: Relay starts (or stops) posting the account's messages here.</summary>
    /// <returns>Null when Relay took it, else its HTTP status.</returns>
    public async Task<int?> WebhookAsync(HttpMethod method, string accountId, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"accounts/{accountId}/webhook");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Options.Set(AccountKey, accountId);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? null : (int)response.StatusCode;
    }

    private static ValueTask<AttemptFailure> FailureOf(Outcome<HttpResponseMessage> outcome) => ValueTask.FromResult(
        outcome.Exception is { } exception ? AttemptFailures.Of(exception)
        : (int)outcome.Result!.StatusCode == 429 ? AttemptFailure.Throttled
        : (int)outcome.Result.StatusCode >= 500 ? AttemptFailure.Failed
        : AttemptFailure.Final);
}
