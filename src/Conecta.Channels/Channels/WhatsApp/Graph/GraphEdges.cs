namespace Conecta.Channels.Channels.WhatsApp.Graph;

/// <summary>The Graph edges of a business number that take a message, and which one a send goes to.</summary>
internal static class GraphEdges
{
    /// <summary>The Cloud API's POST /{phone-number-id}/messages: every kind of message.</summary>
    public const string Messages = "messages";

    /// <summary>
    /// The Marketing Messages API's POST /{phone-number-id}/marketing_messages: the same body, MARKETING templates only (Meta answers
    /// anything else 131055 / 134100); utility and authentication templates and free-form messages stay on <see cref="Messages"/>.
    /// </summary>
    public const string MarketingMessages = "marketing_messages";

    /// <summary>Only a MARKETING template from an account that chose the Marketing Messages API goes there.</summary>
    /// <param name="templateCategory">The stored category of the template sent; null for any other message.</param>
    public static string For(bool marketingApi, string? templateCategory) =>
        marketingApi && templateCategory == "MARKETING" ? MarketingMessages : Messages;
}
