using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Conecta.Channels.Accounts;
using Conecta.Channels.Templates;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Templates;

/// <summary>An error as Meta's Graph API reported it; <see cref="HttpStatus"/> 0 means Meta could not be reached.</summary>
internal sealed record MetaError(int HttpStatus, int Code, int? Subcode, string Message, string? Type, string? UserTitle,
    string? UserMessage, string? TraceId)
{
    /// <summary>Meta understood the request and refused it; anything else (5xx, unreachable) is Meta's failure, not the caller's.</summary>
    public bool IsRejection => HttpStatus is >= 400 and < 500;
}

internal sealed record MetaResult<T>(T? Value, MetaError? Error) where T : class;

/// <summary>What Meta says about one template, in its create answer or its list.</summary>
internal sealed record MetaTemplate(
    string? Id,
    string? Name,
    string? Language,
    string? Status,
    string? Category,
    string? ParameterFormat,
    string? RejectedReason,
    MetaQualityScore? QualityScore,
    IReadOnlyList<TemplateComponentDefinition>? Components);

internal sealed record MetaQualityScore(string? Score);

internal sealed record MetaTemplateList(IReadOnlyList<MetaTemplate>? Data, MetaPaging? Paging);

internal sealed record MetaPaging(MetaCursors? Cursors, string? Next);

internal sealed record MetaCursors(string? Before, string? After);

/// <summary>The body of POST /{waba-id}/message_templates: the definition without our account id.</summary>
internal sealed record MetaTemplateSubmission(string Name, string Language, string Category, string? ParameterFormat,
    IReadOnlyList<TemplateComponentDefinition> Components);

/// <summary>
/// Meta's template management endpoints (WHATSAPP-FACTS §8) through a typed HttpClient with the
/// standard resilience pipeline. Errors come back as values carrying Meta's code and message.
/// </summary>
internal sealed class MetaTemplatesClient(HttpClient http, IOptions<WhatsAppOptions> whatsApp)
{
    public const string ListFields = "id,name,language,status,category,parameter_format,components,quality_score,rejected_reason";

    /// <summary>Meta's JSON: snake_case, absent rather than null.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<MetaResult<MetaTemplate>> CreateAsync(ChannelCredentials account, MetaTemplateSubmission submission, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url(account, $"{account.BusinessAccountId}/message_templates"))
        {
            Content = JsonContent.Create(submission, options: Json),
        };
        return SendAsync<MetaTemplate>(account, request, cancellationToken);
    }

    /// <param name="after">The cursor of the page before (paging.cursors.after), null for the first page.</param>
    public Task<MetaResult<MetaTemplateList>> ListAsync(ChannelCredentials account, int pageSize, string? after, CancellationToken cancellationToken)
    {
        var query = $"fields={ListFields}&limit={pageSize}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
        var request = new HttpRequestMessage(HttpMethod.Get, Url(account, $"{account.BusinessAccountId}/message_templates?{query}"));
        return SendAsync<MetaTemplateList>(account, request, cancellationToken);
    }

    /// <summary>Deletes one translation (hsm_id) rather than every language of the name.</summary>
    public async Task<MetaError?> DeleteAsync(ChannelCredentials account, string name, string templateId, CancellationToken cancellationToken)
    {
        var path = $"{account.BusinessAccountId}/message_templates?name={Uri.EscapeDataString(name)}&hsm_id={Uri.EscapeDataString(templateId)}";
        var result = await SendAsync<MetaSuccess>(account, new HttpRequestMessage(HttpMethod.Delete, Url(account, path)), cancellationToken);
        return result.Error;
    }

    private Uri Url(ChannelCredentials account, string path) =>
        new($"{whatsApp.Value.GraphBaseUrl.TrimEnd('/')}/{account.ApiVersion ?? whatsApp.Value.GraphApiVersion}/{path}");

    private async Task<MetaResult<T>> SendAsync<T>(ChannelCredentials account, HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                    return new MetaResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
                return new MetaResult<T>(null, await ReadErrorAsync(response, cancellationToken));
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or Polly.Timeout.TimeoutRejectedException
                                          or Polly.CircuitBreaker.BrokenCircuitException)
            {
                return new MetaResult<T>(null, new MetaError(0, 0, null, e.Message, e.GetType().Name, null, null, null));
            }
        }
    }

    private static async Task<MetaError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var envelope = await response.Content.ReadFromJsonAsync<MetaErrorEnvelope>(Json, cancellationToken);
            if (envelope?.Error is { } e)
                return new MetaError(status, e.Code, e.ErrorSubcode, e.Message ?? response.ReasonPhrase ?? "", e.Type, e.ErrorUserTitle,
                    e.ErrorUserMsg, e.FbtraceId);
        }
        catch (JsonException)
        {
            // Not Graph's error shape (a proxy's HTML page, say): the status line is all there is.
        }
        return new MetaError(status, 0, null, $"HTTP {status} {response.ReasonPhrase}", null, null, null, null);
    }

    private sealed record MetaErrorEnvelope(MetaErrorBody? Error);

    private sealed record MetaErrorBody(int Code, int? ErrorSubcode, string? Message, string? Type, string? ErrorUserTitle,
        string? ErrorUserMsg, string? FbtraceId);

    /// <summary>Delete answers {"success":true}; only the status matters.</summary>
    private sealed record MetaSuccess(bool Success);
}
