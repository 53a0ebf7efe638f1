using Conecta.Channels.Channels.WhatsApp.Graph;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>Which Graph edge a send goes to: only a MARKETING template of an account that chose the Marketing Messages API leaves /messages.</summary>
public sealed class GraphEdgesTests
{
    [Theory]
    [InlineData(true, "MARKETING", "marketing_messages")]
    [InlineData(true, "UTILITY", "messages")]
    [InlineData(true, "AUTHENTICATION", "messages")]
    [InlineData(true, null, "messages")] // free-form, or a template with no stored category
    [InlineData(false, "MARKETING", "messages")]
    [InlineData(false, null, "messages")]
    public void The_edge_follows_the_account_setting_and_the_template_category(bool marketingApi, string? category, string edge) =>
        Assert.Equal(edge, GraphEdges.For(marketingApi, category));
}
