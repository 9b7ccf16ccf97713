using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Telemetry;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Incidents and their timelines over the document store: numbering without gaps or reuse, and
/// every change as one unit — the incident with its ETag, the timeline event that records it and
/// whatever the caller adds alongside (work items, a receipt, a delivery claim) — re-applied to
/// the fresh record when someone else changed it first.
/// </summary>
public sealed class IncidentStore(DocumentWriter writer, IncidentMetrics? metrics = null)
{
    private readonly IDocumentStore documents = writer.Documents;
    private readonly ConcurrentDictionary<string, NumberLane> _numbering = new(StringComparer.Ordinal);
    private readonly IncidentLanes _lanes = new();

    /// <summary>
    /// Stores a new incident under the next number in one unit: the counter moved on with its
    /// ETag, the incident <c>inc-n</c> created, its "declared" event, the receipt of the delivery
    /// that declared it (if any) and what <paramref name="alongside"/> adds. Another declare that
    /// took the number first makes the unit conflict and take the next one; nothing is half-stored,
    /// so a number is never skipped.
    /// </summary>
    /// <remarks>
    /// Declares of one workspace take their numbers one at a time within this process, and the lane
    /// remembers the counter it stored, so a declare is one write and no read. Other processes on
    /// the same store are kept apart by the counter's ETag. On a store that writes in the order it is
    /// handed units (<see cref="DocumentBatch.WhenOrdered"/>), the next declare goes ahead as soon as
    /// this one's unit has its place, with the counter it will store, rather than once it is stored:
    /// if this unit then fails, the next one's counter ETag no longer matches and it takes the number
    /// again, so none is skipped.
    /// </remarks>
    /// <returns>The declaration, or the incident an earlier delivery with the same receipt declared.</returns>
    public async Task<Result<DeclareOutcome>> DeclareAsync(
        Incident draft, DateTimeOffset at, DeclareReceipt? receipt, Action<WriteAttempt, Transition>? alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        using var activity = IncidentTelemetry.Source.StartActivity("DeclareIncident");
        activity?.SetTag(IncidentTelemetry.WorkspaceId, draft.WorkspaceId);
        activity?.SetTag(IncidentTelemetry.Platform, draft.Platform.Value);
        activity?.SetTag(IncidentTelemetry.Severity, draft.Severity.ToString());
        var lane = _numbering.GetOrAdd(draft.WorkspaceId, _ => new NumberLane());
        await lane.Gate.WaitAsync(cancellationToken);
        var letGo = 0;
        void LetGo()
        {
            if (Interlocked.Exchange(ref letGo, 1) == 0)
                lane.Gate.Release();
        }
        try
        {
            var tried = 0;
            var committed = await writer.WriteAsync(draft.WorkspaceId, async (attempt, token) =>
            {
                // A retry after letting the next declare go ahead takes its turn in the lane again.
                if (attempt.IsRetry && Volatile.Read(ref letGo) == 1)
                {
                    await lane.Gate.WaitAsync(token);
                    Volatile.Write(ref letGo, 0);
                }
                var counter = attempt.IsRetry || lane.Counter is null
                    ? await attempt.ReadAsync<IncidentCounter>(IncidentCounter.DocumentId, token)
                    : lane.Counter;
                var number = counter?.Value.Next ?? 1;
                // After a conflict, never a number that is taken: the counter may lag behind an incident numbered without it.
                // (The conflict may also have been only the counter's ETag, when the unit ordered before this one failed.)
                if (attempt.IsRetry && number <= tried && await attempt.ReadAsync<Incident>(new IncidentNumber(tried).DocumentId, token) is not null)
                    number = tried + 1;
                tried = number;
                var declared = IncidentLifecycle.Declare(draft with { Number = number, DeclareReceiptId = receipt?.Id }, at);
                var next = new IncidentCounter { WorkspaceId = draft.WorkspaceId, Next = number + 1 };
                if (receipt is not null)
                    attempt.Batch.Create(receipt with { IncidentNumber = number, ClaimedAt = at }, isFinal: true);
                attempt.Batch.Save(next, counter?.ETag);
                attempt.Batch.Create(declared.Incident);
                attempt.Batch.Create(declared.Event);
                alongside?.Invoke(attempt, declared);
                attempt.Batch.WhenOrdered(etags =>
                {
                    lane.Counter = etags.Versioned(next);
                    LetGo();
                });
                return (declared, next);
            }, cancellationToken);
            // Once let go, the lane's counter may already be a later declare's.
            if (Volatile.Read(ref letGo) == 0)
                lane.Counter = committed.Versioned(committed.Value.next);
            var incident = committed.Value.declared.Incident;
            _lanes.Stored(incident.WorkspaceId, incident.Number, incident.Version, committed.Versioned(incident));
            activity?.SetTag(IncidentTelemetry.IncidentNumber, incident.Number);
            metrics?.Declared(incident);
            return new DeclareOutcome(incident, IsRepeat: false);
        }
        catch (DocumentConflictException e) when (receipt is not null && e.DocumentId == receipt.Id)
        {
            lane.Counter = null;
            activity?.SetTag(IncidentTelemetry.Outcome, "repeat");
            return await DeclaredByAsync(draft.Workspace(), receipt.Id, cancellationToken);
        }
        catch
        {
            lane.Counter = null; // unknown now: read it again next time
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            LetGo();
        }
    }

