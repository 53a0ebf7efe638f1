using Conecta.Channels.Channels;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Sessions;

/// <summary>Runs an input through the machine against the store: read, decide, publish, compare-and-set, again on conflict.</summary>
internal sealed class SessionTransitions(ISessionStore store, SessionMachine machine, SessionMetrics metrics, IOptions<SessionOptions> options)
{
    private const int MaxAttempts = 10;

    /// <summary>The session a command's recipient names on the account's channel; null when it names no contact there.</summary>
    public static SessionKey? KeyOf(IChannel channel, string accountId, string to) =>
        channel.ContactKeyOf(to) is { } contactKey ? new SessionKey(accountId, contactKey) : null;

    /// <summary>What the input would do, without storing anything: the checks before a send.</summary>
    public async Task<SessionDecision> PeekAsync(SessionKey key, SessionInput input, CancellationToken cancellationToken) =>
        machine.Decide(key.AccountId, key.ContactKey, await store.FindAsync(key, cancellationToken), input);

    /// <summary>
    /// Applies the input. Events are published before the change is stored: if the process dies in between, the
    /// redelivered input decides the same transition and publishes the same EventIds again, where storing first
    /// would lose them (the redelivery would find nothing left to do).
    /// </summary>
    public async Task<SessionDecision> ApplyAsync(SessionKey key, SessionInput input, Func<object, Task> publish, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.FindAsync(key, cancellationToken);
            var decision = machine.Decide(key.AccountId, key.ContactKey, current, input);
            if (!decision.Changed) return decision;
            foreach (var @event in decision.Events) await publish(@event);
            if (await store.TrySaveAsync(decision.Next!, options.Value.Retention, cancellationToken))
            {
                metrics.Stored(current?.State ?? SessionState.None, decision.Next!.State);
                return decision;
            }
            if (attempt == MaxAttempts) throw new SessionConflictException(key);
        }
    }
}

/// <summary>
/// Moves a live session to the contact's new key (the contact changed number or user id): stored there as it is, the old key
/// closed. Nothing moves when the old key has no live session, or the new key has a live one of its own (both are kept).
/// The event is published before anything is stored, as for every transition.
/// </summary>
internal sealed class SessionMove(ISessionStore store, IOptions<SessionOptions> options, TimeProvider clock)
{
    public async Task<Session?> MoveAsync(SessionKey from, SessionKey to, Func<Session?, Task> publish, CancellationToken cancellationToken)
    {
        var current = from == to ? null : await store.FindAsync(from, cancellationToken);
        var existing = current is { IsLive: true } ? await store.FindAsync(to, cancellationToken) : null;
        if (current is not { IsLive: true } || existing is { IsLive: true })
        {
            await publish(null);
            return null;
        }
        var moved = current with { ContactKey = to.ContactKey, Version = existing?.Version ?? 0 };
        await publish(moved);
        if (!await store.TrySaveAsync(moved, options.Value.Retention, cancellationToken)) throw new SessionConflictException(to);
        if (!await store.TrySaveAsync(current with { State = SessionState.Closed, ClosedAt = clock.GetUtcNow() }, options.Value.Retention, cancellationToken))
            throw new SessionConflictException(from);
        return moved;
    }
}

/// <summary>Other changes kept winning the compare-and-set; the consumer's retry tries again later.</summary>
internal sealed class SessionConflictException(SessionKey key) : Exception($"Session of account {key.AccountId} kept changing under this update");
