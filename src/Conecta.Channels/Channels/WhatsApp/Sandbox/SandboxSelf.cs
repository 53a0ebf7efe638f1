using Microsoft.AspNetCore.Hosting.Server;
using Conecta.Channels.Hosting;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

/// <summary>
/// Where this very instance listens, as the server bound it (a port chosen at start included): the sandbox's Graph API and
/// the webhook it posts to are this instance's own, so two instances on two ports never talk to each other.
/// </summary>
internal sealed class SandboxSelf(IServer server, IOptions<SandboxOptions> options)
{
    public Uri BaseUrl => ListeningAddress.Of(server);

    /// <summary>The sandbox Graph API: what https://graph.facebook.com is to the service in production.</summary>
    public string GraphBaseUrl => BaseUrl.AbsoluteUri.TrimEnd('/') + SandboxGraphApi.BasePath;

    /// <summary>Sandbox:WebhookUrl when set, else this instance's own WhatsApp webhook.</summary>
    public Uri WebhookUrl => options.Value.WebhookUrl is { Length: > 0 } configured ? new Uri(configured) : new Uri(BaseUrl, "/webhooks/whatsapp");
}

/// <summary>Points every Graph call of the service, and every download of a media URL it answered, at this instance's sandbox, wherever it listens.</summary>
internal sealed class SandboxRouting(SandboxSelf self, IOptions<WhatsAppOptions> whatsApp) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var graph = whatsApp.Value.GraphBaseUrl.TrimEnd('/');
        var uri = request.RequestUri!.AbsoluteUri;
        if (uri.StartsWith(graph + "/", StringComparison.OrdinalIgnoreCase)) request.RequestUri = new Uri(self.GraphBaseUrl + uri[graph.Length..]);
        else if (uri.StartsWith(SandboxGraphApi.MetaMediaUrl, StringComparison.Ordinal))
            request.RequestUri = new Uri(self.BaseUrl, SandboxGraphApi.MediaPath + "/" + uri[SandboxGraphApi.MetaMediaUrl.Length..]);
        return base.SendAsync(request, cancellationToken);
    }
}
