using System.Globalization;
using System.Text;

namespace Conecta.Channels.Bench.Faults;

/// <summary>What a bad request must get.</summary>
internal enum Expect
{
    /// <summary>401 (or 403): the signature is missing or does not match.</summary>
    Refused,

    /// <summary>413: over the webhook body limit.</summary>
    TooLarge,

    /// <summary>2xx, and the exact body kept as a dead letter: signed, but it cannot be understood.</summary>
    DeadLetter,

    /// <summary>2xx: signed and understood (unknown types and fields are published, not refused).</summary>
    Accepted,

    /// <summary>Anything but a 5xx (the service may refuse it or take it; it must not fail on it).</summary>
    NoServerError,
}

/// <summary>One generated request.</summary>
internal sealed record BadCase(string Category, string Variant, Expect Expect, byte[] Body, string? Signature,
    string? ContentType = "application/json", string Method = "POST", string Path = "/webhooks/whatsapp", bool Chunked = false,
    IReadOnlyList<(string Name, string Value)>? Headers = null)
{
    /// <summary>Signed with the app secret: Meta retries a 5xx for these, so the bench does too.</summary>
    public bool Signed { get; init; }
}

/// <summary>
/// The bad-input generator: valid webhooks of the registered number (many message types, statuses, template and
/// account changes) as seeds, then every category of bad input the issue names, generated and mutated with a
/// seeded random, so a run can be repeated exactly.
/// </summary>
internal sealed class BadInputCases(string appSecret, string accountId, int seed)
{
    private readonly Random _random = new(seed);
    private readonly string _now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    private long _ids;

    public const long WebhookLimit = 4 * 1024 * 1024;

    private static readonly string[] Garbage = ["\0\0", "}}}", "\"\"\"", "NaN", "undefined", ",,", "\u00ff\u00fe"];
    private static readonly string[] UnknownValues = ["1", "null", "\"s\"", "[1,{\"y\":2}]", "{\"z\":true}"];

    /// <summary>The weights of the categories; slow clients are made separately.</summary>
    private static readonly (string Category, double Weight)[] Mix =
    [
        ("unsigned", 6), ("bad-signature", 10), ("truncated-json", 8), ("malformed-json", 8), ("deep-nesting", 3),
        ("huge-string", 1), ("wrong-types", 10), ("unknown-types", 6), ("unknown-fields", 6), ("wrong-content-type", 5),
        ("oversized", 1.5), ("odd-bodies", 5), ("huge-batch", 0.05), ("methods", 2), ("header-abuse", 2), ("mutated", 14),
        ("valid", 3),
    ];

    public List<BadCase> Make(int count)
    {
        var total = Mix.Sum(m => m.Weight);
        var cases = new List<BadCase>(count);
        foreach (var (category, weight) in Mix)
        {
            var n = Math.Max(2, (int)Math.Round(count * weight / total));
            for (var i = 0; i < n; i++) cases.Add(One(category));
        }
        // Interleaved, so every kind meets the broker outage in the middle of the run.
        return [.. cases.OrderBy(_ => _random.Next())];
    }

