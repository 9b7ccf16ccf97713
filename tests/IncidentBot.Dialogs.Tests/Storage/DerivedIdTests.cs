using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Storage;

/// <summary>An id kept on a document once worked out follows the members it comes from, and never changes equality.</summary>
public sealed class DerivedIdTests
{
    [Fact]
    public void A_copy_with_other_members_gets_their_id_not_the_kept_one()
    {
        var report = Report("trending", "det-1");
        Assert.Equal(StoredReport.IdFor("trending", "det-1"), report.Id); // worked out and kept

        var other = report with { ExternalId = "det-2" };
        var moved = report with { Source = "partner" };

        Assert.Equal(StoredReport.IdFor("trending", "det-2"), other.Id);
        Assert.Equal(StoredReport.IdFor("partner", "det-1"), moved.Id);
        Assert.Equal(StoredReport.IdFor("trending", "det-1"), report.Id);
    }

    [Fact]
    public void A_copy_with_the_same_members_keeps_the_same_id_object()
    {
        var report = Report("trending", "det-1");
        var id = report.Id;

        Assert.Same(id, (report with { IncidentNumber = 7, IsMerged = true }).Id);
        Assert.Same(id, report.Id);
    }

    [Fact]
    public void Numbers_are_checked_too()
    {
        var entry = new LedgerEntryDocument
        {
            WorkspaceId = "T1", IncidentNumber = 3, Seq = 1, At = DateTimeOffset.UnixEpoch, Actor = "system", Kind = "declared",
            Data = System.Text.Json.JsonDocument.Parse("{}").RootElement, PrevHash = LedgerHash.Genesis, Hash = LedgerHash.Genesis,
        };
        Assert.Equal("ledger-3-000000001", entry.Id);
        Assert.Equal("ledger-3-000000002", (entry with { Seq = 2 }).Id);
        Assert.Equal("ledger-4-000000001", (entry with { IncidentNumber = 4 }).Id);
    }

    [Fact]
    public void Whether_the_id_was_worked_out_does_not_change_equality_or_hash_code()
    {
        var read = Report("trending", "det-1");
        var unread = Report("trending", "det-1");
        _ = read.Id;

        Assert.Equal(unread, read);
        Assert.Equal(unread.GetHashCode(), read.GetHashCode());
        Assert.NotEqual(read, read with { ExternalId = "det-2" });
    }

    [Fact]
    public void The_kept_id_is_not_part_of_the_stored_body()
    {
        var report = Report("trending", "det-1");
        var before = System.Text.Json.JsonSerializer.Serialize(report, DocumentJson.Options);
        _ = report.Id;

        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(report, DocumentJson.Options));
        Assert.DoesNotContain("held", before, StringComparison.OrdinalIgnoreCase);
    }

    private static StoredReport Report(string source, string externalId) => new()
    {
        WorkspaceId = "T1",
        Source = source,
        ExternalId = externalId,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        StoredAt = DateTimeOffset.UnixEpoch,
        Title = "t",
        IncidentNumber = 0,
        IsMerged = false,
        Sequence = 0,
    };
}
