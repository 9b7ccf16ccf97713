using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.LoadTests;

/// <summary>
/// An open-loop load: request i is due at start + i/rate whatever happened to earlier ones,
/// and its latency counts from that due time, so a stall shows up in the percentiles.
/// </summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(Uri url, LoadOptions options, Func<TimeSpan> serverCpu)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        await DriveAsync(client, url, options.Rate, options.WarmupSeconds, options.Workload, "warm", record: null);
        var latencies = new ConcurrentBag<(string Kind, double Ms)>();
        var errors = 0;
        var cpuBefore = serverCpu();
        var clock = Stopwatch.StartNew();
        errors = await DriveAsync(client, url, options.Rate, options.Seconds, options.Workload, "run", latencies);
        return new LoadResult([.. latencies.Select(l => l.Ms)], errors, clock.Elapsed)
        {
            ServerCpu = serverCpu() - cpuBefore,
            ByKind = latencies.GroupBy(l => l.Kind).ToDictionary(g => g.Key, g => g.Select(l => l.Ms).ToArray()),
        };
    }

    private static async Task<int> DriveAsync(HttpClient client, Uri url, int rate, int seconds, string workload, string phase, ConcurrentBag<(string Kind, double Ms)>? record)
    {
        var total = rate * seconds;
        var team = "TLOAD" + phase.ToUpperInvariant() + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var errors = 0;
        var inFlight = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            var text = CommandFor(workload, i);
            inFlight.Add(SendAsync(client, url, team, text, due, record, () => Interlocked.Increment(ref errors)));
        }
        await Task.WhenAll(inFlight);
        return errors;
    }

    /// <summary>Declare a few, then mostly what people do during an incident: notes, updates, lists.</summary>
    private static string CommandFor(string workload, int i) => workload switch
    {
        "declare" => $"declare sev3 Load test incident {i} --source trending --market NP --lang ne",
        "help" => "help",
        _ => (i % 8) switch
        {
            0 => $"declare sev2 Load test incident {i} --source partner --market IN --lang hi",
            1 or 2 or 3 => $"INC-{1 + (i / 8)} note Observation {i}",
            4 => $"INC-{1 + (i / 8)} update Status {i}",
            5 => "list",
            6 => $"INC-{1 + (i / 8)}",
            _ => "help",
        },
    };

    /// <summary>The subcommand, for the per-command breakdown: <c>INC-3 note …</c> is a note, <c>INC-3</c> alone a show.</summary>
    private static string KindOf(string text)
    {
        var words = text.Split(' ', 3);
        return words[0].StartsWith("INC-", StringComparison.Ordinal) ? (words.Length > 1 ? words[1] : "show") : words[0];
    }

    private static async Task SendAsync(HttpClient client, Uri url, string team, string text, long due, ConcurrentBag<(string Kind, double Ms)>? record, Action onError)
    {
        var body = $"team_id={team}&user_id=U0LOAD&channel_id=C0LOAD&command=%2Fincident&text={Uri.EscapeDataString(text)}&trigger_id={Guid.NewGuid():N}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Harness.Secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        try
        {
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
                onError();
            else
                record?.Add((KindOf(text), Stopwatch.GetElapsedTime(due).TotalMilliseconds));
        }
        catch (HttpRequestException)
        {
            onError();
        }
        catch (TaskCanceledException)
        {
            onError();
        }
    }
}
