using Conecta.Channels.Templates;

namespace Conecta.Channels.Tests.Templates;

/// <summary>A template change's value becomes a label only when it looks like Meta's (upper-case words), so no webhook adds label values at will.</summary>
public sealed class TemplateMetricsTests
{
    [Theory]
    [InlineData("APPROVED", "APPROVED")]
    [InlineData("PENDING_DELETION", "PENDING_DELETION")]
    [InlineData("GREEN", "GREEN")]
    [InlineData(null, "none")]
    [InlineData("", "other")]
    [InlineData("approved", "other")]
    [InlineData("Maria 5531988887777", "other")]
    [InlineData("A_VERY_LONG_VALUE_NOBODY_SENDS_EVER", "other")]
    public void Only_upper_case_words_become_label_values(string? value, string label) =>
        Assert.Equal(label, TemplateMetrics.Bounded(value));
}
