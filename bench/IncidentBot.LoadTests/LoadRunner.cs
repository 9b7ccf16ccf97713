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
/// One runner per server, so its kept-alive connections last from the warm-up through every round.
/// </summary>
internal sealed class LoadRunner : IDisposable
{
    private readonly Uri _url;
    private readonly Uri _intakeUrl;
    private readonly SemaphoreSlim _senders = new(IntakeLoad.MaxInFlight);
    private readonly SocketsHttpHandler _handler = new() { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
    private readonly HttpClient _client;
    private readonly bool _countUnnumbered;
    private readonly Uri _intakeBatchUrl;
    private bool _trendsOpened;

    /// <summary>
    /// Above 1, the intake workload's reports go to the batch endpoint this many at a time, as the issue says detection
    /// systems send them: a batch leaves when its last report is due, and each report's latency counts from its own due
    /// time to its batch's answer (the wait for the batch to fill is in it).
    /// </summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Every this many intake reports one opens a trend (0: none); see <see cref="IntakeLoad.ReportFor"/>.</summary>
    public int OpenEvery { get; init; } = IntakeLoad.DefaultOpenEvery;

    /// <param name="countUnnumbered">The bot: count declares answered 200 without an incident number (spooled, or failed with a reference).</param>
    public LoadRunner(Uri url, bool countUnnumbered = false)
    {
        _url = url;
        _intakeUrl = new Uri(url, IntakeLoad.Path);
        _intakeBatchUrl = new Uri(url, IntakeLoad.BatchPath);
        _countUnnumbered = countUnnumbered;
        _client = new HttpClient(_handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Warm-up then one measured run: the harness's original comparison mode.</summary>
    public static async Task<LoadResult> RunAsync(Uri url, LoadOptions options, Func<TimeSpan> serverCpu)
    {
        using var runner = new LoadRunner(url);
        await runner.WarmAsync(options.Rate, options.WarmupSeconds, options.Workload);
        return await runner.MeasureAsync(options.Rate, options.Seconds, options.Workload, serverCpu);
    }

    public async Task WarmAsync(int rate, int seconds, string workload)
    {
        if (IntakeLoad.IsWorkload(workload) && !_trendsOpened)
        {
            // The mix joins open trends: open them first, each with its own report.
            for (var k = 0; k < IntakeLoad.OpenTrends; k++)
            {
                if (!await PostReportAsync(IntakeLoad.Report(IntakeLoad.OpenTrendKey(k))))
                    throw new InvalidOperationException($"Opening trend {k} failed: is the intake configured?");
            }
            _trendsOpened = true;
        }
        await DriveAsync(rate, seconds, workload, "warm", record: null);
    }

    public async Task<LoadResult> MeasureAsync(int rate, int seconds, string workload, Func<TimeSpan> serverCpu)
    {
        var latencies = new ConcurrentBag<(string Kind, double Ms, TimeSpan At)>();
        _unnumbered = 0;
        var cpuBefore = serverCpu();
        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var (errors, sendTime) = await DriveAsync(rate, seconds, workload, "run", latencies);
        return new LoadResult([.. latencies.Select(l => l.Ms)], errors, clock.Elapsed)
        {
            AnsweredWhileSending = latencies.Count(l => l.At <= sendTime),
            ServerCpu = serverCpu() - cpuBefore,
            SendTime = sendTime,
            Unnumbered = _countUnnumbered ? _unnumbered : null,
            ByKind = latencies.GroupBy(l => l.Kind).ToDictionary(g => g.Key, g => g.Select(l => l.Ms).ToArray()),
            Timeline = [.. latencies.Select(l => (l.Kind, startedAt + l.At - TimeSpan.FromMilliseconds(l.Ms), l.Ms)).OrderBy(l => l.Item2)],
            Tail = TailEpisodes.Describe([.. latencies.Select(l => (l.At - TimeSpan.FromMilliseconds(l.Ms), l.Ms))], LoadResult.Percentile([.. latencies.Select(l => l.Ms)], 99), startedAt),
        };
    }

    private int _unnumbered;

    private async Task<(int Errors, TimeSpan SendTime)> DriveAsync(int rate, int seconds, string workload, string phase, ConcurrentBag<(string Kind, double Ms, TimeSpan At)>? record)
    {
        var total = rate * seconds;
        // A new workspace per run: `mixed` numbers its incidents from INC-1, and runs stay apart.
        var team = "TLOAD" + phase.ToUpperInvariant() + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var errors = 0;
        var inFlight = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        var batch = new List<(IntakeLoad.Sent Report, long Due)>(BatchSize);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            if (IntakeLoad.IsWorkload(workload) && BatchSize > 1)
            {
                batch.Add((IntakeLoad.ReportFor(team, i, OpenEvery), due));
                if (batch.Count < BatchSize && i + 1 < total)
                    continue;
                await _senders.WaitAsync();
                inFlight.Add(SendBatchAsync([.. batch], start, record, n => Interlocked.Add(ref errors, n)));
                batch.Clear();
                continue;
            }
            if (IntakeLoad.IsWorkload(workload))
            {
                // A sender pool's connections: a report waiting for one counts its wait from its due time.
                await _senders.WaitAsync();
                inFlight.Add(SendReportAsync(IntakeLoad.ReportFor(team, i, OpenEvery), start, due, record, () => Interlocked.Increment(ref errors)));
                continue;
            }
            var text = CommandFor(workload, team, i);
            inFlight.Add(SendAsync(team, text, start, due, record, () => Interlocked.Increment(ref errors)));
        }
        var sendTime = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(inFlight);
        return (errors, sendTime);
    }

    /// <summary>Declare a few, then mostly what people do during an incident: notes, updates, lists.</summary>
    private static string CommandFor(string workload, string team, int i) => workload switch
    {
        "declare" => $"declare sev3 Load test incident {i} --source trending --market NP --lang ne",
        // Issue 12: every request a new incident with a title of its own (its trigger_id is its own anyway).
        "declare-new" => $"declare sev2 Write path {team} {i}",
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

    private async Task SendAsync(string team, string text, long start, long due, ConcurrentBag<(string Kind, double Ms, TimeSpan At)>? record, Action onError)
    {
        var body = $"team_id={team}&user_id=U0LOAD&channel_id=C0LOAD&command=%2Fincident&text={Uri.EscapeDataString(text)}&trigger_id={Guid.NewGuid():N}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Harness.Secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        try
        {
            using var response = await _client.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                onError();
                return;
            }
            // At: when the answer came, from the start of sending (the first request's due time).
            record?.Add((KindOf(text), Stopwatch.GetElapsedTime(due).TotalMilliseconds, Stopwatch.GetElapsedTime(start)));
            if (record is not null && _countUnnumbered && text.StartsWith("declare ", StringComparison.Ordinal) && !answer.Contains("INC-", StringComparison.Ordinal))
                Interlocked.Increment(ref _unnumbered);
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

    /// <summary>
    /// One report of the load, sent on one of the sender's connections (<see cref="IntakeLoad.MaxInFlight"/>), which the
    /// caller has taken and which is given back here.
    /// </summary>
    private async Task SendReportAsync(IntakeLoad.Sent report, long start, long due, ConcurrentBag<(string Kind, double Ms, TimeSpan At)>? record, Action onError)
    {
        try
        {
            if (await PostReportAsync(report))
                record?.Add((report.IsNewTrend ? "opening" : "joining", Stopwatch.GetElapsedTime(due).TotalMilliseconds, Stopwatch.GetElapsedTime(start)));
            else
                onError();
        }
        finally
        {
            _senders.Release();
        }
    }

    /// <summary>Reports in one request to the batch endpoint; each counts as answered when its item says 202 (or 200, a repeat).</summary>
    private async Task SendBatchAsync((IntakeLoad.Sent Report, long Due)[] batch, long start, ConcurrentBag<(string Kind, double Ms, TimeSpan At)>? record, Action<int> onErrors)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _intakeBatchUrl) { Content = new ByteArrayContent(IntakeLoad.BatchBody(batch.Select(b => b.Report))) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IntakeLoad.Key);
            using var response = await _client.SendAsync(request);
            var answer = await response.Content.ReadAsByteArrayAsync();
            var stored = response.IsSuccessStatusCode ? IntakeLoad.StoredItems(answer, batch.Length) : new bool[batch.Length];
            var at = Stopwatch.GetElapsedTime(start);
            for (var k = 0; k < batch.Length; k++)
            {
                if (stored[k])
                    record?.Add((batch[k].Report.IsNewTrend ? "opening" : "joining", Stopwatch.GetElapsedTime(batch[k].Due).TotalMilliseconds, at));
            }
            onErrors(stored.Count(s => !s));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            onErrors(batch.Length);
        }
        finally
        {
            _senders.Release();
        }
    }

    /// <summary>One report to the intake API with the trending source's key; true when answered 202 (or 200 for a repeat).</summary>
    private async Task<bool> PostReportAsync(IntakeLoad.Sent report)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _intakeUrl) { Content = new ByteArrayContent(report.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IntakeLoad.Key);
        try
        {
            using var response = await _client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
        _senders.Dispose();
    }
}
