using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>A command's read side: the outcome the ledger holds and the highest status its message reached.</summary>
public sealed class CommandViewTests
{
    private static readonly Guid CommandId = Sample.CommandId;
    private static readonly DateTimeOffset At = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sent", "delivered")]
    [InlineData("delivered", "read")]
    [InlineData("read", "played")]
    [InlineData("read", "failed")]
    [InlineData("warning", "sent")]
    public void A_status_ranks_below_the_ones_that_follow_it(string lower, string higher) =>
        Assert.True(new DeliveryStatus(lower, At, null).Rank < new DeliveryStatus(higher, At, null).Rank);

    [Fact]
    public void An_accepted_command_reads_with_its_message_id_and_latest_status()
    {
        var accepted = new MessageAccepted(Guid.NewGuid(), CommandId, "whatsapp", Sample.Account, Sample.Contact, "wamid.OUT", "553188887777", At);
        var record = new CommandRecord(new CommandState(CommandStatus.Completed, new CommandOutcome(accepted, null)),
            new DeliveryStatus("read", At.AddSeconds(3), null));

        var view = CommandView.Of(CommandId, record);

        Assert.Equal(new CommandView(CommandId, "accepted", "whatsapp", Sample.Account, Sample.Contact, "wamid.OUT", At, "read", At.AddSeconds(3),
            null, null, null, null, null), view);
    }

    [Fact]
    public void A_rejected_command_reads_with_its_typed_reason()
    {
        var rejected = new MessageRejected(Guid.NewGuid(), CommandId, "whatsapp", Sample.Account, Sample.Contact, RejectionReason.TypingLocked,
            Retryable: false, ProviderCode: null, ProviderTitle: null, "The contact has not replied to the template yet.", At);

        var view = CommandView.Of(CommandId, new CommandRecord(new CommandState(CommandStatus.Completed, new CommandOutcome(null, rejected)), null));

        Assert.Equal(("rejected", RejectionReason.TypingLocked, false, "The contact has not replied to the template yet.", (string?)null),
            (view.Outcome, view.Reason, view.Retryable, view.Detail, view.ProviderMessageId));
    }

    [Fact]
    public void A_command_a_delivery_is_working_on_is_pending()
    {
        var view = CommandView.Of(CommandId, new CommandRecord(new CommandState(CommandStatus.InFlight, null), null));

        Assert.Equal(("pending", (string?)null, (RejectionReason?)null), (view.Outcome, view.ProviderMessageId, view.Reason));
    }
}