    private BadCase One(string category) => category switch
    {
        "unsigned" => new BadCase(category, "no header", Expect.Refused, Seed(), null),
        "bad-signature" => BadSignature(),
        "truncated-json" => Truncated(),
        "malformed-json" => Malformed(),
        "deep-nesting" => DeepNesting(),
        "huge-string" => HugeString(),
        "wrong-types" => WrongTypes(),
        "unknown-types" => UnknownTypes(),
        "unknown-fields" => UnknownFields(),
        "wrong-content-type" => WrongContentType(),
        "oversized" => Oversized(),
        "odd-bodies" => OddBody(),
        "huge-batch" => HugeBatch(),
        "methods" => Methods(),
        "header-abuse" => HeaderAbuse(),
        "mutated" => Mutated(),
        "valid" => Signed(category, "a valid webhook (control)", Expect.Accepted, Seed()),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>The largest webhook Meta might send: 5,000 statuses.</summary>
    public BadCase HugeBatch() => Signed("huge-batch", "5,000 statuses in one webhook", Expect.Accepted, Statuses(5_000));

    private BadCase Signed(string category, string variant, Expect expect, byte[] body, string? contentType = "application/json") =>
        new(category, variant, expect, body, Signing.Header(appSecret, body), contentType) { Signed = true };

    private string NextId() => $"wamid.bad.{seed}.{Interlocked.Increment(ref _ids)}";

    private string Contact() => "553196" + _random.Next(10_000_000).ToString("D7", CultureInfo.InvariantCulture);

    // ---- seeds: valid webhooks of the registered number --------------------------------------------------

    private string Envelope(string value, string field = "messages") =>
        $$"""{"object":"whatsapp_business_account","entry":[{"id":"20{{accountId}}","changes":[{"value":{{value}},"field":"{{field}}"}]}]}""";

    private string MessagesValue(string messages, string contact) =>
        $$$"""{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{{WebhookPlan.DisplayNumber}}}","phone_number_id":"{{{accountId}}}"},"contacts":[{"profile":{"name":"Cliente"},"wa_id":"{{{contact}}}"}],"messages":[{{{messages}}}]}""";

    private string Message(string contact, string type, string content) =>
        $$"""{"from":"{{contact}}","id":"{{NextId()}}","timestamp":"{{_now}}","type":"{{type}}",{{content}}}""";

    private string SeedText()
    {
        var contact = Contact();
        var seedKind = _random.Next(9);
        var message = seedKind switch
        {
            0 => Message(contact, "image", """ "image":{"id":"1479537139650973","mime_type":"image/jpeg","sha256":"abc","caption":"foto"}"""),
            1 => Message(contact, "location", """ "location":{"latitude":-19.92,"longitude":-43.94,"name":"BH","address":"Rua X"}"""),
            2 => Message(contact, "interactive", """ "interactive":{"type":"button_reply","button_reply":{"id":"b1","title":"Sim"}}"""),
            3 => Message(contact, "reaction", $$"""
                "reaction":{"message_id":"{{NextId()}}","emoji":"\ud83d\udc4d"}
                """.Trim()),
            4 => Message(contact, "contacts", """ "contacts":[{"name":{"formatted_name":"Maria"},"phones":[{"phone":"+55 31 98888-7777","wa_id":"5531988887777","type":"CELL"}]}]"""),
            _ => Message(contact, "text", """ "text":{"body":"Ol\u00e1! Preciso de ajuda com o pedido."}"""),
        };
        return seedKind switch
        {
            6 => Envelope(StatusValue([Status()])),
            7 => Envelope($$"""{"event":"APPROVED","message_template_id":{{_random.Next(1, 1_000_000)}},"message_template_name":"pedido_{{_random.Next(100)}}","message_template_language":"pt_BR","reason":"NONE"}""",
                "message_template_status_update"),
            _ => Envelope(MessagesValue(message, contact)),
        };
    }

    private byte[] Seed() => Encoding.UTF8.GetBytes(SeedText());

    private string Status() =>
        $$$"""{"id":"{{{NextId()}}}","status":"delivered","timestamp":"{{{_now}}}","recipient_id":"{{{Contact()}}}","pricing":{"billable":true,"pricing_model":"PMP","category":"utility","type":"regular"}}""";

    private string StatusValue(IEnumerable<string> statuses) =>
        $$"""{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{WebhookPlan.DisplayNumber}}","phone_number_id":"{{accountId}}"},"statuses":[{{string.Join(',', statuses)}}]}""";

    private byte[] Statuses(int n) => Encoding.UTF8.GetBytes(Envelope(StatusValue(Enumerable.Range(0, n).Select(_ => Status()))));

    // ---- the categories -----------------------------------------------------------------------------------

    private BadCase BadSignature()
    {
        var body = Seed();
        var good = Signing.Header(appSecret, body);
        var (variant, header, sent) = _random.Next(9) switch
        {
            0 => ("another secret", Signing.Header("not-the-secret", body), body),
            1 => ("signature of another body", Signing.Header(appSecret, Seed()), body),
            2 => ("hex cut short", good[..^2], body),
            3 => ("not hex", "sha256=" + new string('z', 64), body),
            4 => ("sha1 prefix", "sha1=" + good[7..], body),
            5 => ("empty value", "sha256=", body),
            6 => ("no prefix", good[7..], body),
            7 => ("body changed after signing", good, Flip(body)),
            _ => ("one hex digit changed", good[..^1] + (good[^1] == '0' ? '1' : '0'), body),
        };
        return new BadCase("bad-signature", variant, Expect.Refused, sent, header);
    }

    private byte[] Flip(byte[] body)
    {
        var copy = (byte[])body.Clone();
        var i = _random.Next(copy.Length);
        copy[i] = copy[i] == (byte)'a' ? (byte)'b' : (byte)'a';
        return copy;
    }

    private BadCase Truncated()
    {
        var body = Seed();
        return Signed("truncated-json", "cut at a random byte", Expect.DeadLetter, body[..(1 + _random.Next(body.Length - 2))]);
    }

    private BadCase Malformed()
    {
        var body = Seed().ToList();
        string variant;
        switch (_random.Next(6))
        {
            case 0:
                variant = "a structural character replaced";
                var structural = Enumerable.Range(0, body.Count).Where(i => body[i] is (byte)'{' or (byte)'}' or (byte)'[' or (byte)']' or (byte)':' or (byte)',').ToList();
                body[structural[_random.Next(structural.Count)]] = (byte)"{}[]:,;\"x"[_random.Next(9)];
                break;
            case 1:
                variant = "a quote removed";
                var quotes = Enumerable.Range(0, body.Count).Where(i => body[i] == (byte)'"').ToList();
                body.RemoveAt(quotes[_random.Next(quotes.Count)]);
                break;
            case 2:
                variant = "garbage inserted";
                body.InsertRange(_random.Next(body.Count), Encoding.UTF8.GetBytes(Garbage[_random.Next(Garbage.Length)]));
                break;
            case 3:
                variant = "trailing garbage";
                body.AddRange("}{\"x\":1}"u8.ToArray());
                break;
            case 4:
                variant = "single quotes";
                for (var i = 0; i < body.Count; i++) if (body[i] == (byte)'"' && _random.Next(3) == 0) body[i] = (byte)'\'';
                break;
            default:
                variant = "random bytes flipped";
                for (var k = 0; k < 1 + _random.Next(8); k++) body[_random.Next(body.Count)] = (byte)_random.Next(256);
                break;
        }
        return Signed("malformed-json", variant, Expect.NoServerError, [.. body]);
    }

    private BadCase DeepNesting()
    {
        var depth = _random.Next(3) switch { 0 => _random.Next(65, 1_000), 1 => _random.Next(1_000, 20_000), _ => _random.Next(20_000, 500_000) };
        var inside = _random.Next(2) == 0;
        var nested = new StringBuilder(depth * 6);
        if (inside)
        {
            // Deep inside one message's text, the rest of the webhook well formed.
            for (var i = 0; i < depth; i++) nested.Append("{\"a\":");
            nested.Append('1');
            nested.Append('}', depth);
            var contact = Contact();
            var body = Envelope(MessagesValue(Message(contact, "text", $"\"text\":{{\"body\":\"x\",\"deep\":{nested}}}"), contact));
            return Signed("deep-nesting", $"objects {depth} deep inside a message", Expect.DeadLetter, Encoding.UTF8.GetBytes(body));
        }
        nested.Append("{\"object\":\"whatsapp_business_account\",\"entry\":");
        nested.Append('[', depth).Append(']', depth).Append('}');
        return Signed("deep-nesting", $"arrays {depth} deep as entry", Expect.DeadLetter, Encoding.UTF8.GetBytes(nested.ToString()));
    }

    private BadCase HugeString()
    {
        var size = _random.Next(512 * 1024, 3_500_000);
        var huge = new string((char)('a' + _random.Next(26)), size);
        var contact = Contact();
        return _random.Next(3) switch
        {
            0 => Signed("huge-string", $"a {size / 1024} KiB text body", Expect.Accepted,
                Encoding.UTF8.GetBytes(Envelope(MessagesValue(Message(contact, "text", $"\"text\":{{\"body\":\"{huge}\"}}"), contact)))),
            1 => Signed("huge-string", $"a {size / 1024} KiB unknown field", Expect.Accepted,
                Encoding.UTF8.GetBytes(Envelope(MessagesValue(Message(contact, "text", $"\"text\":{{\"body\":\"oi\"}},\"x_padding\":\"{huge}\""), contact)))),
            _ => Signed("huge-string", $"a {size / 1024} KiB contact name", Expect.Accepted,
                Encoding.UTF8.GetBytes(Envelope(MessagesValue(Message(contact, "text", "\"text\":{\"body\":\"oi\"}"), contact)
                    .Replace("\"name\":\"Cliente\"", $"\"name\":\"{huge}\"", StringComparison.Ordinal)))),
        };
    }

    private BadCase WrongTypes()
    {
        var contact = Contact();
        var text = Message(contact, "text", "\"text\":{\"body\":\"oi\"}");
        var value = MessagesValue(text, contact);
        // A field of a message read as absent costs only that field: the message is delivered, its raw JSON kept (issue 20);
        // what breaks the envelope or the list of messages is still a dead letter.
        var (variant, expect, body) = _random.Next(14) switch
        {
            0 => ("entry is a string", Expect.DeadLetter, """{"object":"whatsapp_business_account","entry":"x"}"""),
            1 => ("entry is a number", Expect.DeadLetter, """{"object":"whatsapp_business_account","entry":42}"""),
            2 => ("object is a number", Expect.DeadLetter, """{"object":5,"entry":[]}"""),
            3 => ("changes is an object", Expect.DeadLetter, """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":{"value":{}}}]}"""),
            4 => ("value is an array", Expect.DeadLetter, Envelope("[1,2,3]")),
            5 => ("messages is an object", Expect.DeadLetter, Envelope(value.Replace("\"messages\":[", "\"messages\":{\"m\":[", StringComparison.Ordinal).Replace("}]}", "}]}}", StringComparison.Ordinal))),
            6 => ("statuses is a string", Expect.DeadLetter, Envelope(StatusValue([Status()]).Replace("\"statuses\":[", "\"statuses\":\"[", StringComparison.Ordinal).Replace("]}", "]\"}", StringComparison.Ordinal))),
            7 => ("message id is a number", Expect.Accepted, Envelope(value.Replace($"\"id\":\"wamid.bad.{seed}.", "\"id\":" + _random.Next(100, 999) + "0", StringComparison.Ordinal).Replace("\",\"timestamp\"", ",\"timestamp\"", StringComparison.Ordinal))),
            8 => ("timestamp is an object", Expect.Accepted, Envelope(value.Replace($"\"timestamp\":\"{_now}\"", "\"timestamp\":{\"s\":1}", StringComparison.Ordinal))),
            9 => ("text is a string", Expect.Accepted, Envelope(value.Replace("\"text\":{\"body\":\"oi\"}", "\"text\":\"oi\"", StringComparison.Ordinal))),
            10 => ("status is a number", Expect.DeadLetter, Envelope(StatusValue([Status().Replace("\"status\":\"delivered\"", "\"status\":5", StringComparison.Ordinal)]))),
            11 => ("metadata is an array", Expect.DeadLetter, Envelope(value.Replace("\"metadata\":{", "\"metadata\":[{", StringComparison.Ordinal).Replace("},\"contacts\"", "}],\"contacts\"", StringComparison.Ordinal))),
            12 => ("from is a boolean", Expect.Accepted, Envelope(value.Replace($"\"from\":\"{contact}\"", "\"from\":true", StringComparison.Ordinal))),
            _ => ("contacts is a string", Expect.DeadLetter, Envelope(value.Replace("\"contacts\":[{\"profile\":{\"name\":\"Cliente\"},\"wa_id\":\"" + contact + "\"}]", "\"contacts\":\"x\"", StringComparison.Ordinal))),
        };
        return Signed("wrong-types", variant, expect, Encoding.UTF8.GetBytes(body));
    }

    private BadCase UnknownTypes()
    {
        var contact = Contact();
        var (variant, body) = _random.Next(4) switch
        {
            0 => ("an unknown message type", Envelope(MessagesValue(Message(contact, "hologram", "\"hologram\":{\"frames\":[1,2,3]}"), contact))),
            1 => ("an unknown status value", Envelope(StatusValue([Status().Replace("\"delivered\"", "\"teleported\"", StringComparison.Ordinal)]))),
            2 => ("an unknown change field", Envelope($$$"""{"messaging_product":"whatsapp","metadata":{"phone_number_id":"{{{accountId}}}"},"thing":{"a":"{{{NextId()}}}"}}""", "future_field_v99")),
            _ => ("an unknown interactive type", Envelope(MessagesValue(Message(contact, "interactive", "\"interactive\":{\"type\":\"vr_reply\",\"vr_reply\":{\"id\":1}}"), contact))),
        };
        return Signed("unknown-types", variant, Expect.Accepted, Encoding.UTF8.GetBytes(body));
    }

    private BadCase UnknownFields()
    {
        var text = SeedText();
        var inserted = new StringBuilder(text.Length + 200);
        foreach (var c in text)
        {
            inserted.Append(c);
            if (c == '{' && _random.Next(3) == 0)
                inserted.Append(CultureInfo.InvariantCulture, $"\"x_unknown_{_random.Next(1000)}\":{UnknownValues[_random.Next(UnknownValues.Length)]},");
        }
        return Signed("unknown-fields", "unknown fields in every object", Expect.Accepted, Encoding.UTF8.GetBytes(inserted.ToString()));
    }

    private BadCase WrongContentType()
    {
        var contentType = new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", null,
            "application/json; charset=iso-8859-1", "image/png" }[_random.Next(7)];
        return Signed("wrong-content-type", contentType ?? "no content type", Expect.NoServerError, Seed(), contentType);
    }

