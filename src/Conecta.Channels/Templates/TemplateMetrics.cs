using System.Diagnostics.Metrics;
using Conecta.Channels.Hosting;

namespace Conecta.Channels.Templates;

/// <summary>Meta's template changes as they are applied, by kind and new value (no template, no account).</summary>
internal sealed class TemplateMetrics
{
    private const int MaxValueLength = 32;

    private readonly Counter<long> _changes;

    public TemplateMetrics(IMeterFactory meterFactory) =>
        _changes = meterFactory.Create(TelemetrySetup.MeterName).CreateCounter<long>("conecta.templates.changes", "{change}",
            "Template status, quality and category changes from Meta; applied false: unknown template, older than the stored state, or nothing to store");

    /// <param name="change">status, quality, category or components (the mapper's fixed set).</param>
    /// <param name="value">The new status (APPROVED, REJECTED, …), quality or category; null for none.</param>
    public void Changed(string change, string? value, bool applied) =>
        _changes.Add(1, new("change", change), new("value", Bounded(value)), new("applied", applied ? "true" : "false"));

    /// <summary>Meta's values are upper-case words; anything else is "other", so no webhook can add label values at will.</summary>
    internal static string Bounded(string? value) => value switch
    {
        null => "none",
        { Length: > 0 and <= MaxValueLength } when value.All(c => c is (>= 'A' and <= 'Z') or '_') => value,
        _ => "other",
    };
}
