using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;
using Conecta.Channels.Preferences;
using Conecta.Channels.Tests.WhatsApp;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>
/// A message's status never goes backwards downstream: Meta's recorded "read" and "delivered" of one wamid (pywa's fixtures:
/// the read is stamped earlier than the delivered), in either order, and a repeated status.
/// </summary>
public sealed class StatusOrderTests
{
    private static readonly FakeTimeProvider Clock = new();
    private readonly MarketingPreferences _preferences = new(new InProcessMarketingOptOuts(Clock), Options.Create(new PreferencesOptions()));
    private readonly CommandStatuses _statuses;

    public StatusOrderTests() =>
        _statuses = new(new InProcessCommandLedger(Clock), _preferences, Options.Create(new OutboundOptions()));
    private readonly Guid _commandId = Guid.NewGuid();

    [Fact]
    public async Task A_delivered_after_its_read_is_published_flagged_superseded_and_the_read_is_not()
    {
        var read = Status("whatsapp/statuses/pywa-status-read.json");
        var delivered = Status("whatsapp/statuses/pywa-status-delivered.json");

        var first = await OrderAsync(read);
        var late = await OrderAsync(delivered);

        Assert.Equal(("read", false), (first.Status, first.Superseded));
        Assert.Equal(("delivered", true), (late.Status, late.Superseded));
        // Its own fields are kept: the flag is all that changes.
        Assert.Equal(delivered with { Superseded = true }, late);
    }

    [Fact]
    public async Task Statuses_in_order_and_a_repeated_one_are_not_flagged()
    {
        var delivered = Status("whatsapp/statuses/pywa-status-delivered.json");
        var read = Status("whatsapp/statuses/pywa-status-read.json");

        Assert.False((await OrderAsync(delivered)).Superseded);
        Assert.False((await OrderAsync(read)).Superseded);
        // A provider retry of the read it already holds: the same status, not a step back.
        Assert.False((await OrderAsync(read)).Superseded);
    }

    [Fact]
    public async Task A_status_of_a_message_the_service_did_not_send_passes_as_it_is()
    {
        var notOurs = Status("whatsapp/statuses/pywa-status-delivered.json") with { CommandId = null };
        var events = new[] { InboundEvent.Of(notOurs.EventId, notOurs) };

        var (ordered, notRecorded) = await _statuses.OrderAsync(events, default);

        Assert.Same(events, ordered);
        Assert.Empty(notRecorded.EventIds);
    }

    [Fact]
    public async Task A_status_failed_because_the_contact_stopped_marketing_records_the_opt_out()
    {
        // Meta's failed status (pywa's recording), its error made 131050.
        var failed = Status("whatsapp/statuses/pywa-status-failed-with-errors.json") with { FailureReason = RejectionReason.OptedOut };
        var other = Status("whatsapp/statuses/pywa-status-failed-with-errors.json") with
        {
            FailureReason = RejectionReason.Undeliverable, Recipient = failed.Recipient with { ContactKey = "5531911112222" },
        };

        await OrderAsync(failed);
        await OrderAsync(other);

        Assert.True(await _preferences.HasStoppedAsync(failed.AccountId, failed.Recipient.ContactKey, default));
        Assert.False(await _preferences.HasStoppedAsync(failed.AccountId, "5531911112222", default));
    }

    private MessageStatusChanged Status(string fixture) =>
        Mapped.Single<MessageStatusChanged>(fixture) with { CommandId = _commandId };

    private async Task<MessageStatusChanged> OrderAsync(MessageStatusChanged status)
    {
        var (ordered, notRecorded) = await _statuses.OrderAsync([InboundEvent.Of(status.EventId, status)], default);
        Assert.Empty(notRecorded.EventIds);
        return (MessageStatusChanged)Assert.Single(ordered).Message;
    }
}
