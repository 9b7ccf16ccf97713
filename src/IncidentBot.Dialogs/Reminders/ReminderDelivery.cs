using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// Sends a reminder at most once per key, across runs, restarts and instances, as a
/// <see cref="ClaimedSend"/>: claim the key on the document (ETag), send, record the message id
/// (ETag, re-applied on a conflict); a failed send gives the claim back. Only a run that dies
/// between claiming and recording leaves a claim without a send; after <see cref="ClaimTimeout"/>
/// the next run takes it over and sends, so a crash delays a reminder and never loses it (at
/// worst it sends it twice, if the crash came after the send).
/// </summary>
public sealed class ReminderDelivery(DocumentWriter writer, TimeProvider clock, ILogger<ReminderDelivery> logger)
{
    private readonly ClaimedSend _sends = new(writer);

    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How many delivery records a document keeps (the newest by plan time).</summary>
    public const int KeepDeliveries = 24;

    /// <summary>
    /// Sends the one message of a stored one-time request (a chart to share, an evidence package to
    /// send) once: read again after a lost race, and tried again later while another run holds the claim.
    /// </summary>
    public async Task<WorkOutcome> DeliverOnceAsync<T>(
        WorkspaceId workspace, string id, Func<T, PlannedReminder> planned, Func<T, CancellationToken, Task<string?>> send,
        CancellationToken cancellationToken)
        where T : class, IRemindable<T>
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(send);
        var outcome = await DeliverAsync<T>(workspace.Value, async (attempt, token) =>
        {
            var request = await attempt.ReadAsync<T>(id, token);
            if (request is null)
                return ReminderTurn<T>.Answered(WorkOutcome.Done); // expired, or never stored
            var due = ReminderPlan.Due([planned(request.Value)], request.Value.Deliveries, clock.GetUtcNow());
            return due is null
                ? ReminderTurn<T>.Answered(WorkOutcome.Done)
                : ReminderTurn<T>.Deliver(request, due, ct => send(request.Value, ct));
        }, cancellationToken);
        return outcome.Status switch
        {
            DeliveryStatus.Busy => WorkOutcome.RunAgain(outcome.RetryAt!.Value),
            DeliveryStatus.Contended => WorkOutcome.RunAgain(clock.GetUtcNow()),
            _ => WorkOutcome.Done,
        };
    }

    /// <summary>
    /// Looks (<paramref name="find"/>, on fresh reads each try) and sends the latest due reminder once.
    /// When the claim loses a race, <paramref name="find"/> runs again: the document, the incident,
    /// what is due may all have changed.
    /// </summary>
    public async Task<DeliveryOutcome<T>> DeliverAsync<T>(
        string workspaceId, Func<WriteAttempt, CancellationToken, Task<ReminderTurn<T>>> find, CancellationToken cancellationToken)
        where T : class, IRemindable<T>
    {
        ArgumentNullException.ThrowIfNull(find);
        var result = await _sends.RunAsync(
            workspaceId,
            async (attempt, token) => Claim(attempt, await find(attempt, token)),
            (claim, token) => claim.Turn.Send!(token),
            async (attempt, claimed, messageId, token) =>
            {
                var entry = claimed.Value.Entry!;
                var sentAt = clock.GetUtcNow();
                return await ChangeAsync(attempt, claimed.Versioned(claimed.Value.Claimed!), d => d.WithDeliveries(Prune([
                    .. d.Deliveries.Where(x => x.Key != entry.Key),
                    entry with { SentAt = sentAt, MessageId = messageId },
                ])), token);
            },
            async (attempt, claimed, token) =>
            {
                var (document, key) = (claimed.Value.Claimed!, claimed.Value.Entry!.Key);
                var workspace = document.Workspace();
                logger.SendFailed(document.Id, workspace, key);
                await ChangeAsync(attempt, claimed.Versioned(claimed.Value.Claimed!),
                    d => d.WithDeliveries([.. d.Deliveries.Where(x => x.Key != key || x.SentAt is not null)]), token);
            },
            cancellationToken);
        switch (result.Status)
        {
            case ClaimedSendStatus.Contended:
                return new(DeliveryStatus.Contended, null);
            case ClaimedSendStatus.NotClaimed:
                return result.Claim!.Skipped!;
        }
        var sent = result.Claim!;
        var document = sent.Claimed!;
        var workspace = document.Workspace();
        logger.ReminderSent(document.Id, workspace, sent.Entry!.Key, sent.Turn.Due!.Superseded.Count);
        var recorded = result.Recorded!;
        return new(DeliveryStatus.Sent, recorded.Value is { } value ? recorded.Versioned(value) : null);
    }

    /// <summary>The claim of the due reminder's key (and the superseded ones, recorded as skipped), or why there is none.</summary>
    private SendClaim<ReminderClaim<T>> Claim<T>(WriteAttempt attempt, ReminderTurn<T> turn)
        where T : class, IRemindable<T>
    {
        if (turn.Answer is { } answer)
            return SendClaim.NotClaimed(ReminderClaim<T>.Skip(turn, new(DeliveryStatus.Answered, null, Answer: answer)));
        var (document, due) = (turn.Document!, turn.Due!);
        var key = due.Latest.Key;
        var now = clock.GetUtcNow();
        var existing = document.Value.Deliveries.FirstOrDefault(d => d.Key == key);
        if (existing?.SentAt is not null)
            return SendClaim.NotClaimed(ReminderClaim<T>.Skip(turn, new(DeliveryStatus.AlreadySent, document)));
        if (existing is not null && now - existing.ClaimedAt < ClaimTimeout)
            return SendClaim.NotClaimed(ReminderClaim<T>.Skip(turn, new(DeliveryStatus.Busy, document, existing.ClaimedAt + ClaimTimeout)));

        var superseded = due.Superseded.Select(s => new SentReminder
        {
            Key = s.Key, PlannedAt = s.At, ClaimedAt = now, SentAt = null, IsSkipped = true,
        });
        var entry = new SentReminder { Key = key, PlannedAt = due.Latest.At, ClaimedAt = now };
        var keys = due.Superseded.Select(s => s.Key).Append(key).ToHashSet(StringComparer.Ordinal);
        var claimed = document.Value.WithDeliveries(Prune([.. document.Value.Deliveries.Where(d => !keys.Contains(d.Key)), .. superseded, entry]));
        attempt.Batch.Replace(claimed, document.ETag);
        return SendClaim.Claimed(new ReminderClaim<T>(turn, null, claimed, entry));
    }

    /// <summary>
    /// Replaces with the ETag, with whatever <paramref name="alongside"/> adds in the same unit; on a
    /// conflict re-reads and re-applies the change to the fresh document.
    /// </summary>
    /// <returns>The changed document, or null if it is gone.</returns>
    public async Task<Versioned<T>?> ChangeAsync<T>(
        Versioned<T> document, Func<T, T> change, CancellationToken cancellationToken, Action<WriteAttempt, T>? alongside = null)
        where T : class, IDocument
    {
        ArgumentNullException.ThrowIfNull(document);
        var committed = await writer.WriteAsync(document.Value.WorkspaceId,
            (attempt, token) => ChangeAsync(attempt, document, change, token, alongside), cancellationToken);
        return committed.Value is { } value ? committed.Versioned(value) : null;
    }

    /// <summary>One try of <see cref="ChangeAsync{T}(Versioned{T}, Func{T, T}, CancellationToken, Action{WriteAttempt, T}?)"/>: the changed document, or null if it is gone.</summary>
    private static async Task<T?> ChangeAsync<T>(
        WriteAttempt attempt, Versioned<T> document, Func<T, T> change, CancellationToken cancellationToken, Action<WriteAttempt, T>? alongside = null)
        where T : class, IDocument
    {
        var current = await attempt.ReadAsync(document.Value.Id, document, cancellationToken);
        if (current is null)
            return null;
        var changed = change(current.Value);
        attempt.Batch.Replace(changed, current.ETag);
        alongside?.Invoke(attempt, changed);
        return changed;
    }

    private static List<SentReminder> Prune(List<SentReminder> deliveries) =>
        deliveries.Count <= KeepDeliveries
            ? deliveries
            : [.. deliveries.OrderByDescending(d => d.PlannedAt).Take(KeepDeliveries).OrderBy(d => d.PlannedAt)];
}
