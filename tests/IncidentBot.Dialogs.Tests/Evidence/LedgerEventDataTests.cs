using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Tests.Evidence;

/// <summary>An entry's facts are written in a buffer each thread keeps: one event's facts never leak into the next one's.</summary>
public sealed class LedgerEventDataTests
{
    [Fact]
    public void The_facts_of_a_small_event_after_a_very_large_one_are_its_own()
    {
        var large = Event(1, new string('ब', 100_000));
        var small = Event(2, "joined");

        var first = LedgerAppender.Data(large, declared: null);
        var second = LedgerAppender.Data(small, declared: null);

        Assert.Equal(100_000, first.GetProperty("text").GetString()!.Length);
        Assert.Equal("joined", second.GetProperty("text").GetString());
        Assert.Equal(small.Id, second.GetProperty("event").GetString());
        Assert.Equal(["event", "text"], second.EnumerateObject().Select(p => p.Name));
        // The first element is a copy of its own, not a view of the buffer the second was written in.
        Assert.Equal(large.Id, first.GetProperty("event").GetString());
    }

    private static TimelineEvent Event(int sequence, string text) => new()
    {
        Id = TimelineEvent.IdFor(7, sequence),
        WorkspaceId = "T0LEDGER",
        IncidentNumber = 7,
        At = new DateTimeOffset(2026, 3, 1, 9, 0, sequence, TimeSpan.Zero),
        Kind = TimelineKind.Note,
        Text = text,
    };
}
