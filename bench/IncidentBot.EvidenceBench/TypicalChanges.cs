using System.Text.Json;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.EvidenceBench;

/// <summary>The changes a busy incident records, in rotation: what each ledger entry of the benchmark holds.</summary>
internal static class TypicalChanges
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 13, 21, 12, 345, TimeSpan.Zero);

    private static readonly (string Kind, JsonElement Data)[] Changes =
    [
        ("declared", Json(new { incident = 101, title = "Trending challenge – “blackout” (नेपाल)", severity = "sev1", markets = new[] { "IN", "NP" }, languages = new[] { "ne", "bho" } })),
        ("status.changed", Json(new { from = "investigating", to = "mitigated" })),
        ("note.added", Json(new { text = "Removal order actioned; 37 URLs down. Escalated to Legal.", restricted = false })),
        ("page.sent", Json(new { pageId = "page-101-3", rotation = "ts-south-asia", level = 1 })),
        ("page.acknowledged", Json(new { pageId = "page-101-3", secondsToAcknowledge = 41.5 })),
        ("clock.met", Json(new { clock = "in-takedown-order", window = "PT3H", remainingSeconds = 1234.25 })),
    ];

    /// <summary>A moment after the last of <paramref name="count"/> entries.</summary>
    public static DateTimeOffset ExportedAt(int count) => Start.AddMilliseconds(1700L * count).AddHours(1);

    public static LedgerEntry Next(LedgerHead head, int i)
    {
        var (kind, data) = Changes[i % Changes.Length];
        return LedgerChain.Next(head, Start.AddMilliseconds(1700L * i), i % 5 == 0 ? "system" : "slack:U0123ABCD", kind, data);
    }

    /// <summary>The ledger of one incident, made as it is read, so nothing but the head is held.</summary>
    public static async IAsyncEnumerable<LedgerEntry> StreamAsync(int count, Action<int>? everyThousand = null)
    {
        var head = LedgerHead.Empty;
        for (var i = 0; i < count; i++)
        {
            var entry = Next(head, i);
            head = entry.Head;
            if (i % 1000 == 0)
            {
                everyThousand?.Invoke(i);
                await Task.Yield(); // as a store's pages would
            }
            yield return entry;
        }
    }

    /// <summary>Today's write for the same note: the timeline event document the store keeps.</summary>
    public static TimelineEvent TimelineNote() => new()
    {
        Id = TimelineEvent.IdFor(101, 42),
        WorkspaceId = "T0123ABCD",
        IncidentNumber = 101,
        At = Start,
        Actor = new UserId("U0123ABCD"),
        Kind = TimelineKind.Note,
        Version = 42,
        Text = "Removal order actioned; 37 URLs down. Escalated to Legal.",
    };

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);
}
