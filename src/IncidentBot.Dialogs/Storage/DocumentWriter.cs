using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Retention;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// Read–decide–write with the conflict retry, the one way the domain changes stored documents:
/// <c>decide</c> reads what it needs through the <see cref="WriteAttempt"/>, puts every write of
/// the change into its batch, and returns its result; the batch is committed as one unit. When
/// someone else changed a document first (an ETag, an id taken), the attempt is thrown away and
/// <c>decide</c> runs again on fresh reads, up to <see cref="MaxAttempts"/> times. A delivery
/// being handled (<see cref="DeliveryScope"/>) joins the first unit committed in its workspace,
/// so the claim and the change it protects are stored together or not at all. Every timeline
/// event a unit creates or upserts appends its incident's evidence ledger in the same batch
/// (<see cref="LedgerAppender"/>).
/// </summary>
public sealed class DocumentWriter(IDocumentStore documents)
{
    public const int MaxAttempts = 16;

    private readonly LedgerHeads _ledgerHeads = new();

    public IDocumentStore Documents => documents;

    /// <returns>What <paramref name="decide"/> returned on the attempt that committed, and the committed ETags.</returns>
    /// <exception cref="DocumentConflictException">Still conflicting after <see cref="MaxAttempts"/>, or on a document marked final.</exception>
    public Task<Committed<T>> WriteAsync<T>(
        WorkspaceId workspace, Func<WriteAttempt, CancellationToken, Task<T>> decide, CancellationToken cancellationToken) =>
        WriteAsync(workspace.Value, decide, carriesDelivery: true, retriesConflicts: true, cancellationToken);

    /// <inheritdoc cref="WriteAsync{T}(WorkspaceId, Func{WriteAttempt, CancellationToken, Task{T}}, CancellationToken)"/>
    public Task<Committed<T>> WriteAsync<T>(
        string workspaceId, Func<WriteAttempt, CancellationToken, Task<T>> decide, CancellationToken cancellationToken) =>
        WriteAsync(workspaceId, decide, carriesDelivery: true, retriesConflicts: true, cancellationToken);

    /// <summary>
    /// The same for a record that handling a delivery only touches on the way (who a Teams sender is,
    /// a restricted room's members): it never carries the delivery's claim, which belongs with the
    /// change the delivery asked for.
    /// </summary>
    /// <inheritdoc cref="WriteAsync{T}(WorkspaceId, Func{WriteAttempt, CancellationToken, Task{T}}, CancellationToken)"/>
    public Task<Committed<T>> WriteIncidentalAsync<T>(
        WorkspaceId workspace, Func<WriteAttempt, CancellationToken, Task<T>> decide, CancellationToken cancellationToken) =>
        WriteAsync(workspace.Value, decide, carriesDelivery: false, retriesConflicts: true, cancellationToken);

    private async Task<Committed<T>> WriteAsync<T>(
        string workspaceId, Func<WriteAttempt, CancellationToken, Task<T>> decide, bool carriesDelivery, bool retriesConflicts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var number = 1; ; number++)
        {
            var attempt = new WriteAttempt(documents, workspaceId, number);
            var value = await decide(attempt, cancellationToken);
            if (attempt.Batch.IsEmpty)
                return new Committed<T>(value, BatchResult.Empty);
            // Every timeline event the unit writes gets its ledger entry in the same batch (issue 15).
            var movedTips = await LedgerAppender.AppendAsync(attempt, _ledgerHeads, cancellationToken);
            // An incident under a legal hold keeps its expiring documents.
            await HeldDocuments.KeepAsync(attempt, cancellationToken);
            var claim = carriesDelivery ? DeliveryScope.Current?.TakeFor(workspaceId, attempt.Batch) : null;
            try
            {
                BatchResult result;
                try
                {
                    result = await documents.CommitAsync(attempt.Batch, cancellationToken);
                }
                catch
                {
                    _ledgerHeads.Failed(workspaceId, movedTips);
                    throw;
                }
                _ledgerHeads.Committed(workspaceId, movedTips, firstTry: number == 1);
                claim?.Committed();
                // Stored: what follows (scheduling jobs) must not make the caller think the change failed.
                await attempt.RunAfterCommitAsync(CancellationToken.None);
                return new Committed<T>(value, result);
            }
            catch (DocumentConflictException e) when (retriesConflicts && number < MaxAttempts && !attempt.Batch.IsFinal(e.DocumentId))
            {
                claim?.Returned();
            }
            catch (Exception) when (claim is not null && !claim.IsCommitted)
            {
                claim.Returned();
                throw;
            }
        }
    }

    /// <summary>A write that needs no read: committed once, or its conflict thrown (there is nothing to re-read and decide again).</summary>
    public Task<Committed<bool>> CommitAsync(DocumentBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return WriteAsync(batch.WorkspaceId, (attempt, _) =>
        {
            attempt.Adopt(batch);
            return Task.FromResult(true);
        }, carriesDelivery: true, retriesConflicts: false, cancellationToken);
    }
}