    private BadCase Oversized()
    {
        var size = _random.Next(3) switch { 0 => (int)WebhookLimit + 1, 1 => _random.Next((int)WebhookLimit, 8 * 1024 * 1024), _ => 20 * 1024 * 1024 };
        var contact = Contact();
        var head = Envelope(MessagesValue(Message(contact, "text", "\"text\":{\"body\":\"PAD\"}"), contact));
        var body = Encoding.UTF8.GetBytes(head.Replace("PAD", new string('p', size - head.Length + 3), StringComparison.Ordinal));
        var chunked = _random.Next(2) == 0;
        return Signed("oversized", $"{body.Length / 1024} KiB{(chunked ? ", chunked" : "")}", Expect.TooLarge, body) with { Chunked = chunked };
    }

    private BadCase OddBody()
    {
        var valid = SeedText();
        var (variant, bytes, expect) = _random.Next(12) switch
        {
            0 => ("empty body", Array.Empty<byte>(), Expect.DeadLetter),
            1 => ("JSON null", "null"u8.ToArray(), Expect.DeadLetter),
            2 => ("a JSON array", "[]"u8.ToArray(), Expect.DeadLetter),
            3 => ("a JSON string", "\"whatsapp\""u8.ToArray(), Expect.DeadLetter),
            4 => ("an empty object", "{}"u8.ToArray(), Expect.DeadLetter),
            5 => ("another object kind", Encoding.UTF8.GetBytes(valid.Replace("whatsapp_business_account", "page", StringComparison.Ordinal)), Expect.DeadLetter),
            6 => ("UTF-8 BOM before valid JSON", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)], Expect.NoServerError),
            7 => ("UTF-16 encoded", Encoding.Unicode.GetBytes(valid), Expect.DeadLetter),
            8 => ("invalid UTF-8 in a string", Encoding.UTF8.GetBytes(valid).Select(b => b == (byte)'!' || b == (byte)'x' ? (byte)0xC3 : b).Concat("\u00ff"u8.ToArray()).ToArray(), Expect.NoServerError),
            9 => ("NUL bytes in a string", Encoding.UTF8.GetBytes(valid.Replace("Cliente", "Cli\\u0000ente", StringComparison.Ordinal)), Expect.NoServerError),
            10 => ("entry: null", """{"object":"whatsapp_business_account","entry":[null,{"id":"1","changes":[null]}]}"""u8.ToArray(), Expect.DeadLetter),
            _ => ("whitespace only", "   \r\n\t "u8.ToArray(), Expect.DeadLetter),
        };
        return Signed("odd-bodies", variant, expect, bytes);
    }

    private BadCase Methods()
    {
        var body = Seed();
        return _random.Next(6) switch
        {
            0 => new BadCase("methods", "PUT", Expect.NoServerError, body, Signing.Header(appSecret, body), Method: "PUT"),
            1 => new BadCase("methods", "DELETE", Expect.NoServerError, [], null, null, Method: "DELETE"),
            2 => new BadCase("methods", "verify with a wrong token", Expect.Refused, [], null, null, Method: "GET",
                Path: "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=123"),
            3 => new BadCase("methods", "verify without a challenge", Expect.NoServerError, [], null, null, Method: "GET",
                Path: "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x"),
            4 => new BadCase("methods", "verify with a 20 KB challenge", Expect.NoServerError, [], null, null, Method: "GET",
                Path: "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=" + new string('c', 20_000)),
            _ => new BadCase("methods", "PATCH", Expect.NoServerError, body, null, Method: "PATCH"),
        };
    }

    private BadCase HeaderAbuse()
    {
        var body = Seed();
        var good = Signing.Header(appSecret, body);
        // Those carrying the good signature may be accepted, so they meet the broker outage like any signed webhook:
        // a 503 then is retried, as Meta would (unmarked, one 503 in the outage failed a run).
        return _random.Next(4) switch
        {
            0 => new BadCase("header-abuse", "a 40 KB signature header", Expect.NoServerError, body, "sha256=" + new string('a', 40_000)),
            1 => new BadCase("header-abuse", "a valid and an invalid signature header", Expect.NoServerError, body, null,
                Headers: [("X-Hub-Signature-256", good), ("X-Hub-Signature-256", "sha256=" + new string('0', 64))]) { Signed = true },
            2 => new BadCase("header-abuse", "300 extra headers", Expect.NoServerError, body, good,
                Headers: [.. Enumerable.Range(0, 300).Select(i => ($"X-Extra-{i}", new string('h', 100)))]) { Signed = true },
            _ => new BadCase("header-abuse", "signature with spaces around", Expect.NoServerError, body, "  " + good + "  ") { Signed = true },
        };
    }

    private BadCase Mutated()
    {
        var text = SeedText();
        // Structural mutations that keep the JSON parseable: drop a key, null a value, swap a value's type.
        var keys = new[] { "\"id\"", "\"from\"", "\"type\"", "\"timestamp\"", "\"metadata\"", "\"phone_number_id\"", "\"status\"", "\"entry\"",
            "\"changes\"", "\"value\"", "\"messages\"", "\"statuses\"", "\"field\"", "\"object\"", "\"text\"", "\"body\"" };
        var key = keys[_random.Next(keys.Length)];
        var at = text.IndexOf(key + ":", StringComparison.Ordinal);
        if (at < 0) return Signed("mutated", "unchanged (key absent)", Expect.Accepted, Encoding.UTF8.GetBytes(text));
        var renamed = _random.Next(3) switch
        {
            0 => text[..at] + "\"x_" + key[1..] + text[(at + key.Length)..],
            1 => text[..(at + key.Length + 1)] + "null," + "\"x_was\":" + text[(at + key.Length + 1)..],
            _ => text[..(at + key.Length + 1)] + new[] { "0,", "true,", "[],", "{},", "\"\"," }[_random.Next(5)] + "\"x_was\":" + text[(at + key.Length + 1)..],
        };
        return Signed("mutated", $"{key} renamed, nulled or retyped", Expect.NoServerError, Encoding.UTF8.GetBytes(renamed));
    }
}
