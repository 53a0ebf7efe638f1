using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.IntegrationTests.Outbound;

/// <summary>What every command ledger must do; run against Redis and against the in-process ledger.</summary>
public abstract class CommandLedgerContract
{
    private protected const string Account = "106540352242922";
    private protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private protected static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private protected static readonly DateTimeOffset At = new(2026, 3, 2, 12, 0, 0, 123, TimeSpan.FromHours(-3));

    private protected abstract ICommandLedger Ledger { get; }

    /// <summary>Lets time pass: real waiting on Redis, a fake clock in process.</summary>
    private protected abstract Task LetPassAsync(TimeSpan duration);

    private protected static CommandOutcome Accepted(Guid commandId, string wamid) => new(
        new MessageAccepted(Guid.NewGuid(), commandId, "whatsapp", Account, "5531988887777", wamid, "553188887777", At), null);

    private protected static CommandOutcome Rejected(Guid commandId, RejectionReason reason) => new(null,
        new MessageRejected(Guid.NewGuid(), commandId, "whatsapp", Account, "5531988887777", reason, Retryable: true,
            ProviderCode: 131056, ProviderTitle: "Pair rate limit hit", Detail: "wait", At));

    private protected static string NewWamid() => "wamid." + Guid.NewGuid().ToString("N");

    /// <summary>A delivery that took the command and finished it, as the pipeline does.</summary>
    private protected async Task StartAndCompleteAsync(Guid commandId, CommandOutcome outcome, TimeSpan? lease = null)
    {
        await Ledger.BeginAsync(commandId, lease ?? Lease, default);
        await Ledger.CompleteAsync(commandId, outcome, Retention, default);
    }

    [Fact]
    public async Task The_first_delivery_starts_the_command_and_a_second_sees_it_in_flight()
    {
        var commandId = Guid.NewGuid();

        var first = await Ledger.BeginAsync(commandId, Lease, default);
        var second = await Ledger.BeginAsync(commandId, Lease, default);

        Assert.Equal(new CommandState(CommandStatus.Started, null), first);
        Assert.Equal(new CommandState(CommandStatus.InFlight, null), second);
    }

    [Fact]
    public async Task An_abandoned_lease_lets_the_next_delivery_start_at_once()
    {
        var commandId = Guid.NewGuid();
        await Ledger.BeginAsync(commandId, Lease, default);

        await Ledger.AbandonAsync(commandId, default);
        var next = await Ledger.BeginAsync(commandId, Lease, default);

        Assert.Equal(new CommandState(CommandStatus.Started, null), next);
    }

    [Fact]
    public async Task Abandoning_a_completed_command_keeps_its_outcome()
    {
        var commandId = Guid.NewGuid();
        var outcome = Accepted(commandId, NewWamid());
        await StartAndCompleteAsync(commandId, outcome);

        await Ledger.AbandonAsync(commandId, default);
        var redelivered = await Ledger.BeginAsync(commandId, Lease, default);

        Assert.Equal(CommandStatus.Completed, redelivered.Status);
        Assert.Equal(outcome, redelivered.Outcome);
    }

    [Fact]
    public async Task A_completed_command_gives_every_later_delivery_the_same_accepted_outcome()
    {
        var commandId = Guid.NewGuid();
        var outcome = Accepted(commandId, NewWamid());

        await StartAndCompleteAsync(commandId, outcome);
        var redelivered = await Ledger.BeginAsync(commandId, Lease, default);

        Assert.Equal(CommandStatus.Completed, redelivered.Status);
        Assert.Equal(outcome, redelivered.Outcome);
        Assert.Equal(At.Offset, redelivered.Outcome!.Accepted!.AcceptedAt.Offset);
    }

    [Theory]
    [InlineData(RejectionReason.RateLimited)]
    [InlineData(RejectionReason.WindowClosed)]
    [InlineData(RejectionReason.ChannelError)]
    public async Task A_rejection_comes_back_with_its_typed_reason(RejectionReason reason)
    {
        var commandId = Guid.NewGuid();
        var outcome = Rejected(commandId, reason);

        await StartAndCompleteAsync(commandId, outcome);
        var redelivered = await Ledger.BeginAsync(commandId, Lease, default);

        Assert.Equal(CommandStatus.Completed, redelivered.Status);
        Assert.Equal(outcome, redelivered.Outcome);
        Assert.Equal(reason, redelivered.Outcome!.Rejected!.Reason);
    }