    /// <summary>The incident a receipt (a delivery key) declared, found by the receipt or, once it expired, by the incident's record of it.</summary>
    public async Task<Result<DeclareOutcome>> DeclaredByAsync(WorkspaceId workspaceId, string receiptId, CancellationToken cancellationToken)
    {
        var found = await documents.ReadAsync<DeclareReceipt>(workspaceId, receiptId, cancellationToken);
        if (found?.Value.IncidentNumber is { } number && await FindAsync(workspaceId, new IncidentNumber(number), cancellationToken) is { } existing)
            return new DeclareOutcome(existing.Value, IsRepeat: true);
        if (await FindByReceiptAsync(workspaceId, receiptId, cancellationToken) is { } declared)
            return new DeclareOutcome(declared.Value, IsRepeat: true);
        // A receipt without a number was claimed by a bot before declares were one unit, and that declare did not finish.
        return new UserError("in_progress", "This incident is already being declared; it will show up in a moment.");
    }

    /// <summary>The incident declared by a delivery, by the receipt id it keeps (receipts expire; incidents do not).</summary>
    public async Task<Versioned<Incident>?> FindByReceiptAsync(WorkspaceId workspaceId, string receiptId, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, Incident.DocumentType).WhereEquals(Incident.Paths.DeclareReceiptId, receiptId).Take(1);
        await foreach (var found in documents.QueryAsync<Incident>(query, cancellationToken))
            return found;
        return null;
    }

    public async Task<Versioned<Incident>?> FindAsync(WorkspaceId workspaceId, IncidentNumber number, CancellationToken cancellationToken) =>
        await documents.ReadAsync<Incident>(workspaceId, number.DocumentId, cancellationToken);

    /// <summary>
    /// The open incident as this process last stored it, without a read; otherwise (none kept, or kept
    /// closed: it may have been reopened elsewhere) as stored. The copy may be stale if another process
    /// changed the incident since; pass it as <c>known</c> to <see cref="UpdateManyAsync"/>, whose ETag then
    /// refuses it and whose retry reads the stored one.
    /// </summary>
    public async Task<Versioned<Incident>?> FindOpenRecentAsync(WorkspaceId workspaceId, IncidentNumber number, CancellationToken cancellationToken) =>
        _lanes.LastStored(workspaceId.Value, number.Value) is { Value.IsOpen: true } copy
            ? copy
            : await FindAsync(workspaceId, number, cancellationToken);

    public async Task<Versioned<Incident>?> FindByChannelAsync(WorkspaceId workspaceId, ChannelId channel, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, Incident.DocumentType).WhereEquals(Incident.Paths.Channel, channel).Take(1);
        await foreach (var found in documents.QueryAsync<Incident>(query, cancellationToken))
            return found;
        return null;
    }

    /// <summary>
    /// Applies a change as one unit with optimistic concurrency: the incident replaced with the
    /// ETag it was read with, the change's timeline event (its id derives from the new version, so
    /// only one writer can create it) and what <paramref name="alongside"/> adds. When someone else
    /// changed the incident first, the change is re-applied to the fresh record (which may now
    /// refuse it). <paramref name="known"/>, the incident as the caller read it a moment ago, saves
    /// the first read; if it is stale the ETag refuses it and the retry reads the fresh record.
    /// </summary>
    public Task<Result<Transition>> UpdateAsync(
        string workspaceId,
        IncidentNumber number,
        Func<Incident, Result<Transition>> change,
        CancellationToken cancellationToken,
        Versioned<Incident>? known = null,
        Action<WriteAttempt, Transition>? alongside = null) =>
        UpdateAsync(workspaceId, number, change, alongside is null ? null : (attempt, transition, _) =>
        {
            alongside(attempt, transition);
            return Task.CompletedTask;
        }, cancellationToken, known);

    /// <summary>
    /// <see cref="UpdateAsync(string, IncidentNumber, Func{Incident, Result{Transition}}, CancellationToken, Versioned{Incident}?, Action{WriteAttempt, Transition}?)"/>
    /// for writes that depend on documents read in the same attempt (<paramref name="alongside"/> reads
    /// through the attempt, so a retry after a conflict reads them afresh).
    /// </summary>
    public async Task<Result<Transition>> UpdateAsync(
        string workspaceId,
        IncidentNumber number,
        Func<Incident, Result<Transition>> change,
        Func<WriteAttempt, Transition, CancellationToken, Task>? alongside,
        CancellationToken cancellationToken,
        Versioned<Incident>? known = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            var updated = await UpdateManyAsync(workspaceId, number,
                incident => change(incident).Map<IReadOnlyList<Transition>>(transition => [transition]),
                alongside is null ? null : (attempt, transitions, token) => alongside(attempt, transitions[0], token),
                cancellationToken, known);
            return updated.Map(transitions => transitions[0]);
        }
        catch (DocumentConflictException e) when (DeliveryScope.Current?.IsRepeat(e) != true)
        {
            return new UserError("busy", $"{number.Key} is being changed by several people at once; nothing was changed. Please try again.");
        }
    }

    /// <summary>
    /// Several changes of one incident as one unit: <paramref name="changes"/> returns them in order,
    /// each on the incident as the one before left it (its own version and timeline event), and the
    /// incident is replaced once, with the ETag it was read with. Reports joining in a storm are
    /// written this way, a group at a time, instead of one incident write (and look-up of the ledger's last entry) each.
    /// </summary>
    /// <exception cref="DocumentConflictException">Still conflicting after the writer's retries, or on a document marked final.</exception>
    public async Task<Result<IReadOnlyList<Transition>>> UpdateManyAsync(
        string workspaceId,
        IncidentNumber number,
        Func<Incident, Result<IReadOnlyList<Transition>>> changes,
        Func<WriteAttempt, IReadOnlyList<Transition>, CancellationToken, Task>? alongside,
        CancellationToken cancellationToken,
        Versioned<Incident>? known = null)
    {
        var committed = await UpdateManyCommittedAsync(workspaceId, number, changes, alongside, known, cancellationToken);
        return committed.Value;
    }

    /// <summary>
    /// One change as <see cref="UpdateAsync(string, IncidentNumber, Func{Incident, Result{Transition}}, Func{WriteAttempt, Transition, CancellationToken, Task}?, CancellationToken, Versioned{Incident}?)"/>,
    /// answering also the ETags the unit left, for a caller that goes on writing a document it stored alongside.
    /// </summary>
    /// <exception cref="DocumentConflictException">Still conflicting after the writer's retries.</exception>
    public async Task<Committed<Result<Transition>>> UpdateCommittedAsync(
        string workspaceId,
        IncidentNumber number,
        Func<Incident, Result<Transition>> change,
        Func<WriteAttempt, Transition, CancellationToken, Task> alongside,
        CancellationToken cancellationToken,
        Versioned<Incident>? known = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(alongside);
        var committed = await UpdateManyCommittedAsync(workspaceId, number,
            incident => change(incident).Map<IReadOnlyList<Transition>>(transition => [transition]),
            (attempt, transitions, token) => alongside(attempt, transitions[0], token),
            known, cancellationToken);
        return new(committed.Value.Map(transitions => transitions[0]), committed.Result);
    }

    private async Task<Committed<Result<IReadOnlyList<Transition>>>> UpdateManyCommittedAsync(
        string workspaceId,
        IncidentNumber number,
        Func<Incident, Result<IReadOnlyList<Transition>>> changes,
        Func<WriteAttempt, IReadOnlyList<Transition>, CancellationToken, Task>? alongside,
        Versioned<Incident>? known,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var lane = await _lanes.EnterAsync(workspaceId, number.Value, cancellationToken);
        if (known is not null && known.Value.Version < _lanes.LastStoredVersion(workspaceId, number.Value))
            known = null; // changed by this process while we waited: read it again rather than fail the write
        var firstTry = false;
        Committed<Result<IReadOnlyList<Transition>>> committed;
        try
        {
            committed = await writer.WriteAsync(workspaceId, async (attempt, token) =>
            {
                firstTry = !attempt.IsRetry;
                var current = await attempt.ReadAsync(number.DocumentId, known, token);
                if (current is null)
                    return UserError.NotFound(number.Key);
                var transitions = changes(current.Value);
                if (!transitions.IsSuccess || transitions.Value.Count == 0)
                    return transitions;
                attempt.Batch.Replace(transitions.Value[^1].Incident, current.ETag);
                foreach (var transition in transitions.Value)
                    attempt.Batch.Create(transition.Event);
                if (alongside is not null)
                    await alongside(attempt, transitions.Value, token);
                return transitions;
            }, cancellationToken);
        }
        catch
        {
            _lanes.Forget(workspaceId, number.Value);
            throw;
        }
        if (committed.Value is { IsSuccess: true, Value.Count: > 0 } stored)
        {
            // A unit that had to be tried again met another writer: a copy kept now would likely be stale by the next change.
            var incident = stored.Value[^1].Incident;
            _lanes.Stored(workspaceId, number.Value, incident.Version, firstTry ? committed.Versioned(incident) : null);
        }
        else if (!committed.Value.IsSuccess)
        {
            _lanes.Forget(workspaceId, number.Value);
        }
        return committed;
    }

    /// <summary>
    /// Records an event that does not change the incident itself (a message added with a reaction),
    /// idempotent by id: a unit of its own, so its ledger entry is stored with it, once.
    /// </summary>
    public async Task RecordAsync(TimelineEvent timelineEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timelineEvent);
        await writer.WriteAsync(timelineEvent.WorkspaceId, (attempt, _) =>
        {
            attempt.Batch.Upsert(timelineEvent);
            return Task.FromResult(true);
        }, cancellationToken);
    }

    /// <summary>The list's query: every filter field narrows it, newest first (the CSV export reads the same).</summary>
    public static DocumentQuery ListQuery(string workspaceId, IncidentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new DocumentQuery(workspaceId, Incident.DocumentType).OrderedBy(Incident.Paths.Number, descending: true).Take(filter.Limit);
        if (filter.OpenOnly)
            query = query.WhereEquals(Incident.Paths.IsOpen, true);
        if (filter.Status is { } status)
            query = query.WhereEquals(Incident.Paths.Status, status);
        if (filter.Severity is { } severity)
            query = query.WhereEquals(Incident.Paths.Severity, severity);
        if (filter.Source is { } source)
            query = query.WhereEquals(Incident.Paths.Source, source);
        if (filter.Market is { } market)
            query = query.Where(Incident.Paths.Markets, FilterOperator.ArrayContains, market);
        if (filter.Language is { } language)
            query = query.Where(Incident.Paths.Languages, FilterOperator.ArrayContains, language);
        return query;
    }

    public async IAsyncEnumerable<Incident> ListAsync(
        string workspaceId, IncidentFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = ListQuery(workspaceId, filter);
        await foreach (var found in documents.QueryAsync<Incident>(query, cancellationToken))
            yield return found.Value;
    }

    /// <summary>The timeline in the order things happened.</summary>
    public async IAsyncEnumerable<TimelineEvent> TimelineAsync(
        string workspaceId, IncidentNumber number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, TimelineEvent.DocumentType)
            .WhereEquals(TimelineEvent.Paths.IncidentNumber, number.Value)
            .OrderedBy(TimelineEvent.Paths.At);
        await foreach (var found in documents.QueryAsync<TimelineEvent>(query, cancellationToken))
            yield return found.Value;
    }

    /// <summary>Events produced by changes after <paramref name="afterVersion"/>, oldest first.</summary>
    public async IAsyncEnumerable<TimelineEvent> ChangesSinceAsync(
        string workspaceId, IncidentNumber number, int afterVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, TimelineEvent.DocumentType)
            .WhereEquals(TimelineEvent.Paths.IncidentNumber, number.Value)
            .Where(TimelineEvent.Paths.Version, FilterOperator.GreaterThan, afterVersion)
            .OrderedBy(TimelineEvent.Paths.Version);
        await foreach (var found in documents.QueryAsync<TimelineEvent>(query, cancellationToken))
            yield return found.Value;
    }

    /// <summary>One workspace's numbering in this process: its gate, and the counter as this process last stored it.</summary>
    private sealed class NumberLane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Versioned<IncidentCounter>? Counter { get; set; }
    }
}
