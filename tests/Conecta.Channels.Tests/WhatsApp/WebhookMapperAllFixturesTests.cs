using Conecta.Channels.Channels.WhatsApp;
using System.Text.Json.Nodes;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>Invariants every recorded webhook must keep, whatever its kind.</summary>
public sealed class WebhookMapperAllFixturesTests
{
    public static TheoryData<string> AllWebhooks => Fixtures.WebhooksIn("whatsapp");

    [Fact]
    public void The_fixture_tree_is_found_and_not_empty() =>
        Assert.True(Fixtures.WhatsAppWebhooks().Count() >= 100, $"only {Fixtures.WhatsAppWebhooks().Count()} webhooks under {Fixtures.Root}");

    [Theory]
    [MemberData(nameof(AllWebhooks))]
    public void Maps_every_update_without_problems(string fixture)
    {
        var mapped = Fixtures.Map(fixture);

        Assert.Empty(mapped.Problems);
        Assert.NotEmpty(mapped.Events);
        Assert.All(mapped.Events, e => Assert.Equal('5', e.EventId.ToString()[14])); // name-based, never Guid.Empty
        Assert.Equal(ExpectedEventCount(Fixtures.Json(fixture)), mapped.Events.Count);
        // Delivery deduplicates by EventId, so two updates sharing one would silently lose one.
        Assert.Equal(mapped.Events.Count, mapped.Events.Select(e => e.EventId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AllWebhooks))]
    public void A_retried_delivery_gets_the_same_event_ids(string fixture)
    {
        var bytes = Fixtures.Bytes(fixture);

        var first = WebhookMapper.Map(bytes, Fixtures.ReceivedAt);
        var retry = WebhookMapper.Map(bytes, Fixtures.ReceivedAt.AddHours(5));

        Assert.Equal(first.Events.Select(e => e.EventId), retry.Events.Select(e => e.EventId));
    }

    /// <summary>
    /// One event per message and per status of a messages change, one per any other change. A messages
    /// change also yields one notification when it carries change-level errors (published, not dropped)
    /// or when it has neither messages nor statuses.
    /// </summary>
    private static int ExpectedEventCount(JsonNode body)
    {
        var count = 0;
        foreach (var change in body["entry"]!.AsArray().SelectMany(entry => entry!["changes"]!.AsArray()))
        {
            if ((string?)change!["field"] != "messages")
            {
                count++;
                continue;
            }
            var value = change["value"]!;
            var updates = Length(value["messages"]) + Length(value["statuses"]);
            count += updates + (updates == 0 || Length(value["errors"]) > 0 ? 1 : 0);
        }
        return count;
    }

    private static int Length(JsonNode? array) => array?.AsArray().Count ?? 0;
}
