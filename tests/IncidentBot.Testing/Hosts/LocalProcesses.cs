using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IncidentBot.Testing.Hosts;

/// <summary>What every server the tests start as a process of its own needs: a free loopback port, and a kill that never throws.</summary>
public static class LocalProcesses
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the process and its children if it still runs; one already gone (or never started) is left alone.</summary>
    public static void KillTree(Process? process)
    {
        try
        {
            if (process is { HasExited: false })
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone, or never started.
        }
    }
}
