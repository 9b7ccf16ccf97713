using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// Sends a reminder at most once per key, across runs, restarts and instances: claim the key
/// on the document (ETag), send, record the message id (ETag, re-applied on a conflict).
/// Only a run that dies between claiming and recording leaves a claim without a send; after
/// <see cref="ClaimTimeout"/> the next run takes it over and sends, so a crash delays a
/// reminder and never loses it (at worst it sends it twice, if the crash came after the send).
/// </summary>
public sealed class ReminderDelivery(DocumentWriter writer, TimeProvider clock, ILogger<ReminderDelivery> logger)
{
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
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var request = await writer.Documents.ReadAsync<T>(workspace, id, cancellationToken);
            if (request is null)
                return WorkOutcome.Done; // expired, or never stored
            var due = ReminderPlan.Due([planned(request.Value)], request.Value.Deliveries, clock.GetUtcNow());
            if (due is null)
                return WorkOutcome.Done;
            var outcome = await DeliverAsync(request, due, ct => send(request.Value, ct), cancellationToken);
            switch (outcome.Status)
            {
                case DeliveryStatus.Changed:
                    continue;
                case DeliveryStatus.Busy:
                    return WorkOutcome.RunAgain(outcome.RetryAt!.Value);
            }
            return WorkOutcome.Done;
        }
        return WorkOutcome.RunAgain(clock.GetUtcNow());
    }

    /// <param name="send">Sends the reminder and returns the platform's message id, if any.</param>
    public async Task<DeliveryOutcome<T>> DeliverAsync<T>(
        Versioned<T> document, DueReminders due, Func<CancellationToken, Task<string?>> send, CancellationToken cancellationToken)
        where T : class, IRemindable<T>
    {
        var key = due.Latest.Key;
        var workspace = document.Value.Workspace();
        var now = clock.GetUtcNow();
        var existing = document.Value.Deliveries.FirstOrDefault(d => d.Key == key);
        if (existing?.SentAt is not null)
            return new(DeliveryStatus.AlreadySent, document);
        if (existing is not null && now - existing.ClaimedAt < ClaimTimeout)
            return new(DeliveryStatus.Busy, document, existing.ClaimedAt + ClaimTimeout);

        var superseded = due.Superseded.Select(s => new SentReminder
        {
            Key = s.Key, PlannedAt = s.At, ClaimedAt = now, SentAt = null, IsSkipped = true,
        });
        var claim = new SentReminder { Key = key, PlannedAt = due.Latest.At, ClaimedAt = now };
        var keys = due.Superseded.Select(s => s.Key).Append(key).ToHashSet(StringComparer.Ordinal);
        var claimed = document.Value.WithDeliveries(Prune([.. document.Value.Deliveries.Where(d => !keys.Contains(d.Key)), .. superseded, claim]));
        Versioned<T> current;
        try
        {
            current = new(claimed, await writer.Documents.ReplaceAsync(claimed, document.ETag, cancellationToken));
        }
        catch (DocumentConflictException)
        {
            return new(DeliveryStatus.Changed, null);
        }

        string? messageId;
        try
        {
            messageId = await send(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.SendFailed(current.Value.Id, workspace, key);
            // Let the retry of the job send it at once instead of waiting out the claim.
            await ChangeAsync(current, d => d.WithDeliveries([.. d.Deliveries.Where(x => x.Key != key || x.SentAt is not null)]), cancellationToken);
            throw;
        }

        var sentAt = clock.GetUtcNow();
        var recorded = await ChangeAsync(current, d => d.WithDeliveries(Prune([
            .. d.Deliveries.Where(x => x.Key != key),
            claim with { SentAt = sentAt, MessageId = messageId },
        ])), cancellationToken);
        logger.ReminderSent(current.Value.Id, workspace, key, due.Superseded.Count);
        return new(DeliveryStatus.Sent, recorded);
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
        var committed = await writer.WriteAsync(document.Value.WorkspaceId, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync(document.Value.Id, document, token);
            if (current is null)
                return null;
            var changed = change(current.Value);
            attempt.Batch.Replace(changed, current.ETag);
            alongside?.Invoke(attempt, changed);
            return changed;
        }, cancellationToken);
        return committed.Value is { } value ? committed.Versioned(value) : null;
    }

    private static List<SentReminder> Prune(List<SentReminder> deliveries) =>
        deliveries.Count <= KeepDeliveries
            ? deliveries
            : [.. deliveries.OrderByDescending(d => d.PlannedAt).Take(KeepDeliveries).OrderBy(d => d.PlannedAt)];
}