    [Fact]
    public async Task A_provider_message_leads_back_to_the_command_that_sent_it_within_its_account_only()
    {
        var commandId = Guid.NewGuid();
        var wamid = NewWamid();

        await StartAndCompleteAsync(commandId, Accepted(commandId, wamid));

        Assert.Equal(commandId, (await Ledger.FindCommandsAsync(Account, [wamid], default))[0]);
        Assert.Null((await Ledger.FindCommandsAsync("999999999999999", [wamid], default))[0]);
        Assert.Null((await Ledger.FindCommandsAsync(Account, [NewWamid()], default))[0]);
    }

    [Fact]
    public async Task A_command_whose_owner_died_can_be_started_again_after_its_lease()
    {
        var commandId = Guid.NewGuid();
        var shortLease = TimeSpan.FromMilliseconds(300);
        await Ledger.BeginAsync(commandId, shortLease, default);

        await LetPassAsync(shortLease + TimeSpan.FromMilliseconds(200));
        var retry = await Ledger.BeginAsync(commandId, Lease, default);

        Assert.Equal(new CommandState(CommandStatus.Started, null), retry);
    }

    [Fact]
    public async Task An_outcome_outlives_the_lease_it_was_started_with()
    {
        var commandId = Guid.NewGuid();
        var outcome = Accepted(commandId, NewWamid());
        var shortLease = TimeSpan.FromMilliseconds(300);
        await StartAndCompleteAsync(commandId, outcome, shortLease);

        await LetPassAsync(shortLease + TimeSpan.FromMilliseconds(200));
        var redelivered = await Ledger.BeginAsync(commandId, Lease, default);

        Assert.Equal(new CommandState(CommandStatus.Completed, outcome), redelivered);
    }

    [Fact]
    public async Task A_command_reads_in_flight_then_with_its_outcome_without_being_taken_and_an_unknown_one_reads_as_nothing()
    {
        var commandId = Guid.NewGuid();
        var outcome = Accepted(commandId, NewWamid());

        var unknown = await Ledger.FindAsync(commandId, default);
        await Ledger.BeginAsync(commandId, Lease, default);
        var inFlight = await Ledger.FindAsync(commandId, default);
        await Ledger.CompleteAsync(commandId, outcome, Retention, default);
        var completed = await Ledger.FindAsync(commandId, default);
        var redelivered = await Ledger.BeginAsync(commandId, Lease, default);

        Assert.Null(unknown);
        Assert.Equal(new CommandRecord(new CommandState(CommandStatus.InFlight, null), null), inFlight);
        Assert.Equal(new CommandRecord(new CommandState(CommandStatus.Completed, outcome), null), completed);
        Assert.Equal(CommandStatus.Completed, redelivered.Status);
    }

    [Fact]
    public async Task The_highest_status_is_kept_whatever_order_the_statuses_arrive_in()
    {
        var commandId = Guid.NewGuid();
        await StartAndCompleteAsync(commandId, Accepted(commandId, NewWamid()));
        var read = new DeliveryStatus("read", At.AddSeconds(3), null);

        var kept = new List<DeliveryStatus>
        {
            await Ledger.RecordStatusAsync(commandId, read, Retention, default),
            await Ledger.RecordStatusAsync(commandId, new DeliveryStatus("delivered", At.AddSeconds(2), null), Retention, default),
            await Ledger.RecordStatusAsync(commandId, new DeliveryStatus("sent", At.AddSeconds(1), null), Retention, default),
            await Ledger.RecordStatusAsync(commandId, read with { At = At.AddSeconds(9) }, Retention, default),
        };
        var afterRead = (await Ledger.FindAsync(commandId, default))!.Delivery;
        var failed = new DeliveryStatus("failed", At.AddSeconds(4), RejectionReason.Undeliverable);
        var failureKept = await Ledger.RecordStatusAsync(commandId, failed, Retention, default);

        // Each call answers the status the command holds after it: a lower or equal one leaves the first read there.
        Assert.Equal([read, read, read, read], kept);
        Assert.Equal(read, afterRead);
        Assert.Equal(failed, failureKept);
        Assert.Equal(failed, (await Ledger.FindAsync(commandId, default))!.Delivery);
    }
}
