using Conecta.Channels.Channels;

namespace Conecta.Channels.Tests.Channels;

/// <summary>Provider latency is labelled with the endpoint's template: ids, media ids and bot tokens never become label values.</summary>
public sealed class ProviderEndpointsTests
{
    [Theory]
    [InlineData("https://graph.facebook.com/v24.0/1122334455667/messages", "/v24.0/{id}/messages")]
    [InlineData("https://graph.facebook.com/v24.0/1122334455667/media", "/v24.0/{id}/media")]
    [InlineData("https://graph.facebook.com/v24.0/998877665544", "/v24.0/{id}")]
    [InlineData("https://graph.facebook.com/v21.0/102290129340398/message_templates?name=retomar_contato&hsm_id=1689556908129832",
        "/v21.0/{id}/message_templates")]
    [InlineData("https://api.telegram.org/bot123456789:AAH-secret_Token/sendMessage", "/{id}/sendMessage")]
    [InlineData("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=123&ext=456", "/whatsapp_business/attachments")]
    [InlineData("http://127.0.0.1:8080/sandbox/graph/v24.0/1122334455667/messages", "/sandbox/graph/v24.0/{id}/messages")]
    [InlineData("https://relay.test/v/send", "/v/send")]
    [InlineData("https://graph.facebook.com/", "/")]
    public void Every_segment_but_words_and_versions_is_an_id(string url, string endpoint) =>
        Assert.Equal(endpoint, ProviderMetrics.EndpointOf(new Uri(url)));
}
