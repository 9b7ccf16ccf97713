using System.Diagnostics;
using System.Text.Json;

namespace IncidentBot.LanguageBench;

/// <summary>Runs bench/language-peer/peer.mjs (franc-all limited to the five languages) when node and its packages are there.</summary>
internal static class Peer
{
    public static Accuracy? TryRun(string root, string data, out string why)
    {
        var script = Path.Combine(root, "bench", "language-peer", "peer.mjs");
        if (!Directory.Exists(Path.Combine(root, "bench", "language-peer", "node_modules", "franc-all")))
        {
            why = "franc-all is not installed: npm ci --prefix bench/language-peer";
            return null;
        }
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(data);
        start.ArgumentList.Add("--json");
        try
        {
            using var node = Process.Start(start)!;
            var accuracy = new Accuracy();
            while (node.StandardOutput.ReadLine() is { } line)
            {
                var row = JsonSerializer.Deserialize<PeerRow>(line, JsonSerializerOptions.Web)!;
                accuracy.Add(row.Expected, row.Actual);
            }
            node.WaitForExit();
            why = node.ExitCode == 0 ? "" : node.StandardError.ReadToEnd();
            return node.ExitCode == 0 ? accuracy : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            why = $"node could not be started: {e.Message}";
            return null;
        }
    }

    private sealed record PeerRow(string Expected, string Actual);
}
