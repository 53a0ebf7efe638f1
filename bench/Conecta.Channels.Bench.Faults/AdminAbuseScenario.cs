using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Conecta.Channels.Bench.Faults;

/// <summary>
/// The admin API abused: every endpoint with no token, broken tokens (garbage, expired, not yet valid, another
/// key, alg none, another issuer or audience, no role) and the reader role on writes; SQL injection strings in
/// every field of every body, query and header; huge and overflowing pages; huge, deep and ill-typed bodies.
/// Pass: no 5xx, nothing unauthorized gets through, injected strings stored verbatim when accepted, no request
/// slow enough to be a sleep() that ran, the tables intact and holding exactly what was created.
/// </summary>
internal static class AdminAbuseScenario
{
    private static readonly string[] Injections =
    [
        "' OR '1'='1", "' OR 1=1 --", "'; DROP TABLE channel_accounts; --", "\"; DROP TABLE message_templates; --",
        "1; SELECT pg_sleep(5) --", "' || pg_sleep(5) || '", "1' AND (SELECT pg_sleep(5)) IS NULL --", "' UNION SELECT NULL, version() --",
        "admin'--", "') OR ('a'='a", "$$; DROP TABLE dead_letters; $$", "\\'; DELETE FROM idempotency_keys; --", "%27%20OR%201%3D1",
        "'; UPDATE channel_accounts SET status='disabled'; --", "1 OR 1=1", "' ; COPY channel_accounts TO '/tmp/x'; --",
        "Robert'); DROP TABLE students;--", "\u0000", "abc\u0000def", "😀' OR '😀'='😀", "\u202e' OR 1=1", "' OR ''='",
        "\r\n' OR 1=1", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd", new string('\'', 300),
    ];

    private static readonly string[] Tables = ["channel_accounts", "message_templates", "dead_letters", "idempotency_keys"];

    private sealed record Call(string Area, string What, int? Status, double Ms, string? Error = null);

    public static async Task<ScenarioSummary> RunAsync(WebApplicationBuilder builder, Settings settings, RunDirectory run)
    {
        var started = Stats.UnixMs();
        var key = settings.SigningKey;
        builder.WebHost.UseUrls(settings.Required("GraphUrl"));
        var app = builder.Build();
        new FaultyGraph(settings.Seed).Map(app);
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(settings.ServiceUrl), Timeout = TimeSpan.FromSeconds(30) };
        var admin = Tokens.Mint(key, "admin");
        var reader = Tokens.Mint(key, "reader");
        var calls = new ConcurrentBag<Call>();
        var failures = new List<string>();
        var pid = run.ServicePid();
        await using var rss = new RssSampler(run);
        var accountsBefore = await CountAsync(settings, "channel_accounts");
        var created = 0;
        var stored = new List<(Guid Id, string Field, string Value)>();

        // An account of the run's own, to aim the id routes at.
        var own = await SendAsync(http, HttpMethod.Post, "/api/channel-accounts", admin, Json(new AccountInput("whatsapp", "1550000006001", "201550000006001",
            AccessToken: "faults-admin-token")));
        if (own.Status != 201) throw new InvalidOperationException($"creating the admin scenario's account answered {own.Status}: {own.Body}");
        created++;
        var ownId = Guid.Parse(JsonDocument.Parse(own.Body).RootElement.GetProperty("id").GetString()!);

