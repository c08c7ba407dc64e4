using System.Net;
using System.Net.Sockets;

namespace ServerlessGov.Testing.Apps;

/// <summary>Finds a loopback TCP port nobody listens on, for servers a test starts.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
