namespace Conecta.Channels.Contracts.Commands;

/// <summary>A currency parameter: shown as <paramref name="FallbackValue"/> where the app cannot localize it.</summary>
/// <param name="Code">ISO 4217, e.g. BRL.</param>
/// <param name="Amount1000">The amount times 1,000 (R$ 120,50 is 120500).</param>
public sealed record TemplateCurrency(string FallbackValue, string Code, long Amount1000);