        // ---- 1. Authentication and roles: every route × every kind of token -------------------------------
        (string Name, string? Header)[] tokens =
        [
            ("no token", null), ("empty bearer", "Bearer "), ("garbage", "Bearer not.a.jwt"), ("basic auth", "Basic YWRtaW46YWRtaW4="),
            ("expired", "Bearer " + Tokens.Mint(key, "admin", validFrom: TimeSpan.FromHours(-3), lifetime: TimeSpan.FromHours(1))),
            ("not yet valid", "Bearer " + Tokens.Mint(key, "admin", validFrom: TimeSpan.FromHours(1))),
            ("another key", "Bearer " + Tokens.Mint(Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()), "admin")),
            ("alg none", "Bearer " + Tokens.Mint(key, "admin", alg: "none")),
            ("another issuer", "Bearer " + Tokens.Mint(key, "admin", issuer: "evil")),
            ("another audience", "Bearer " + Tokens.Mint(key, "admin", audience: "evil")),
            ("no role", "Bearer " + Tokens.Mint(key, null)),
            ("role 'root'", "Bearer " + Tokens.Mint(key, "root")),
            ("reader", "Bearer " + reader),
            ("admin", "Bearer " + admin),
        ];
        var unknown = Guid.NewGuid();
        (HttpMethod Method, string Path, bool Write, Func<byte[]?> Body)[] routes =
        [
            (HttpMethod.Get, "/api/channel-accounts", false, () => null),
            (HttpMethod.Get, $"/api/channel-accounts/{ownId}", false, () => null),
            (HttpMethod.Post, "/api/channel-accounts", true, () => Json(new AccountInput("telegram", "bot" + Guid.NewGuid().ToString("N"), null, AccessToken: "t"))),
            (HttpMethod.Put, $"/api/channel-accounts/{unknown}", true, () => Json(new AccountInput("whatsapp", "1", "1"))),
            (HttpMethod.Post, $"/api/channel-accounts/{unknown}/disable", true, () => null),
            (HttpMethod.Get, "/api/templates", false, () => null),
            (HttpMethod.Get, $"/api/templates/{unknown}", false, () => null),
            (HttpMethod.Post, "/api/templates", true, () => Json(Template(ownId, "abuse_" + Guid.NewGuid().ToString("N")[..12], "Olá {{1}}, tudo bem?"))),
            (HttpMethod.Delete, $"/api/templates/{unknown}", true, () => null),
            (HttpMethod.Post, $"/api/templates/sync?accountId={unknown}", true, () => null),
            (HttpMethod.Post, "/api/messages", true, () => Json(new MessageInput("text", "1550000006001", "5531988887777", "oi"))),
            (HttpMethod.Get, "/api/media/1550000006001/123", false, () => null),
        ];
        var authBreaches = new List<string>();
        foreach (var (name, header) in tokens)
        {
            foreach (var (method, path, write, body) in routes)
            {
                var r = await SendAsync(http, method, path, header, body(), raw: true);
                calls.Add(new Call("auth", $"{name} {method} {path}", r.Status, r.Ms, r.Error));
                if (r.Status == 201 && path == "/api/channel-accounts") created++;
                var expected = name switch
                {
                    "admin" => "not 401/403",
                    "reader" when write => "403",
                    "reader" => "not 401/403",
                    "no role" or "role 'root'" => "403",
                    _ => "401",
                };
                var ok = expected switch
                {
                    "401" => r.Status == 401,
                    "403" => r.Status == 403,
                    _ => r.Status is not (401 or 403),
                };
                if (!ok) authBreaches.Add($"{name} on {method} {path}: {r.Status?.ToString(CultureInfo.InvariantCulture) ?? r.Error} (expected {expected})");
            }
        }
        if (authBreaches.Count > 0) failures.Add($"{authBreaches.Count} route × token pairs not refused as they should");
        run.Progress(0.25);

        // ---- 2. Injection strings in every field of every body, query and header -----------------------------
        var fields = new[] { "channel", "providerAccountId", "businessAccountId", "displayNumber", "accessToken", "graphApiVersion", "defaultTeam",
            "joinNotice", "leaveNotice" };
        var n = 0;
        foreach (var s in Injections)
        {
            foreach (var field in fields)
            {
                n++;
                // Telegram ids are free text: an injection there must be stored as it came.
                var channel = field == "providerAccountId" ? "telegram" : "whatsapp";
                var input = new AccountInput(channel, channel == "telegram" ? "x" : (1_560_000_000_000L + n).ToString(CultureInfo.InvariantCulture),
                    "1" + n.ToString(CultureInfo.InvariantCulture), AccessToken: "tok-" + n.ToString(CultureInfo.InvariantCulture));
                input = field switch
                {
                    "channel" => input with { Channel = s },
                    "providerAccountId" => input with { ProviderAccountId = s + "-" + n.ToString(CultureInfo.InvariantCulture) },
                    "businessAccountId" => input with { BusinessAccountId = s },
                    "displayNumber" => input with { DisplayNumber = s },
                    "accessToken" => input with { AccessToken = s },
                    "graphApiVersion" => input with { GraphApiVersion = s },
                    "defaultTeam" => input with { DefaultTeam = s },
                    "joinNotice" => input with { JoinNotice = s },
                    _ => input with { LeaveNotice = s },
                };
                var r = await SendAsync(http, HttpMethod.Post, "/api/channel-accounts", "Bearer " + admin, Json(input), raw: true);
                calls.Add(new Call("injection", $"POST channel-accounts {field}", r.Status, r.Ms, r.Error));
                if (r.Status == 201)
                {
                    created++;
                    var id = Guid.Parse(JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()!);
                    var value = field switch
                    {
                        "providerAccountId" => input.ProviderAccountId!,
                        "defaultTeam" => s,
                        "joinNotice" => s,
                        "leaveNotice" => s,
                        _ => null,
                    };
                    if (value is not null) stored.Add((id, field, value));
                }
            }
            var q = Uri.EscapeDataString(s);
            foreach (var path in new[]
            {
                $"/api/channel-accounts?channel={q}&status={q}", $"/api/templates?status={q}&language={q}&name={q}", $"/api/templates?accountId={q}",
                $"/api/channel-accounts/{q}", $"/api/templates/{q}", $"/api/media/{q}/{q}",
            })
            {
                var r = await SendAsync(http, HttpMethod.Get, path, "Bearer " + admin, null, raw: true);
                calls.Add(new Call("injection", "GET " + path.Split('?')[0], r.Status, r.Ms, r.Error));
            }
            var t = await SendAsync(http, HttpMethod.Post, "/api/templates", "Bearer " + admin, Json(new TemplateInput(ownId, s, s, s, [new TemplateComponentInput(s, s)])), raw: true);
            calls.Add(new Call("injection", "POST templates (every field)", t.Status, t.Ms, t.Error));
            var body = "Olá {{1}}, " + s.Replace("{{", "{", StringComparison.Ordinal) + " fim.";
            var t2 = await SendAsync(http, HttpMethod.Post, "/api/templates", "Bearer " + admin,
                Json(Template(ownId, "inj_" + n.ToString(CultureInfo.InvariantCulture), body)), raw: true);
            calls.Add(new Call("injection", "POST templates (body text)", t2.Status, t2.Ms, t2.Error));
            var m = await SendAsync(http, HttpMethod.Post, "/api/messages", "Bearer " + admin, Json(new MessageInput("text", s, s, s)), raw: true);
            calls.Add(new Call("injection", "POST messages", m.Status, m.Ms, m.Error));
            var p = await SendAsync(http, HttpMethod.Post, "/api/phone-numbers/validate", null, Json(new PhoneInput(s, s, true)), raw: true);
            calls.Add(new Call("injection", "POST phone-numbers/validate", p.Status, p.Ms, p.Error));
            if (!s.Any(char.IsControl) && s.All(c => c < 0x7f))
            {
                var i = await SendAsync(http, HttpMethod.Post, "/api/channel-accounts", "Bearer " + admin,
                    Json(new AccountInput("telegram", "idem-" + n.ToString(CultureInfo.InvariantCulture), null, AccessToken: "t")), raw: true,
                    headers: [("Idempotency-Key", s)]);
                calls.Add(new Call("injection", "Idempotency-Key header", i.Status, i.Ms, i.Error));
                if (i.Status == 201) created++;
                var u = await SendAsync(http, HttpMethod.Put, $"/api/channel-accounts/{ownId}", "Bearer " + admin,
                    Json(new AccountInput("whatsapp", "1550000006001", "201550000006001")), raw: true, headers: [("If-Match", s)]);
                calls.Add(new Call("injection", "If-Match header", u.Status, u.Ms, u.Error));
            }
        }
        run.Progress(0.6);

        // ---- 3. Pages: huge, zero, negative, overflowing ----------------------------------------------------------
        for (var k = 0; k < 250; k++)
        {
            var r = await SendAsync(http, HttpMethod.Post, "/api/templates", "Bearer " + admin, Json(Template(ownId, $"page_{k:D4}", "Olá {{1}}, pedido pronto.")), raw: true);
            calls.Add(new Call("pages", "POST templates (filler)", r.Status, r.Ms, r.Error));
        }
        foreach (var (page, size) in new[]
        {
            ("1", "200"), ("2", "200"), ("1", "201"), ("1", "1000000"), ("1", "0"), ("1", "-1"), ("0", "10"), ("-5", "10"), ("2147483647", "200"),
            ("1073741824", "2"), ("10737419", "200"), ("99999999999", "10"), ("1", "99999999999"), ("abc", "10"), ("1", "1e3"), ("1.5", "10"),
        })
        {
            var r = await SendAsync(http, HttpMethod.Get, $"/api/templates?page={page}&pageSize={size}", "Bearer " + reader, null, raw: true);
            calls.Add(new Call("pages", $"GET templates?page={page}&pageSize={size}", r.Status, r.Ms, r.Error));
        }
        var list = await SendAsync(http, HttpMethod.Get, "/api/channel-accounts", "Bearer " + reader, null, raw: true);
        calls.Add(new Call("pages", $"GET channel-accounts (all, {list.Body.Length / 1024} KiB)", list.Status, list.Ms, list.Error));
        run.Progress(0.75);

        // ---- 4. Bodies: huge, deep, ill-typed, malformed ------------------------------------------------------------
        var team = new string('t', 10 * 1024 * 1024);
        var bodies = new (string What, byte[] Body, string? ContentType)[]
        {
            ("a 10 MiB defaultTeam", Json(new AccountInput("telegram", "huge-team", null, AccessToken: "t", DefaultTeam: team)), "application/json"),
            ("a 1 MiB accessToken", Json(new AccountInput("telegram", "huge-token", null, AccessToken: new string('k', 1024 * 1024))), "application/json"),
            ("a 70 MiB body", new byte[70 * 1024 * 1024], "application/json"),
            ("JSON 10,000 deep", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)), "application/json"),
            ("rateLimitPerSecond as a string", """{"channel":"whatsapp","providerAccountId":"1","businessAccountId":"1","accessToken":"t","rateLimitPerSecond":"many"}"""u8.ToArray(), "application/json"),
            ("rateLimitPerSecond overflowing", """{"channel":"whatsapp","providerAccountId":"1","businessAccountId":"1","accessToken":"t","rateLimitPerSecond":99999999999999999999}"""u8.ToArray(), "application/json"),
            ("fields as arrays", """{"channel":["whatsapp"],"providerAccountId":{"a":1},"accessToken":[1,2]}"""u8.ToArray(), "application/json"),
            ("truncated JSON", """{"channel":"whatsapp","providerAccount"""u8.ToArray(), "application/json"),
            ("empty body", [], "application/json"),
            ("JSON null", "null"u8.ToArray(), "application/json"),
            ("form-encoded", "channel=whatsapp&providerAccountId=1"u8.ToArray(), "application/x-www-form-urlencoded"),
            ("no content type", """{"channel":"telegram","providerAccountId":"ct","accessToken":"t"}"""u8.ToArray(), null),
            ("a NUL in defaultTeam", """{"channel":"telegram","providerAccountId":"nul","accessToken":"t","defaultTeam":"a\u0000b"}"""u8.ToArray(), "application/json"),
            ("invalid UTF-8", [0x7B, 0x22, 0x63, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "application/json"),
        };
        foreach (var (what, body, contentType) in bodies)
        {
            var r = await SendAsync(http, HttpMethod.Post, "/api/channel-accounts", "Bearer " + admin, body, raw: true, contentType: contentType);
            calls.Add(new Call("bodies", what, r.Status, r.Ms, r.Error));
            if (r.Status == 201) created++;
        }
        run.Progress(0.9);

        // ---- Checks ---------------------------------------------------------------------------------------------------
        var verbatim = 0;
        var altered = new List<string>();
        foreach (var (id, field, value) in stored)
        {
            var r = await SendAsync(http, HttpMethod.Get, $"/api/channel-accounts/{id}", "Bearer " + reader, null, raw: true);
            var got = r.Status == 200 && JsonDocument.Parse(r.Body).RootElement.TryGetProperty(field, out var v) ? v.GetString() : null;
            if (got == value) verbatim++;
            else altered.Add($"{field}: sent {Show(value)}, read back {Show(got)}");
        }
        var tables = await TablesAsync(settings);
        var accountsAfter = await CountAsync(settings, "channel_accounts");
        var active = await CountAsync(settings, "channel_accounts WHERE status = 'active'");
        var peak = rss.PeakMiB;
        await app.StopAsync();

        var all = calls.ToList();
        // The media proxy answers 502 when Meta refuses (documented); an unknown media id is Meta's 400, code 100.
        static bool MetaRefusedMedia(Call c) => c.Status == 502 && c.What.Contains("/api/media/", StringComparison.Ordinal);
        var serverErrors = all.Where(c => c.Status >= 500 && !MetaRefusedMedia(c)).ToList();
        var mediaRefusals = all.Count(MetaRefusedMedia);
        // Kestrel answers 413 to a body over the admin API's 1 MiB and may close while the client is still sending: the client
        // then sees no answer. Those bodies count as refused either way (bodiesTaken); any other request must be answered.
        string[] overLimit = ["a 70 MiB body", "a 10 MiB defaultTeam", "a 1 MiB accessToken"];
        var noAnswer = all.Where(c => c.Status is null && !overLimit.Contains(c.What)).ToList();
        var bodiesTaken = all.Where(c => c.Area == "bodies" && c.Status is >= 200 and < 300).ToList();
        var slow = all.Where(c => c.Ms > 4_000).ToList();
        var p99 = Stats.Percentile(all.Where(c => c.Status is not null).Select(c => c.Ms).ToList(), 0.99);
        if (serverErrors.Count > 0) failures.Add($"{serverErrors.Count} requests answered 5xx");
        if (noAnswer.Count > 0) failures.Add($"{noAnswer.Count} requests got no answer");
        if (slow.Count > 0) failures.Add($"{slow.Count} requests took over 4 s (a sleep that ran?)");
        if (bodiesTaken.Count > 0) failures.Add($"accepted {string.Join(", ", bodiesTaken.Select(c => c.What))}");
        if (altered.Count > 0) failures.Add($"{altered.Count} accepted values not stored verbatim");
        var missingTables = Tables.Where(t => !tables.Contains(t)).ToList();
        if (missingTables.Count > 0) failures.Add($"tables gone: {string.Join(", ", missingTables)}");
        if (accountsAfter != accountsBefore + created) failures.Add($"channel_accounts holds {accountsAfter} rows, expected {accountsBefore} + {created} created");
        if (active != accountsAfter) failures.Add($"{accountsAfter - active} accounts no longer active (nothing here disabled any)");
        if (!InboundScenario.ServiceAlive(run) || run.ServicePid() != pid) failures.Add("the service crashed or restarted");

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Admin API abuse: {all.Count} requests");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{tokens.Length} kinds of token × {routes.Length} routes; {Injections.Length} ") +
            "injection strings (quotes, comments, stacked queries, " +
            "pg_sleep, UNION, NUL, RTL override, emoji, CRLF, template and JNDI strings) in every field of account creates, in template, " +
            "message and phone-number bodies, in query strings, route ids, Idempotency-Key and If-Match; pages from 0 to 99,999,999,999 " +
            "over 250 templates; bodies of 10 and 70 MiB, 10,000 deep, ill-typed, truncated.");
        text.AppendLine();
        text.AppendLine("| area | requests | answers |");
        text.AppendLine("|---|---:|---|");
        foreach (var g in all.GroupBy(c => c.Area))
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {g.Key} | {g.Count()} | {string.Join(", ", g.GroupBy(c => c.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer").OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Count()}"))} |");
        text.AppendLine();
        text.AppendLine("| check | result |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| invalid or missing tokens refused (401), wrong role refused (403), reader cannot write | {(authBreaches.Count == 0 ? "yes" : $"**{authBreaches.Count} breaches**")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **5xx** | **{serverErrors.Count}** (besides {mediaRefusals} × 502 from the media proxy for an unknown media id: Meta's 400 passed on as documented) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| ill-formed, oversized or ill-typed bodies refused | {(bodiesTaken.Count == 0 ? "all" : $"**accepted: {string.Join(", ", bodiesTaken.Select(c => c.What))}**")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| injected values accepted and read back verbatim | {verbatim} of {stored.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| tables intact | {(missingTables.Count == 0 ? "yes" : "**no**")}; channel_accounts {accountsBefore} → {accountsAfter} rows for {created} creates, all active: {(active == accountsAfter ? "yes" : "**no**")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| slowest request | {Stats.Ms(all.Max(c => c.Ms))} ({all.MaxBy(c => c.Ms)!.What}) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| p99 | {Stats.Ms(p99)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| service peak RSS | {peak} MiB |");
        text.AppendLine();
        foreach (var b in authBreaches.Take(10)) text.AppendLine("- auth: " + b);
        foreach (var g in serverErrors.GroupBy(c => c.What).Take(15))
            text.AppendLine(CultureInfo.InvariantCulture, $"- 5xx: {g.Key} ×{g.Count()} ({string.Join(", ", g.Select(c => c.Status).Distinct())})");
        foreach (var c in noAnswer.Take(5)) text.AppendLine($"- no answer: {c.What}: {c.Error}");
        foreach (var c in slow.Take(5)) text.AppendLine($"- slow: {c.What}: {Stats.Ms(c.Ms)}");
        foreach (var a in altered.Take(5)) text.AppendLine("- altered: " + a);
        foreach (var c in all.Where(c => c.Area == "bodies")) text.AppendLine($"- body {c.What}: {c.Status?.ToString(CultureInfo.InvariantCulture) ?? c.Error}");
        foreach (var c in all.Where(c => c.Area == "pages" && !c.What.Contains("filler", StringComparison.Ordinal)))
            text.AppendLine($"- {c.What}: {c.Status?.ToString(CultureInfo.InvariantCulture) ?? c.Error} in {Stats.Ms(c.Ms)}");
        text.AppendLine();
        text.AppendLine(failures.Count == 0 ? "**Result: passed.**" : $"**Result: FAILED** — {string.Join("; ", failures)}.");
        run.Write("admin.md", text.ToString());
        Log.Info(failures.Count == 0 ? "passed" : "FAILED: " + string.Join("; ", failures));
        run.Progress(1);
        return new ScenarioSummary("admin API abuse: tokens, roles, SQL injection, pages, bodies", $"{all.Count} requests", 0, 0, p99, "one request", peak,
            failures.Count == 0, failures);
    }

    private static string Show(string? value) =>
        value is null ? "nothing" : value.Length > 40 ? $"{value.Length} chars" : JsonSerializer.Serialize(value, FaultsJson.Default.String);

    private static TemplateInput Template(Guid accountId, string name, string body) =>
        new(accountId, name, "pt_BR", "UTILITY", [new TemplateComponentInput("BODY", body, Example: new TemplateExampleInput([["Maria"]]))]);

    private static byte[] Json(AccountInput input) => JsonSerializer.SerializeToUtf8Bytes(input, FaultsJson.Default.AccountInput);

    private static byte[] Json(TemplateInput input) => JsonSerializer.SerializeToUtf8Bytes(input, FaultsJson.Default.TemplateInput);

    private static byte[] Json(MessageInput input) => JsonSerializer.SerializeToUtf8Bytes(input, FaultsJson.Default.MessageInput);

    private static byte[] Json(PhoneInput input) => JsonSerializer.SerializeToUtf8Bytes(input, FaultsJson.Default.PhoneInput);

    private sealed record Answer(int? Status, string Body, double Ms, string? Error);

    /// <param name="authorization">The whole Authorization header value (raw: true), or a token to put after "Bearer ".</param>
    private static async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path, string? authorization, byte[]? body,
        bool raw = false, string? contentType = "application/json", IReadOnlyList<(string, string)>? headers = null)
    {
        var clock = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(method, path);
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", raw ? authorization : "Bearer " + authorization);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
            foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new Answer((int)response.StatusCode, text, Stopwatch.GetElapsedTime(clock).TotalMilliseconds, null);
        }
        catch (HttpRequestException e)
        {
            return new Answer(null, "", Stopwatch.GetElapsedTime(clock).TotalMilliseconds, $"{e.HttpRequestError}: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            return new Answer(null, "", Stopwatch.GetElapsedTime(clock).TotalMilliseconds, "timeout");
        }
    }

    private static async Task<long> CountAsync(Settings settings, string from)
    {
        await using var connection = new NpgsqlConnection(settings.Required("Postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {from}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<HashSet<string>> TablesAsync(Settings settings)
    {
        await using var connection = new NpgsqlConnection(settings.Required("Postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
