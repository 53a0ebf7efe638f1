namespace Conecta.Channels.Tests.Telegram;

/// <summary>A body that passed the secret but is no update we can read is named unreadable (the webhook keeps it as a dead letter), never thrown.</summary>
public sealed class TelegramUpdatesBadInputTests
{
    [Theory]
    [InlineData("{\"update_id\": 1, \"message\": {", "invalid JSON")]
    [InlineData("[]", "invalid JSON")]
    [InlineData("null", "not an Update")]
    [InlineData("{}", "not an Update")]
    [InlineData("{\"update_id\": \"12\", \"message\": {}}", "invalid JSON")]
    [InlineData("{\"message\": {\"message_id\": 1, \"chat\": {\"id\": 5}, \"date\": 1, \"text\": \"oi\"}}", "not an Update")]
    [InlineData("{\"update_id\": 3}", "carries nothing")]
    [InlineData("{\"update_id\": 4, \"message\": {\"message_id\": 1, \"date\": 1, \"text\": \"oi\"}}", "without chat")]
    [InlineData("{\"update_id\": 5, \"message\": {\"message_id\": 1, \"chat\": \"5\", \"date\": 1}}", "invalid JSON")]
    [InlineData("{\"update_id\": 6, \"callback_query\": {\"data\": \"x\"}}", "without id or from")]
    public void An_unreadable_body_is_named_with_its_reason(string body, string reason)
    {
        var mapped = Updates.MapJson(body);

        Assert.Null(mapped.Event);
        Assert.Contains(reason, mapped.Unreadable, StringComparison.Ordinal);
    }
}
