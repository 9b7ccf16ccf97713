using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage.Embedded;
using IncidentBot.Testing.Fakes.Cosmos;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.TrendsBench;

/// <summary>The trends benchmark (see docs/PERFORMANCE.md, "Trends").</summary>
internal static class TrendsBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        // Usage: dotnet run -c Release -- [--incidents 100000] [--events 10] [--cosmos-incidents 5000] [--cosmos-writers 8] [--no-cosmos] [--no-embedded] [--db path] [--answers dir] [--trends-only]
        var options = Options.Parse(args);
        var report = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        Line($"# Trends benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        Line("");
        var directory = Path.Combine(Path.GetTempPath(), "incidentbot-trends-bench");
        Directory.CreateDirectory(directory);
        if (!options.SkipEmbedded)
            await MeasureEmbeddedAsync();

        if (!options.SkipCosmos)
        {
            await using var server = await CosmosTestServer.StartAsync();
            await using var bot = new TrendsBot(new Dictionary<string, string>
            {
                ["Cosmos:Endpoint"] = server.Endpoint.ToString(),
                ["Cosmos:Key"] = CosmosTestServer.Key,
                ["Cosmos:Database"] = "trends-bench",
                ["Cosmos:ConnectionMode"] = "Gateway",
                ["Cosmos:AcceptSelfSignedCertificate"] = "true",
                ["Storage:Path"] = Path.Combine(directory, "unused.db"),
                ["Spool:Path"] = Path.Combine(directory, "spool-cosmos.db"),
            });
            using var http = bot.Start();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TrendsBot.ApiKey);
            var seeded = Stopwatch.StartNew();
            var documents = bot.Services.GetRequiredService<IDocumentStore>();
            await bot.Services.GetRequiredService<WorkspaceRegistry>().EnsureAsync(new WorkspaceId(TrendsDataSet.Workspace), PlatformId.Slack, default);
            var count = 0;
            await Parallel.ForEachAsync(Enumerable.Range(1, options.CosmosIncidents), new ParallelOptions { MaxDegreeOfParallelism = options.CosmosWriters }, async (n, ct) =>
            {
                foreach (var document in TrendsDataSet.Documents(n, options.CosmosIncidents, options.Events))
                {
                    // On a saturated machine the node test server may miss the store's 5 s deadline; an upsert is safe to repeat.
                    // Fewer writers (--cosmos-writers) keep its queue short.
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await documents.UpsertAsync(document, ct);
                            break;
                        }
                        catch (StoreUnavailableException) when (attempt < 10)
                        {
                        }
                    }
                    Interlocked.Increment(ref count);
                }
            });
            Line("");
            Line($"## Cosmos DB test server ({options.CosmosIncidents:N0} incidents, {options.CosmosIncidents * options.Events:N0} timeline events, {count:N0} documents, seeded in {seeded.Elapsed.TotalSeconds:0} s), over HTTP");
            await MeasureTrendsAsync(http, "cosmos", bot.Services);
            await MeasureCsvAsync(http, options.CosmosIncidents);
            await MeasureDashboardAsync(http);
        }

        var output = Path.Combine("BenchmarkDotNet.Artifacts", "trends.md");
        Directory.CreateDirectory("BenchmarkDotNet.Artifacts");
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine($"\nWritten to {Path.GetFullPath(output)}");
        return 0;

        async Task MeasureEmbeddedAsync()
        {
            var database = options.Database ?? Path.Combine(directory, $"trends-{options.Incidents}-{options.Events}.db");
            if (!File.Exists(database))
            {
                var seeded = Stopwatch.StartNew();
                var rows = await SeedSqliteAsync(database, options.Incidents, options.Events);
                Line($"Embedded store seeded: {options.Incidents:N0} incidents, {options.Incidents * options.Events:N0} timeline events, {rows:N0} documents in {seeded.Elapsed.TotalSeconds:0} s ({new FileInfo(database).Length / 1048576.0:0} MB).");
            }
            else
            {
                Line($"Embedded store reused: {database} ({new FileInfo(database).Length / 1048576.0:0} MB).");
            }
            var opened = Stopwatch.StartNew();
            using (var store = new SqliteDocumentStore(database, TimeProvider.System, NullLogger<SqliteDocumentStore>.Instance))
                await store.InitializeAsync(default);
            // A file from an older schema is upgraded here (schema 2 builds the incident facts once from the documents).
            Line($"Embedded store opened in {opened.Elapsed.TotalSeconds:0.0} s (any schema upgrade included).");

            await using (var bot = new TrendsBot(new Dictionary<string, string> { ["Storage:Path"] = database, ["Spool:Path"] = Path.Combine(directory, "spool.db") }))
            {
                using var http = bot.Start();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TrendsBot.ApiKey);
                Line("");
                Line($"## Embedded store ({options.Incidents:N0} incidents), over HTTP on 127.0.0.1");
                await MeasureTrendsAsync(http, "embedded", bot.Services);
                if (options.TrendsOnly)
                    return;
                await MeasureChartQueriesAsync(bot.Services);
                await MeasureCsvAsync(http, options.Incidents);
                await MeasureDashboardAsync(http);
            }
        }

        async Task MeasureTrendsAsync(HttpClient http, string store, IServiceProvider services)
        {
            var from = TrendsDataSet.Start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var to = TrendsDataSet.End.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            Line("");
            Line($"`GET /api/trends` for the whole year ({store}), 5 timed requests after one warm-up:");
            Line("");
            Line("| by | incidents (total) | rows | median ms | max ms | median CPU ms | store call: median thread CPU ms |");
            Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var cut in new[] { "source", "market", "language", "severity", "regime", "week", "lead" })
            {
                var url = $"/api/trends?workspace={TrendsDataSet.Workspace}&from={from}&to={to}&by={cut}";
                var body = await GetStringAsync(http, url);
                var times = new List<double>();
                var cpu = new List<double>();
                for (var i = 0; i < 5; i++)
                {
                    // CPU time of this process (the bot runs in it) as well as wall time: on a shared, saturated
                    // machine the wall time mostly measures the queue for a core.
                    var used = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    body = await GetStringAsync(http, url);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - used).TotalMilliseconds);
                }
                cpu.Sort();
                using var json = JsonDocument.Parse(body);
                if (options.Answers is { } answers)
                {
                    // The answers themselves, to compare two builds (the timings alone say nothing about correctness).
                    Directory.CreateDirectory(answers);
                    await File.WriteAllTextAsync(Path.Combine(answers, $"trends-{store}-{cut}.json"), body);
                }
                times.Sort();
                Line($"| {cut} | {json.RootElement.GetProperty("total").GetProperty("incidents").GetInt32():N0} | {json.RootElement.GetProperty("rows").GetArrayLength()} | {times[2]:0} | {times[^1]:0} | {cpu[2]:0} | {StoreCallCpu(services, cut)} |");
            }
        }

        // The Trends page's chart queries (ITrendStore.CrossCountAsync, PageLoadAsync) called on this thread for the year:
        // the median of 5 calls after a warm-up, as thread CPU time (see StoreCallCpu) and wall time.
        async Task MeasureChartQueriesAsync(IServiceProvider services)
        {
            var store = services.GetRequiredService<ITrendStore>();
            TrendQuery Year(TrendCut cut) => new(TrendsDataSet.Workspace, TrendsDataSet.Start, TrendsDataSet.End, cut);
            var calls = new (string Name, Func<Task<object>> Call)[]
            {
                ("cross week × source", async () => await store.CrossCountAsync(Year(TrendCut.Week), TrendCut.Source, default)),
                ("cross market × source", async () => await store.CrossCountAsync(Year(TrendCut.Market), TrendCut.Source, default)),
                ("cross language × severity", async () => await store.CrossCountAsync(Year(TrendCut.Language), TrendCut.Severity, default)),
                ("cross regime × market", async () => await store.CrossCountAsync(Year(TrendCut.Regime), TrendCut.Market, default)),
                ("page load", async () => await store.PageLoadAsync(Year(TrendCut.Source), default)),
            };
            Line("");
            Line("Chart queries for the whole year (the store called on the bench's thread), 5 timed calls after one warm-up:");
            Line("");
            Line("| query | rows | median ms | max ms | median thread CPU ms |");
            Line("| --- | ---: | ---: | ---: | ---: |");
            foreach (var (name, call) in calls)
            {
                object answer = await call();
                var times = new List<double>();
                var cpu = new List<double>();
                for (var i = 0; i < 5; i++)
                {
                    var started = ThreadCpu.Now();
                    var watch = Stopwatch.StartNew();
                    answer = await call();
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    cpu.Add((ThreadCpu.Now() - started).TotalMilliseconds);
                }
                times.Sort();
                cpu.Sort();
                var rows = ((System.Collections.ICollection)answer).Count;
                if (options.Answers is { } answers)
                {
                    var file = "chart-" + Regex.Replace(name, "[^a-z]+", "-") + ".json";
                    await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(answers).FullName, file), JsonSerializer.Serialize(answer, answer.GetType()));
                }
                Line($"| {name} | {rows:N0} | {times[2]:0} | {times[^1]:0} | {cpu[2]:0} |");
            }
        }

        async Task MeasureCsvAsync(HttpClient http, int expected)
        {
            Line("");
            Line("`GET /api/incidents.csv`, every incident, streamed (managed heap sampled every 20 ms during the stream):");
            Line("");
            Line("| rows | MB | seconds | rows/s | CPU seconds | rows per CPU second | heap before MB | heap peak MB |");
            Line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var limit in new[] { expected / 10, expected })
            {
                GC.Collect();
                var before = GC.GetTotalMemory(forceFullCollection: true);
                long peak = before;
                using var sampling = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    while (!sampling.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, GC.GetTotalMemory(false));
                        try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
                    }
                });
                var used = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync($"/api/incidents.csv?workspace={TrendsDataSet.Workspace}&limit={limit}", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync();
                await using var copy = options.Answers is { } answers && limit == expected
                    ? File.Create(Path.Combine(Directory.CreateDirectory(answers).FullName, "incidents.csv"))
                    : Stream.Null;
                var buffer = new byte[81920];
                long bytes = 0, lines = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    bytes += read;
                    await copy.WriteAsync(buffer.AsMemory(0, read));
                    lines += buffer.AsSpan(0, read).Count((byte)'\n');
                }
                var seconds = watch.Elapsed.TotalSeconds;
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - used).TotalSeconds;
                await sampling.CancelAsync();
                await sampler;
                var rows = lines - 1; // the header; titles here hold no line breaks
                Line($"| {rows:N0} | {bytes / 1048576.0:0.0} | {seconds:0.00} | {rows / seconds:N0} | {cpuSeconds:0.00} | {rows / cpuSeconds:N0} | {before / 1048576.0:0} | {peak / 1048576.0:0} |");
            }
        }

        async Task MeasureDashboardAsync(HttpClient http)
        {
            var login = await http.GetStringAsync("/login");
            var token = Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = TrendsBot.ApiKey, ["__RequestVerificationToken"] = token }))
            using (var signIn = await http.PostAsync("/login", form))
            {
                if ((int)signIn.StatusCode != 302)
                    throw new InvalidOperationException($"Dashboard sign-in answered {(int)signIn.StatusCode}.");
            }
            var times = new List<double>();
            var page = await http.GetStringAsync("/dashboard");
            var cpu = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var used = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                page = await http.GetStringAsync("/dashboard");
                times.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - used).TotalMilliseconds);
            }
            times.Sort();
            cpu.Sort();
            var rows = Regex.Count(page, "data-incident=");
            Line("");
            Line($"`GET /dashboard` (open incidents, {rows} rows with their clocks), 5 timed requests after one warm-up: median {times[2]:0} ms, max {times[^1]:0} ms, median CPU {cpu[2]:0} ms.");
        }

        // The bot's own trend store called on this thread, 5 times after a warm-up: the median CPU time of this thread,
        // which on a shared, saturated machine says what the request costs better than its wall time or the process's
        // CPU. Only when the call finishes without leaving the thread (the embedded store's reads are synchronous); a
        // store that waits on I/O (Cosmos DB over HTTP) shows "—".
        static string StoreCallCpu(IServiceProvider services, string cut)
        {
            _ = TrendCutText.TryParse(cut, out var by);
            var store = services.GetRequiredService<ITrendStore>();
            var query = new TrendQuery(TrendsDataSet.Workspace, TrendsDataSet.Start, TrendsDataSet.End, by);
            var used = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                var started = ThreadCpu.Now();
                var call = store.AggregateAsync(query, default);
                if (!call.IsCompleted)
                {
                    call.GetAwaiter().GetResult();
                    return "—";
                }
                call.GetAwaiter().GetResult();
                if (i > 0)
                    used.Add((ThreadCpu.Now() - started).TotalMilliseconds);
            }
            used.Sort();
            return used[2].ToString("0", CultureInfo.InvariantCulture);
        }

        static async Task<string> GetStringAsync(HttpClient http, string url)
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {body}");
            return body;
        }

        /// <summary>Writes the documents straight into the table in the stores' JSON form, in one transaction (seeding only; the bot reads them normally).</summary>
        static async Task<long> SeedSqliteAsync(string path, int incidents, int events)
        {
            using (var store = new SqliteDocumentStore(path, TimeProvider.System, NullLogger<SqliteDocumentStore>.Instance))
            {
                await store.InitializeAsync(default);
                await store.UpsertAsync(new KnownWorkspace { Id = TrendsDataSet.Workspace, Platform = IncidentBot.Dialogs.Platform.PlatformId.Slack, FirstSeenAt = TrendsDataSet.Start }, default);
            }
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            // Schema 5: an incident's, action item's or post-mortem's number, open flag and channel are also columns, which the store fills from the body.
            insert.CommandText = """
                INSERT OR REPLACE INTO documents (workspace_id, id, type, etag, body, expires_at, number, is_open, channel)
                VALUES ($w, $id, $type, $etag, $body, NULL,
                    CASE WHEN $type IN ('incident', 'action-item', 'postmortem') THEN json_extract($body, '$.number') END,
                    CASE WHEN $type IN ('incident', 'action-item', 'postmortem') THEN json_extract($body, '$.isOpen') END,
                    CASE WHEN $type IN ('incident', 'action-item', 'postmortem') THEN json_extract($body, '$.channel') END)
                """;
            var w = insert.Parameters.Add("$w", SqliteType.Text);
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var etag = insert.Parameters.Add("$etag", SqliteType.Text);
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            long rows = 0;
            for (var n = 1; n <= incidents; n++)
            {
                foreach (var document in TrendsDataSet.Documents(n, incidents, events))
                {
                    w.Value = document.WorkspaceId;
                    id.Value = document.Id;
                    type.Value = document.Type;
                    etag.Value = "\"" + Guid.NewGuid().ToString("D") + "\"";
                    body.Value = JsonSerializer.Serialize(document, document.GetType(), DocumentJson.Options);
                    await insert.ExecuteNonQueryAsync();
                    rows++;
                }
            }
            await transaction.CommitAsync();
            return rows;
        }
    }
}

internal sealed record Options(int Incidents, int Events, int CosmosIncidents, int CosmosWriters, bool SkipCosmos, bool SkipEmbedded, string? Database, string? Answers, bool TrendsOnly)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new(Int("--incidents", 100_000), Int("--events", 10), Int("--cosmos-incidents", 5_000), Int("--cosmos-writers", 8), args.Contains("--no-cosmos"), args.Contains("--no-embedded"), Value("--db"), Value("--answers"), args.Contains("--trends-only"));
    }
}
