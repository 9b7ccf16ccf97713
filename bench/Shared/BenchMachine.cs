using System.Net;
using System.Net.Sockets;

namespace IncidentBot.BenchSupport;

/// <summary>The machine as a bench sees it: its load, and a free loopback port for each server it starts.</summary>
public static class BenchMachine
{
    /// <summary>The 1-, 5- and 15-minute load averages: other work on a shared machine skews the figures, so every run prints them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
