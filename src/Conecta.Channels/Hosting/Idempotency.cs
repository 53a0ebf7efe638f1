using System.Security.Cryptography;
using System.Text.Json;
using Conecta.Channels.Data;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Hosting;

internal enum IdempotencyClaimKind { Claimed, Replay, BodyMismatch, InProgress }

internal sealed record IdempotencyClaim(IdempotencyClaimKind Kind, StoredResponse? Response = null);

internal sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>
/// The Idempotency-Key table. A key is claimed before the work starts, so two concurrent requests
/// with one key cannot both create; the response is stored afterwards and replayed.
/// </summary>
internal sealed class IdempotencyStore(Database database, TimeProvider clock)
{
    /// <summary>How long a response is replayed for its key.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A claim whose request died (process stopped mid-way) is given up after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private const string ClaimSql = """
        INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, created_at)
        VALUES (@Scope, @Key, @Hash, @Now)
        ON CONFLICT (scope, idempotency_key) DO UPDATE
            SET request_hash = excluded.request_hash, status_code = NULL, content_type = NULL, location = NULL, body = NULL,
                created_at = excluded.created_at
            WHERE idempotency_keys.created_at < @Expired
               OR (idempotency_keys.status_code IS NULL AND idempotency_keys.created_at < @LeaseExpired)
        """;

    private const string ReadSql = """
        SELECT request_hash AS RequestHash, status_code AS StatusCode, content_type AS ContentType, location AS Location, body AS Body
        FROM idempotency_keys WHERE scope = @Scope AND idempotency_key = @Key
        """;

    private const string CompleteSql = """
        UPDATE idempotency_keys SET status_code = @StatusCode, content_type = @ContentType, location = @Location, body = @Body
        WHERE scope = @Scope AND idempotency_key = @Key
        """;

    private const string ReleaseSql = "DELETE FROM idempotency_keys WHERE scope = @Scope AND idempotency_key = @Key AND status_code IS NULL";

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string hash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(ClaimSql,
            new { Scope = scope, Key = key, Hash = hash, Now = now, Expired = now - Retention, LeaseExpired = now - Lease },
            cancellationToken: cancellationToken));
        if (claimed == 1) return new IdempotencyClaim(IdempotencyClaimKind.Claimed);

        var row = await connection.QuerySingleAsync<KeyRow>(new CommandDefinition(ReadSql, new { Scope = scope, Key = key },
            cancellationToken: cancellationToken));
        if (row.RequestHash != hash) return new IdempotencyClaim(IdempotencyClaimKind.BodyMismatch);
        if (row.StatusCode is not { } status) return new IdempotencyClaim(IdempotencyClaimKind.InProgress);
        return new IdempotencyClaim(IdempotencyClaimKind.Replay, new StoredResponse(status, row.ContentType, row.Location, row.Body ?? []));
    }

    public async Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CompleteSql, new
        {
            Scope = scope,
            Key = key,
            response.StatusCode,
            response.ContentType,
            response.Location,
            response.Body,
        }, cancellationToken: cancellationToken));
    }

    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReleaseSql, new { Scope = scope, Key = key }, cancellationToken: cancellationToken));
    }

    private sealed class KeyRow
    {
        public string RequestHash { get; init; } = "";
        public int? StatusCode { get; init; }
        public string? ContentType { get; init; }
        public string? Location { get; init; }
        public byte[]? Body { get; init; }
    }
}

/// <summary>
/// Idempotency-Key on a create: the same key with the same body gets the first response again
/// (header Idempotent-Replayed: true); the same key with another body is 422; while the first is
/// still running, 409. Responses below 500 are kept; a 5xx releases the key so the client may retry.
/// </summary>
internal sealed class IdempotencyFilter<TBody>(IdempotencyStore store) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values)) return await next(context);
        var key = values.ToString();
        // Sent but empty (a script's unset variable): refused rather than taken as no key, which would send the request twice on a retry.
        if (string.IsNullOrWhiteSpace(key))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Header] = ["Must not be empty: send a unique key (a UUID), or no header at all."] });
        if (key.Length > MaxKeyLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Header] = [$"At most {MaxKeyLength} characters."] });

        // Keys are per caller and per endpoint: two admins choosing the same key do not collide.
        var scope = $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText} {http.User.FindFirst("sub")?.Value}";
        var body = context.Arguments.OfType<TBody>().SingleOrDefault();
        // The body as bound, not its bytes: the same JSON with other spacing or property order is the same request. The route's
        // values count too: one key sent to two conversations is two requests.
        var request = JsonSerializer.SerializeToUtf8Bytes(body);
        if (http.Request.RouteValues.Count > 0)
            request = [.. request, .. System.Text.Encoding.UTF8.GetBytes(string.Join('\n', http.Request.RouteValues.OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => $"{v.Key}={v.Value}")))];
        var hash = Convert.ToHexStringLower(SHA256.HashData(request));
        var claim = await store.ClaimAsync(scope, key, hash, http.RequestAborted);
        switch (claim.Kind)
        {
            case IdempotencyClaimKind.Replay:
                return new ReplayResult(claim.Response!);
            case IdempotencyClaimKind.BodyMismatch:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                    detail: "This Idempotency-Key was used with another request body; choose a new key for a new request.");
            case IdempotencyClaimKind.InProgress:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Request in progress",
                    detail: "A request with this Idempotency-Key is still running; retry shortly.");
        }

        try
        {
            return await ExecuteAndKeepAsync(context, next, scope, key);
        }
        catch
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }
    }

    private async Task<object?> ExecuteAndKeepAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string scope, string key)
    {
        var http = context.HttpContext;
        if (await next(context) is not IResult result)
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            return null;
        }

        // The response is written to a buffer first so exactly those bytes can be stored and replayed.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var response = new StoredResponse(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString(), buffer.ToArray());
        if (response.StatusCode < 500) await store.CompleteAsync(scope, key, response, CancellationToken.None);
        else await store.ReleaseAsync(scope, key, CancellationToken.None);
        await original.WriteAsync(response.Body, http.RequestAborted);
        return EmptyHttpResult.Instance;
    }

    private sealed class ReplayResult(StoredResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            httpContext.Response.ContentType = response.ContentType;
            if (!string.IsNullOrEmpty(response.Location)) httpContext.Response.Headers.Location = response.Location;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            await httpContext.Response.Body.WriteAsync(response.Body, httpContext.RequestAborted);
        }
    }
}

internal static class IdempotencyEndpoints
{
    /// <summary>Honors an Idempotency-Key header on this create endpoint, comparing requests by their <typeparamref name="TBody"/>.</summary>
    public static RouteHandlerBuilder WithIdempotencyKey<TBody>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<IdempotencyFilter<TBody>>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
