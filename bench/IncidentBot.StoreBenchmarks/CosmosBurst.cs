using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentBot.BenchSupport;
using IncidentBot.Testing.Fakes.Cosmos;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// Issue 12's Cosmos target: N people declare at the same moment on a bot whose store is Cosmos DB
/// (the Cosmos-protocol test server, started here on a free port). Counts the declarations answered
/// with their number within the answer window — in Slack's answer, or afterwards on the
/// <c>response_url</c> or in a message — checks what is stored, and reports request units per
/// declare and per change (a note on each new incident, sent at the same moment too) as the SDK
/// reports them.
///   dotnet run -c Release --project bench/IncidentBot.StoreBenchmarks -- cosmos-burst [--declares 50] [--changes 50] [--within 3] [--settle 15]
/// </summary>
public static partial class CosmosBurst
{
    private const string Secret = "cosmos-burst-signing-secret";
    private const string ApiKey = "cosmos-burst-api-key-0123456789";
    private const string Team = "T0BURST";

    public static async Task<int> RunAsync(string[] args)
    {
        var declares = Option(args, "--declares", 50);
        var changes = Option(args, "--changes", declares);
        var within = TimeSpan.FromSeconds(Option(args, "--within", 3));
        var settle = TimeSpan.FromSeconds(Option(args, "--settle", 15));
        Console.WriteLine($"Cosmos burst: {declares} declares at the same moment, then {changes} notes at the same moment; answers counted within {within.TotalSeconds:0} s; stored checked after {settle.TotalSeconds:0} s. Load average before: {LoadAverage()}");

        var repo = CosmosTestServer.RepositoryRoot();
        await NodePeer.EnsureInstalledAsync(Path.Combine(repo, "tests", "cosmos-server"));
        var directory = Path.Combine(Path.GetTempPath(), "incidentbot-burst", Guid.NewGuid().ToString("N"));
        await using var cosmos = await CosmosTestServer.StartAsync();
        await using var slack = await SlackRecorder.StartAsync();
        using var charges = new RequestCharges();
        var bot = new BurstBot(new Dictionary<string, string?>
        {
            ["Cosmos:Endpoint"] = cosmos.Endpoint.ToString(),
            ["Cosmos:Key"] = CosmosTestServer.Key,
            ["Cosmos:Database"] = "burst",
            ["Cosmos:ConnectionMode"] = "Gateway",
            ["Cosmos:AcceptSelfSignedCertificate"] = "true",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-burst",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:AllowLoopbackTargets"] = "true",
            ["Slack:AnnouncementChannel"] = "C0ANNOUNCE",
            ["Storage:Path"] = Path.Combine(directory, "unused.db"),
            ["Spool:Path"] = Path.Combine(directory, "pending-declares.db"),
            ["Api:Keys:0"] = ApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
        }, charges);
        try
        {
            using var client = bot.Start();
            client.Timeout = TimeSpan.FromSeconds(60);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

            // JIT, the container, the SDK's connections and the workspace registry: one declare in another workspace.
            var warm = await SendAsync(client, slack, "T0WARM", "declare sev3 Warm-up", "warm", Stopwatch.GetTimestamp());
            Console.WriteLine($"warm-up declare answered in {warm.Ms:F0} ms: {Shorten(warm.Text)}");
            await Task.Delay(TimeSpan.FromSeconds(2));

            var tag = Guid.NewGuid().ToString("N")[..6];
            string Marker(int i) => $"burst{tag}n{i}x";
            var start = Stopwatch.GetTimestamp();
            var acks = await Task.WhenAll(Enumerable.Range(0, declares).Select(i =>
                SendAsync(client, slack, Team, $"declare sev2 {Marker(i)}", $"declare-{i}", start)));
            var lastAck = Stopwatch.GetElapsedTime(start);
            // Answers that come after the ack (a declaration kept for a retry) count while the window is open.
            if (lastAck < within)
                await Task.Delay(within - lastAck);

            var outcomes = acks.Select((ack, i) => Classify(ack, slack.FirstWith(Marker(i)), start, within)).ToList();
            var storedSoon = await StoredAsync(client, tag);
            Console.WriteLine($"Waiting {settle.TotalSeconds:0} s for late stores…");
            await Task.Delay(settle);
            var stored = await StoredAsync(client, tag);

            // Changes: a note on each incident stored, all at the same moment.
            var numbers = stored.Values.Take(changes).ToList();
            var changeStart = Stopwatch.GetTimestamp();
            var notes = await Task.WhenAll(numbers.Select((n, i) =>
                SendAsync(client, slack, Team, $"INC-{n} note Burst observation {i}", $"change-{i}", changeStart)));
            await Task.Delay(TimeSpan.FromSeconds(2)); // let the notes' background work report its charges too

            Print(declares, within, acks, outcomes, storedSoon, stored, settle, notes, charges);
            return outcomes.All(o => o.Kind is Answer.NumberInAck or Answer.NumberLater) && stored.Count == declares ? 0 : 1;
        }
        finally
        {
            try
            {
                await bot.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                // Hangfire's server is sometimes disposed twice on the way out; the figures are already printed.
            }
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    private enum Answer
    {
        NumberInAck,
        NumberLater,
        NumberTooLate,
        NoNumber,
        Failed,
    }

    private sealed record Ack(double Ms, int Status, string Text);

    private sealed record Outcome(Answer Kind, double NumberAfterMs);

    private static Outcome Classify(Ack ack, (long At, string Body)? later, long start, TimeSpan within)
    {
        if (ack.Status != 200)
            return new(Answer.Failed, double.NaN);
        if (IncidentKey().IsMatch(ack.Text))
            return new(ack.Ms <= within.TotalMilliseconds ? Answer.NumberInAck : Answer.NumberTooLate, ack.Ms);
        if (later is { } message && IncidentKey().IsMatch(message.Body))
        {
            var ms = Stopwatch.GetElapsedTime(start, message.At).TotalMilliseconds;
            return new(ms <= within.TotalMilliseconds ? Answer.NumberLater : Answer.NumberTooLate, ms);
        }
        return new(Answer.NoNumber, double.NaN);
    }

    private static async Task<Ack> SendAsync(HttpClient client, SlackRecorder slack, string team, string text, string name, long start)
    {
        var body = $"team_id={team}&user_id=U0BURST&channel_id=C0BURST&command=%2Fincident&text={Uri.EscapeDataString(text)}"
            + $"&trigger_id={Guid.NewGuid():N}&response_url={Uri.EscapeDataString(slack.ResponseUrl(name))}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/commands", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        request.Headers.Add(BurstBot.RequestHeader, name);
        try
        {
            using var response = await client.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            return new Ack(Stopwatch.GetElapsedTime(start).TotalMilliseconds, (int)response.StatusCode, (string?)JsonNode.Parse(answer)?["text"] ?? answer);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new Ack(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 0, e.GetType().Name);
        }
    }

    /// <summary>The burst's incidents the API lists (title marker → number).</summary>
    private static async Task<Dictionary<string, int>> StoredAsync(HttpClient client, string tag)
    {
        var listed = await client.GetFromJsonAsync<JsonArray>(new Uri($"/api/incidents?workspace={Team}&limit=500", UriKind.Relative)) ?? [];
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        var numbers = new HashSet<int>();
        foreach (var incident in listed)
        {
            var title = (string?)incident?["title"] ?? "";
            var number = (int?)incident?["number"] ?? 0;
            if (!title.Contains("burst" + tag, StringComparison.Ordinal))
                continue;
            if (!stored.TryAdd(title, number) || !numbers.Add(number))
                Console.WriteLine($"  stored twice: {title} (INC-{number})");
        }
        return stored;
    }

    private static void Print(int declares, TimeSpan within, Ack[] acks, List<Outcome> outcomes, Dictionary<string, int> storedSoon,
        Dictionary<string, int> stored, TimeSpan settle, Ack[] notes, RequestCharges charges)
    {
        int Count(Answer kind) => outcomes.Count(o => o.Kind == kind);
        var ackMs = acks.Select(a => a.Ms).ToArray();
        var numbers = stored.Values.Order().ToList();
        var gaps = numbers.Count == 0 ? 0 : numbers[^1] - numbers[0] + 1 - numbers.Count;
        Console.WriteLine();
        Console.WriteLine(RoundReport.Invariant($"| declares at once | answered with number ≤ {within.TotalSeconds:0} s | in the answer | later (response_url / message) | number too late | no number | failed (HTTP) | answer p50 / p99 / max ms | stored after {within.TotalSeconds:0} s | stored after +{settle.TotalSeconds:0} s | number gaps |"));
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
        Console.WriteLine(RoundReport.Invariant(
            $"| {declares} | **{Count(Answer.NumberInAck) + Count(Answer.NumberLater)}** | {Count(Answer.NumberInAck)} | {Count(Answer.NumberLater)} | {Count(Answer.NumberTooLate)} | {Count(Answer.NoNumber)} | {Count(Answer.Failed)} | {RoundResult.Percentile(ackMs, 50):F0} / {RoundResult.Percentile(ackMs, 99):F0} / {RoundResult.Percentile(ackMs, 100):F0} | {storedSoon.Count} | {stored.Count} | {gaps} |"));
        foreach (var text in acks.Where(a => !IncidentKey().IsMatch(a.Text)).Select(a => Shorten(a.Text)).Distinct().Take(3))
            Console.WriteLine($"  answer without a number: {text}");

        Console.WriteLine();
        Console.WriteLine("Request units as the SDK reported them (the test server charges a flat 1 RU a call, so RU here count calls; on Azure the same counter carries the real charge):");
        Console.WriteLine();
        Console.WriteLine("| what | requests | RU per request (mean) | min | max | store calls per request | calls by operation (mean per request) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        RequestCharges.Bucket? Declare(int i) => charges.Requests.TryGetValue($"declare-{i}", out var bucket) ? bucket : null;
        PrintBuckets("declare, all (while the person waits)", [.. Enumerable.Range(0, declares).Select(Declare).OfType<RequestCharges.Bucket>()]);
        PrintBuckets("declare answered with its number", [.. Enumerable.Range(0, declares).Where(i => outcomes[i].Kind == Answer.NumberInAck).Select(Declare).OfType<RequestCharges.Bucket>()]);
        PrintBuckets("declare answered without (spooled, failed)", [.. Enumerable.Range(0, declares).Where(i => outcomes[i].Kind != Answer.NumberInAck).Select(Declare).OfType<RequestCharges.Bucket>()]);
        PrintBuckets("change: note (while the person waits)", charges.Requests.Values.Where(b => b.Name.StartsWith("change-", StringComparison.Ordinal)).ToList());
        var background = charges.Background;
        Console.WriteLine(RoundReport.Invariant(
            $"| background jobs, whole run (channels, timers, spool) | — | {background.Charge:F1} in all ({background.Charge / Math.Max(1, declares):F1} per declare) | | | {background.Calls} calls | {Operations(background, 1)} |"));
        Console.WriteLine();
        Console.WriteLine($"Notes answered: {notes.Count(n => n.Status == 200)} of {notes.Length}; machine: {Environment.ProcessorCount} cores, load average after {LoadAverage()}.");
    }

    private static void PrintBuckets(string what, List<RequestCharges.Bucket> buckets)
    {
        if (buckets.Count == 0)
        {
            Console.WriteLine($"| {what} | 0 | — | | | | |");
            return;
        }
        var merged = new RequestCharges.Bucket(what);
        foreach (var bucket in buckets)
        {
            foreach (var (operation, (calls, charge)) in bucket.Operations)
            {
                for (var c = 0; c < calls; c++)
                    merged.Add(operation, charge / calls);
            }
        }
        Console.WriteLine(RoundReport.Invariant(
            $"| {what} | {buckets.Count} | {buckets.Average(b => b.Charge):F2} | {buckets.Min(b => b.Charge):F1} | {buckets.Max(b => b.Charge):F1} | {buckets.Average(b => b.Calls):F2} | {Operations(merged, buckets.Count)} |"));
    }

    private static string Operations(RequestCharges.Bucket bucket, int per) =>
        string.Join(", ", bucket.Operations.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => RoundReport.Invariant($"{o.Key} {o.Value.Calls / (double)per:0.##}")));

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    [GeneratedRegex(@"INC-\d+")]
    private static partial Regex IncidentKey();
}
