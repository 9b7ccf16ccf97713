using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Storage;

public sealed class DocumentBatchTests
{
    [Fact]
    public void A_document_of_another_workspace_is_refused()
    {
        var batch = new DocumentBatch("T1");

        Assert.Throws<ArgumentException>(() => batch.Create(new IncidentCounter { WorkspaceId = "T2", Next = 1 }));
    }

    [Fact]
    public void A_document_written_twice_in_one_batch_is_refused()
    {
        var batch = new DocumentBatch("T1").Upsert(new IncidentCounter { WorkspaceId = "T1", Next = 1 });

        Assert.Throws<ArgumentException>(() => batch.Delete(IncidentCounter.DocumentId));
    }

    [Fact]
    public void A_batch_holds_at_most_what_Cosmos_DB_takes_in_one_transaction()
    {
        var batch = new DocumentBatch("T1");
        for (var i = 0; i < DocumentBatch.MaxOperations; i++)
            batch.Delete("doc-" + i);

        Assert.Throws<InvalidOperationException>(() => batch.Delete("one-too-many"));
    }

    [Fact]
    public void Each_batch_has_its_own_operation_id()
    {
        Assert.NotEqual(new DocumentBatch("T1").OperationId, new DocumentBatch("T1").OperationId);
    }

    [Fact]
    public void Only_a_document_marked_final_stops_a_retry()
    {
        var batch = new DocumentBatch("T1").Create(new IncidentCounter { WorkspaceId = "T1", Next = 1 }, isFinal: true).Delete("other");

        Assert.True(batch.IsFinal(IncidentCounter.DocumentId));
        Assert.False(batch.IsFinal("other"));
    }
}
