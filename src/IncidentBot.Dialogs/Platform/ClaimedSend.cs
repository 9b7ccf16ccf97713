using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Claim, send, record — the one shape of every send that must go out once across runs and
/// instances (issue 12 item 4). <c>claim</c> reads and decides, as a <see cref="DocumentWriter"/>
/// unit: it puts its claim into the attempt's batch (an ETag'd replace or a create) and returns
/// <see cref="SendClaim.Claimed{T}"/>, or returns <see cref="SendClaim.NotClaimed{T}"/> (sent
/// before, another run holds it, nothing due). A lost race re-runs <c>claim</c> on fresh reads,
/// capped at <see cref="DocumentWriter.MaxAttempts"/>. Once the claim is stored, <c>send</c> runs;
/// on success <c>record</c> stores what was sent, on failure <c>release</c> gives the claim back
/// so the next try sends at once (and the failure is rethrown). Both are read–decide–write units
/// too: on their first try they see the claim as this run committed it.
/// </summary>
public sealed class ClaimedSend(DocumentWriter writer)
{
    public async Task<ClaimedSendResult<TClaim, TRecorded>> RunAsync<TClaim, TSent, TRecorded>(
        string workspaceId,
        Func<WriteAttempt, CancellationToken, Task<SendClaim<TClaim>>> claim,
        Func<TClaim, CancellationToken, Task<TSent>> send,
        Func<WriteAttempt, Committed<TClaim>, TSent, CancellationToken, Task<TRecorded>> record,
        Func<WriteAttempt, Committed<TClaim>, CancellationToken, Task> release,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(release);
        Committed<SendClaim<TClaim>> decided;
        try
        {
            decided = await writer.WriteAsync(workspaceId, claim, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // Lost the race MaxAttempts times in a row: the caller looks again later rather than fail the run.
            return ClaimedSendResult<TClaim, TRecorded>.Contended;
        }
        if (!decided.Value.IsClaimed)
            return ClaimedSendResult<TClaim, TRecorded>.NotClaimed(decided.Value.Value);

        var claimed = new Committed<TClaim>(decided.Value.Value, decided.Result);
        TSent sent;
        try
        {
            sent = await send(claimed.Value, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing was sent: give the claim back so the retry sends at once instead of waiting out the claim.
            await writer.WriteAsync(workspaceId, async (attempt, token) =>
            {
                await release(attempt, claimed, token);
                return true;
            }, CancellationToken.None);
            throw;
        }
        var recorded = await writer.WriteAsync(workspaceId, (attempt, token) => record(attempt, claimed, sent, token), cancellationToken);
        return ClaimedSendResult<TClaim, TRecorded>.Sent(claimed.Value, recorded);
    }
}
