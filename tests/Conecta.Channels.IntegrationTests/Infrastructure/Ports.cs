using System.Net;
using System.Net.Sockets;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

internal static class Ports
{
    /// <summary>A loopback port nobody listens on right now (the system's pick, released at once).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
