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

/// <summary>Other changes kept winning the compare-and-set; the consumer's retry tries again later.</summary>
internal sealed class SessionConflictException(SessionKey key) : Exception($"Session of account {key.AccountId} kept changing under this update");
