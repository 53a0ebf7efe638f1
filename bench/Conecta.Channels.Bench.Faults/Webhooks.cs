using System.Globalization;
using System.Text;

namespace Conecta.Channels.Bench.Faults;

/// <summary>One update Meta sends: an inbound message ("m:wamid") or a status ("s:wamid:status").</summary>
internal sealed record Update(string Key, string Json, bool IsStatus, string Contact);

/// <summary>One webhook POST as Meta would send it; its retries send the same bytes.</summary>
/// <param name="Kind">new (one update), batch (several), repeat (an earlier body again, byte for byte), overlap (an earlier update in a new body).</param>
internal sealed record PlannedWebhook(int Index, byte[] Body, string[] Keys, string Kind);

/// <summary>
/// The sender's plan, made before anything is sent, so the expected set of updates is known: statuses and text
/// messages with unique ids, some in batches, some deliberately repeated (the same body again, as Meta's
/// at-least-once delivery does) and some overlapping (an update already sent, again inside another body).
/// Non-ASCII text is \u-escaped, as Meta signs it.
/// </summary>
internal static class WebhookPlan
{
    public const string DisplayNumber = "553130000000";

    public static List<PlannedWebhook> Make(int webhooks, string accountId, string run, int seed,
        double batchShare = 0.10, double repeatShare = 0.03, double overlapShare = 0.01, int contacts = 5_000)
    {
        var random = new Random(seed);
        var plan = new List<PlannedWebhook>(webhooks);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var waba = "20" + accountId;
        var sentUpdates = new List<Update>();
        long messages = 0, statuses = 0;
        string[] statusNames = ["sent", "delivered", "read"];

        Update NextUpdate()
        {
            var contact = "553198" + random.Next(contacts).ToString("D7", CultureInfo.InvariantCulture);
            if (random.NextDouble() < 0.6)
            {
                // Statuses come in the order sent < delivered < read for one wamid; three per message sent.
                var n = statuses++;
                var wamid = $"wamid.faults.{run}.s.{n / 3}";
                var status = statusNames[n % 3];
                var json = $$$"""{"id":"{{{wamid}}}","status":"{{{status}}}","timestamp":"{{{now}}}","recipient_id":"{{{contact}}}","pricing":{"billable":true,"pricing_model":"PMP","category":"utility","type":"regular"}}""";
                return new Update($"s:{wamid}:{status}", json, true, contact);
            }
            var m = messages++;
            var id = $"wamid.faults.{run}.m.{m}";
            var text = $"Ol\\u00e1, mensagem {m} (a\\u00e7\\u00e3o \\ud83d\\ude00)";
            var message = $$$"""{"from":"{{{contact}}}","id":"{{{id}}}","timestamp":"{{{now}}}","text":{"body":"{{{text}}}"},"type":"text"}""";
            return new Update($"m:{id}", message, false, contact);
        }

        for (var i = 0; i < webhooks; i++)
        {
            var roll = random.NextDouble();
            if (plan.Count > 100 && roll < repeatShare)
            {
                var earlier = plan[plan.Count - 1 - random.Next(Math.Min(plan.Count, 2_000))];
                plan.Add(new PlannedWebhook(i, earlier.Body, earlier.Keys, "repeat"));
                continue;
            }
            List<Update> updates;
            string kind;
            if (sentUpdates.Count > 100 && roll < repeatShare + overlapShare)
            {
                var old = sentUpdates[sentUpdates.Count - 1 - random.Next(Math.Min(sentUpdates.Count, 5_000))];
                var fresh = NextUpdate();
                while (fresh.IsStatus != old.IsStatus) fresh = NextUpdate();
                updates = [fresh, old];
                kind = "overlap";
            }
            else if (roll < repeatShare + overlapShare + batchShare)
            {
                var first = NextUpdate();
                updates = [first];
                var size = first.IsStatus ? random.Next(2, 11) : random.Next(2, 6);
                while (updates.Count < size)
                {
                    var next = NextUpdate();
                    if (next.IsStatus == first.IsStatus) updates.Add(next);
                }
                kind = "batch";
            }
            else
            {
                updates = [NextUpdate()];
                kind = "new";
            }
            foreach (var u in updates) if (kind != "overlap" || u != updates[^1]) sentUpdates.Add(u);
            plan.Add(new PlannedWebhook(i, Body(waba, accountId, updates), [.. updates.Select(u => u.Key).Distinct()], kind));
        }
        return plan;
    }

    /// <summary>One entry, one change: statuses[] or contacts[] + messages[] of the business number.</summary>
    public static byte[] Body(string waba, string accountId, IReadOnlyList<Update> updates)
    {
        var body = new StringBuilder(256 + updates.Count * 200);
        body.Append(CultureInfo.InvariantCulture,
            $$"""{"object":"whatsapp_business_account","entry":[{"id":"{{waba}}","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{DisplayNumber}}","phone_number_id":"{{accountId}}"},""");
        if (updates[0].IsStatus)
        {
            body.Append("\"statuses\":[").AppendJoin(',', updates.Select(u => u.Json)).Append(']');
        }
        else
        {
            body.Append("\"contacts\":[")
                .AppendJoin(',', updates.Select(u => u.Contact).Distinct().Select(c => $$$"""{"profile":{"name":"Cliente {{{c[^4..]}}}"},"wa_id":"{{{c}}}"}"""))
                .Append("],\"messages\":[").AppendJoin(',', updates.Select(u => u.Json)).Append(']');
        }
        body.Append("""},"field":"messages"}]}]}""");
        return Encoding.UTF8.GetBytes(body.ToString());
    }
}
