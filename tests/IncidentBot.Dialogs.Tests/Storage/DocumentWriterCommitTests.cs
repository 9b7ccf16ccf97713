using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Tests.Platform;

namespace IncidentBot.Dialogs.Tests.Storage;

/// <summary>A batch written without reads has nothing to decide again: its conflict is the caller's answer.</summary>
public sealed class DocumentWriterCommitTests
{
    private readonly InMemoryDocumentStore _store = new();

    [Fact]
    public async Task A_batch_that_conflicts_throws_the_conflict_at_once()
    {
        var writer = new DocumentWriter(_store);
        await writer.CommitAsync(Batch(), default);

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(() => writer.CommitAsync(Batch(), default));

        Assert.Equal("notice-1", conflict.DocumentId);
        Assert.True(conflict.AlreadyExists);
    }

    private static DocumentBatch Batch() =>
        new DocumentBatch("T0WORKSPACE").Create(new Notice { Id = "notice-1", WorkspaceId = "T0WORKSPACE" });
}
