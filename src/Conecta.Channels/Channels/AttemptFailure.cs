using Polly.Timeout;

namespace Conecta.Channels.Channels;

/// <summary>How one HTTP attempt to a provider failed, as the resilience handler sees it.</summary>
internal enum AttemptFailure
{
    /// <summary>Succeeded, or failed in a way trying again cannot mend (a bad number, a revoked token).</summary>
    Final,

    /// <summary>The provider asked us to slow down: retried after its wait, never counted by the circuit breaker.</summary>
    Throttled,

    /// <summary>5xx, a timeout, a broken connection: retried, and counted by the circuit breaker.</summary>
    Failed,
}

internal static class AttemptFailures
{
    /// <summary>No answer (a connection refused or broken, an attempt timed out) is a failure; anything else thrown is final.</summary>
    public static AttemptFailure Of(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException ? AttemptFailure.Failed : AttemptFailure.Final;

    public static bool ShouldRetry(this AttemptFailure failure) => failure is not AttemptFailure.Final;

    /// <summary>
    /// Throttling is the provider answering, not failing; counting it would open the circuit under load and refuse
    /// sends that the retry's wait would have let through.
    /// </summary>
    public static bool ShouldBreak(this AttemptFailure failure) => failure is AttemptFailure.Failed;
}
