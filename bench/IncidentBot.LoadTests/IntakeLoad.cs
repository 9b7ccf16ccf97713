using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.LoadTests;

/// <summary>
/// The <c>intake</c> workload (issue 13): reports to <c>POST /api/intake/reports</c>, one a request, as a detection
/// system sends them: 100 trends opened before the load, then 90 % of reports joining one of them and 10 % opening a
/// trend of their own — the mix of <c>bench/IncidentBot.IntakeBench</c>, with the bot as deployed (its own process and
/// runtime settings) and the sender in another process.
/// </summary>
internal static class IntakeLoad
{
    public const string Workload = "intake";
    public const string Path = "/api/intake/reports";
    public const string BatchPath = "/api/intake/reports/batch";
    public const string Key = "trending-load-key-0123456789";
    public const string WorkspaceId = "T0LOADINTAKE";
    public const int OpenTrends = 100;

    /// <summary>Requests in flight at once, as a detection system's sender pool would allow (IntakeBench's figure).</summary>
    public const int MaxInFlight = 64;

    /// <summary>The bot's settings for the workload: one trending source whose reports become the workspace's incidents.</summary>
    public static IReadOnlyDictionary<string, string> BotSettings { get; } = new Dictionary<string, string>
    {
        ["Intake__WorkspaceId"] = WorkspaceId,
        ["Intake__Platform"] = "slack",
        ["Intake__Sources__trending__Key"] = Key,
    };

    public static bool IsWorkload(string workload) => workload == Workload;

    public static string OpenTrendKey(int k) => $"#loadtrend{k}";

    /// <summary>The mix: one report in ten opens a trend of its own.</summary>
    public const int DefaultOpenEvery = 10;

    /// <summary>
    /// Report <paramref name="i"/> of a run: every <paramref name="openEvery"/>th opens a trend (none when 0), the others join one
    /// of the open trends in turn.
    /// </summary>
    public static Sent ReportFor(string run, int i, int openEvery = DefaultOpenEvery) =>
        openEvery > 0 && i % openEvery == 0 ? Report($"#loadnew{run}x{i}") : Report(OpenTrendKey((int)((uint)i * 7919u % OpenTrends)));

    public static Sent Report(string trendKey)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Body(
            Guid.NewGuid().ToString("N"), $"Children dare each other to hold their breath on camera {trendKey}", trendKey, "NP", "en"),
            BodyJson.Default.Body);
        return new Sent(body, trendKey.StartsWith("#loadnew", StringComparison.Ordinal));
    }

    /// <summary>The batch endpoint's body: the reports' own bodies as one JSON array.</summary>
    public static byte[] BatchBody(IEnumerable<Sent> reports)
    {
        using var body = new MemoryStream();
        body.WriteByte((byte)'[');
        var first = true;
        foreach (var report in reports)
        {
            if (!first)
                body.WriteByte((byte)',');
            body.Write(report.Body);
            first = false;
        }
        body.WriteByte((byte)']');
        return body.ToArray();
    }

    /// <summary>Which items of a batch's answer (<c>{"results":[{"index","status"…}]}</c>) say the report is stored (202, or 200 for a repeat).</summary>
    public static bool[] StoredItems(byte[] answer, int count)
    {
        var stored = new bool[count];
        using var document = JsonDocument.Parse(answer);
        foreach (var item in document.RootElement.GetProperty("results").EnumerateArray())
        {
            var index = item.GetProperty("index").GetInt32();
            if (index >= 0 && index < count)
                stored[index] = item.GetProperty("status").GetInt32() is 200 or 202;
        }
        return stored;
    }

    public sealed record Sent(byte[] Body, bool IsNewTrend);

    internal sealed record Body(string ExternalId, string Text, string TrendKey, string Market, string Language);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IntakeLoad.Body))]
internal sealed partial class BodyJson : JsonSerializerContext;
