namespace Conecta.Channels.Channels;

/// <summary>
/// The events a step after the publish (sessions, delivery statuses) could not apply: their webhook is answered 503, so
/// the provider sends them again and the step applies them then.
/// </summary>
internal sealed record NotApplied(IReadOnlyList<Guid> EventIds, Exception? FirstError)
{
    public static readonly NotApplied None = new([], null);

    /// <summary>From one outcome per unit of work: null where it was applied, the exception where not.</summary>
    public static NotApplied Of<T>(IReadOnlyList<T> units, IReadOnlyList<Exception?> errors, Func<T, IEnumerable<Guid>> eventIds)
    {
        var failed = units.Where((_, i) => errors[i] is not null).ToList();
        return failed.Count == 0 ? None : new NotApplied(failed.SelectMany(eventIds).ToList(), errors.First(e => e is not null));
    }
}
