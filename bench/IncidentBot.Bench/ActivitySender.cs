using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace IncidentBot.Bench;

/// <summary>What one open-loop run of activities gave: latencies in ms, and what went wrong.</summary>
internal sealed record DriveResult(List<double> Latencies, int Failures, int Unnumbered, TimeSpan SendTime, TimeSpan Elapsed, int AnsweredWhileSending);

/// <summary>
/// Sends Teams personal-chat message activities to one bot's <c>/api/messages</c> at a fixed arrival
/// rate (open loop: on schedule whether or not earlier ones were answered) and waits for each reply
/// at the Connector stand-in. A reply that does not arrive within 30 s is a failure.
/// </summary>
internal sealed class ActivitySender(HttpClient client, ConnectorStandIn connector, int users)
{
    public const string Tenant = "5f0c3b8e-2d41-4a7a-9c55-0e1a7b2d9c10";

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    /// <param name="fromDue">
    /// Count latency from each activity's scheduled time rather than from the moment its POST
    /// started. The bot runs in this process, so a busy bot also delays the sender's timer; counting
    /// from the schedule keeps that delay in the figure (no coordinated omission).
    /// </param>
    public async Task<DriveResult> DriveAsync(int rate, int seconds, Func<int, string> textFor, string idPrefix, bool fromDue)
    {
        var count = seconds * rate;
        var tasks = new List<Task<(double? Ms, bool Numbered, long At)>>(count);
        var clock = Stopwatch.StartNew();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            // One reading of the clock: a second one could pass the due time and make the wait negative.
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            tasks.Add(SendAsync(i % users, textFor(i), $"{idPrefix}-{i}", fromDue ? start + (long)(due.TotalSeconds * Stopwatch.Frequency) : null));
        }
        var sendTime = clock.Elapsed;
        var sendEnd = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        connector.Forget(idPrefix + "-");
        var latencies = results.Where(r => r.Ms is not null).Select(r => r.Ms!.Value).ToList();
        var unnumbered = Enumerable.Range(0, count).Count(i => results[i].Ms is not null && !results[i].Numbered && textFor(i).StartsWith("declare ", StringComparison.Ordinal));
        return new DriveResult(latencies, results.Count(r => r.Ms is null), unnumbered, sendTime, elapsed, results.Count(r => r.Ms is not null && r.At <= sendEnd));
    }

    /// <summary>One activity; the latency until its reply reached the stand-in, or null when it failed or none came.</summary>
    public async Task<(double? Ms, bool Numbered, long At)> SendAsync(int user, string text, string id, long? due = null)
    {
        var conversation = $"a:bench-user-{user}";
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = $"29:bench-{user}", ["name"] = $"Bench User {user}", ["aadObjectId"] = $"00000000-0000-4000-8000-{user:D12}" },
            ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "IncidentBot" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = Tenant },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
            ["text"] = text,
        };
        var reply = connector.ReplyTo(id);
        var started = due ?? Stopwatch.GetTimestamp();
        try
        {
            using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
            if (!response.IsSuccessStatusCode)
                return (null, false, 0);
        }
        catch (HttpRequestException)
        {
            return (null, false, 0);
        }
        catch (TaskCanceledException)
        {
            return (null, false, 0);
        }
        var arrived = await reply.WaitAsync(ReplyTimeout).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : (long?)null, TaskScheduler.Default);
        return arrived is { } at ? (Stopwatch.GetElapsedTime(started, at).TotalMilliseconds, connector.HasNumber(id), at) : (null, false, 0);
    }
}
