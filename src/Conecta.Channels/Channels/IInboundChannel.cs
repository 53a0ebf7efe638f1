using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Channels;

/// <summary>A channel's answer to "is this webhook really from the provider?".</summary>
internal enum WebhookVerdict
{
    Authentic,
    Forged,
    /// <summary>Asked before the body was read: the answer is in the body (a signature over its bytes).</summary>
    NeedsBody,
}

/// <summary>What an update for an account nobody registered becomes.</summary>
internal enum UnknownAccountHandling
{
    /// <summary>Kept whole as a dead letter and acknowledged: no consumer could route it.</summary>
    DeadLetter,
    /// <summary>Answered 503 so the provider sends it again: the webhook proved the account is ours, so its registration is still being stored.</summary>
    RetryLater,
}

/// <param name="Channel">The channel's name on the bus ("whatsapp").</param>
/// <param name="MaxBodyBytes">Longer bodies are a 413, never read whole.</param>
/// <param name="AccountIdName">What the provider calls the account id, for the dead letters' reasons.</param>
internal sealed record InboundChannelInfo(string Channel, long MaxBodyBytes, string AccountIdName, UnknownAccountHandling UnknownAccounts);

/// <summary>
/// What one webhook body turned into: the events for the bus, and what could not be read (the body then goes to the
/// dead letters whole, beside whatever events it did yield). A body nothing could be read from has no events.
/// </summary>
/// <param name="Reply">The answer once every event is durable, when it is not a plain 200 (Telegram answers a button press in it).</param>
internal sealed record InboundBatch(IReadOnlyList<InboundEvent> Events, IReadOnlyList<string> Problems, IResult? Reply = null)
{
    public static InboundBatch Unreadable(string reason) => new([], [reason]);
}

/// <summary>
/// The inbound seam: what a channel gives the shared <see cref="InboundPipeline"/>. Reading the body, routing to the
/// account, dead letters, sessions and durable delivery are the pipeline's, the same for every channel.
/// </summary>
internal interface IInboundChannel
{
    InboundChannelInfo Info { get; }

    /// <summary>
    /// Asked first with an empty <paramref name="body"/> and <paramref name="bodyRead"/> false, before a byte of the
    /// body is read: a check that needs only headers and route (a secret token) answers then, so a caller without it
    /// costs nothing. A channel that signs the body answers <see cref="WebhookVerdict.NeedsBody"/> and is asked again.
    /// </summary>
    WebhookVerdict Verify(HttpRequest request, string? accountId, ReadOnlySpan<byte> body, bool bodyRead);

    /// <summary>Pure: the body's events, with no I/O. <paramref name="accountId"/> is the route's, for channels that put it there.</summary>
    InboundBatch Map(byte[] body, string? accountId, DateTimeOffset receivedAt);

    /// <summary>What the channel must record of the contacts who wrote before their messages go out (nothing, for most).</summary>
    Task BeforeDeliveryAsync(IReadOnlyList<InboundMessageReceived> messages, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
