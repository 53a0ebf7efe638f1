using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Conecta.Channels.Hosting;

/// <summary>The address this instance listens on, as the server bound it (a port chosen at start included).</summary>
internal static class ListeningAddress
{
    /// <summary>A server that lists no address (the in-memory test server) is reached at this one.</summary>
    public static readonly Uri Unlisted = new("http://localhost");

    /// <summary>Known once the server has started; before that, the addresses it was told to bind.</summary>
    public static Uri Of(IServer server) => Choose(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    /// <summary>
    /// The first plain-http address (a caller on this machine has no certificate to trust), else the first; a wildcard host
    /// (0.0.0.0, [::], +, *) is reached on loopback.
    /// </summary>
    internal static Uri Choose(IEnumerable<string> addresses)
    {
        var parsed = addresses.Select(BindingAddress.Parse).ToList();
        if ((parsed.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttp) ?? parsed.FirstOrDefault()) is not { } chosen) return Unlisted;
        var host = chosen.Host switch
        {
            "0.0.0.0" or "+" or "*" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            var named => named,
        };
        return new Uri($"{chosen.Scheme}://{host}:{chosen.Port}");
    }
}
