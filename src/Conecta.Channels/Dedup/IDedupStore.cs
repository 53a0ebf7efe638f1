namespace Conecta.Channels.Dedup;

/// <summary>The result of claiming a set of EventIds for publishing.</summary>
/// <param name="Owner">Token of this claim; only its owner may release it.</param>
/// <param name="Claimed">Ids this caller now owns and must publish.</param>
/// <param name="AlreadyDelivered">Ids delivered earlier: publish nothing.</param>
/// <param name="InFlight">Ids another request is publishing right now.</param>
internal sealed record DedupClaim(string Owner, IReadOnlySet<Guid> Claimed, IReadOnlySet<Guid> AlreadyDelivered, IReadOnlySet<Guid> InFlight);

/// <summary>
/// Remembers which events reached the broker. Redis in production (shared by all instances), in
/// process in the embedded mode; both pass the same contract tests.
/// </summary>
internal interface IDedupStore
{
    Task<DedupClaim> ClaimAsync(IReadOnlyList<Guid> eventIds, TimeSpan lease, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(IReadOnlyList<Guid> eventIds, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Lets go of ids this claim owns that were not published, so a retry can claim them.</summary>
    Task ReleaseAsync(DedupClaim claim, IReadOnlyList<Guid> eventIds, CancellationToken cancellationToken);
}
