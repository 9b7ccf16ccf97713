using System.Buffers;
using System.Text.Json;
using IncidentBot.Dialogs.Evidence;

namespace IncidentBot.Dialogs.Tests.Evidence;

/// <summary>A ledger of an incident's typical changes, chained as the store would chain them.</summary>
internal static class LedgerBuilder
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 13, 21, 12, 345, TimeSpan.Zero);

    public static List<LedgerEntry> Build(int count)
    {
        var entries = new List<LedgerEntry>(count);
        var head = LedgerHead.Empty;
        for (var i = 0; i < count; i++)
        {
            var entry = LedgerChain.Next(head, Start.AddSeconds(7 * i), Actor(i), Kind(i), Data(i));
            entries.Add(entry);
            head = entry.Head;
        }
        return entries;
    }

    public static async IAsyncEnumerable<LedgerEntry> Stream(IEnumerable<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            await Task.Yield();
            yield return entry;
        }
    }

    public static byte[] Lines(IEnumerable<LedgerEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var entry in entries)
            LedgerLine.Write(entry, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static List<byte[]> LinesOf(byte[] jsonLines)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < jsonLines.Length; i++)
        {
            if (jsonLines[i] == '\n')
            {
                lines.Add(jsonLines[start..i]);
                start = i + 1;
            }
        }
        return lines;
    }

    public static byte[] Join(IEnumerable<byte[]> lines) => [.. lines.SelectMany(line => line.Append((byte)'\n'))];

    public static JsonElement Object(object value) => JsonSerializer.SerializeToElement(value);

    private static string Actor(int i) => i % 5 == 0 ? "system" : $"slack:U{1000 + (i % 7)}";

    private static string Kind(int i) => (i % 6) switch
    {
        0 => "declared",
        1 => "status.changed",
        2 => "note.added",
        3 => "page.sent",
        4 => "page.acknowledged",
        _ => "clock.met",
    };

    private static JsonElement Data(int i) => (i % 6) switch
    {
        0 => Object(new { incident = 100 + i, title = "Trending challenge – “blackout” (नेपाल)", severity = "sev1", markets = new[] { "IN", "NP" }, languages = new[] { "ne", "bho" } }),
        1 => Object(new { from = "investigating", to = "mitigated" }),
        2 => Object(new { text = $"Removal order {i} actioned; 37 URLs down.\nEscalated to Legal.", restricted = false }),
        3 => Object(new { pageId = $"page-{i}", rotation = "ts-south-asia", level = i % 3 }),
        4 => Object(new { pageId = $"page-{i - 1}", secondsToAcknowledge = 41.5 }),
        _ => Object(new { clock = "in-takedown-order", window = "PT3H", remainingSeconds = 1234.25 }),
    };
}
