using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// Incidents and their timelines over the document store: numbering without gaps or reuse,
/// optimistic concurrency with bounded re-application of a change, and the timeline
/// event written for every change.
/// </summary>
public sealed class IncidentStore(IDocumentStore documents)
{
    /// <summary>How often a change is re-read and re-applied when someone else changed the incident first.</summary>
    public const int MaxConflictRetries = 8;

    private const int MaxNumberAttempts = 500;

    private readonly ConcurrentDictionary<string, NumberLane> _numbering = new(StringComparer.Ordinal);
    private readonly IncidentLanes _lanes = new();

    /// <summary>Stores a new incident under the next free number, with its "declared" event.</summary>
    /// <remarks>
    /// Declares of one workspace take their number one at a time within this process, so
    /// concurrent declares no longer collide on a number and retry (under load most of them
    /// did: a failed create and an exception each). Another process on the same store is still
    /// kept apart by the create's conflict, as before. A number is only remembered as taken once
    /// its incident is stored, so a failed declare leaves no gap.
    /// </remarks>
    public async Task<Transition> DeclareAsync(Incident draft, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var lane = _numbering.GetOrAdd(draft.WorkspaceId, _ => new NumberLane());
        Transition declared;
        await lane.Gate.WaitAsync(cancellationToken);
        try
        {
            var counter = await documents.ReadAsync<IncidentCounter>(draft.WorkspaceId, IncidentCounter.DocumentId, cancellationToken);
            var number = Math.Max(lane.Next, counter?.Value.Next ?? 1);
            for (var attempt = 0; ; attempt++)
            {
                declared = IncidentLifecycle.Declare(draft with { Number = number }, at);
                try
                {
                    await documents.CreateAsync(declared.Incident, cancellationToken);
                    break;
                }
                catch (DocumentConflictException e) when (e.AlreadyExists && attempt < MaxNumberAttempts)
                {
                    number++; // another process took this number first (or the counter lags): try the next one
                }
            }
            lane.Next = number + 1;
            // Still in the lane, so the counter read above is current unless another process moved it.
            await AdvanceCounterAsync(draft.WorkspaceId, number, counter, cancellationToken);
        }
        finally
        {
            lane.Gate.Release();
        }
        await documents.UpsertAsync(declared.Event, cancellationToken);
        return declared;
    }

    public async Task<Versioned<Incident>?> FindAsync(string workspaceId, IncidentNumber number, CancellationToken cancellationToken) =>
        await documents.ReadAsync<Incident>(workspaceId, number.DocumentId, cancellationToken);

    public async Task<Versioned<Incident>?> FindByChannelAsync(string workspaceId, ChannelId channel, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, Incident.DocumentType).WhereEquals("channel", channel).Take(1);
        await foreach (var found in documents.QueryAsync<Incident>(query, cancellationToken))
            return found;
        return null;
    }

    /// <summary>
    /// Applies a change with optimistic concurrency. When someone else changed the incident
    /// first, the change is re-applied to the fresh record (which may now refuse it).
    /// <paramref name="known"/>, the incident as the caller read it a moment ago, saves the
    /// first read; if it is stale the ETag refuses it and the loop reads the fresh record.
    /// </summary>
    public async Task<Result<Transition>> UpdateAsync(
        string workspaceId,
        IncidentNumber number,
        Func<Incident, Result<Transition>> change,
        CancellationToken cancellationToken,
        Versioned<Incident>? known = null)
    {
        using var lane = await _lanes.EnterAsync(workspaceId, number.Value, cancellationToken);
        if (known is not null && known.Value.Version < _lanes.LastStoredVersion(workspaceId, number.Value))
            known = null; // changed by this process while we waited: read it again rather than fail the write
        for (var attempt = 0; ; attempt++)
        {
            var current = attempt == 0 && known is not null ? known : await FindAsync(workspaceId, number, cancellationToken);
            if (current is null)
                return UserError.NotFound(number.Key);
            var transition = change(current.Value);
            if (!transition.IsSuccess)
                return transition;
            try
            {
                await documents.ReplaceAsync(transition.Value.Incident, current.ETag, cancellationToken);
            }
            catch (DocumentConflictException) when (attempt < MaxConflictRetries)
            {
                continue;
            }
            catch (DocumentConflictException)
            {
                return new UserError("busy", $"{number.Key} is being changed by several people at once; nothing was changed. Please try again.");
            }
            _lanes.Stored(workspaceId, number.Value, transition.Value.Incident.Version);
            // The version is ours alone now, so the event id derived from it is too.
            await documents.UpsertAsync(transition.Value.Event, cancellationToken);
            return transition;
        }
    }

    /// <summary>Records an event that does not change the incident itself (a page, a clock), idempotent by id.</summary>
    public Task RecordAsync(TimelineEvent timelineEvent, CancellationToken cancellationToken) =>
        documents.UpsertAsync(timelineEvent, cancellationToken);

    public async IAsyncEnumerable<Incident> ListAsync(
        string workspaceId, IncidentFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, Incident.DocumentType).OrderedBy("number", descending: true).Take(filter.Limit);
        if (filter.OpenOnly)
            query = query.WhereEquals("isOpen", true);
        if (filter.Status is { } status)
            query = query.WhereEquals("status", status);
        if (filter.Severity is { } severity)
            query = query.WhereEquals("severity", severity);
        if (filter.Source is { } source)
            query = query.WhereEquals("source", source);
        if (filter.Market is { } market)
            query = query.Where("markets", FilterOperator.ArrayContains, market);
        if (filter.Language is { } language)
            query = query.Where("languages", FilterOperator.ArrayContains, language);
        await foreach (var found in documents.QueryAsync<Incident>(query, cancellationToken))
            yield return found.Value;
    }

    /// <summary>The timeline in the order things happened.</summary>
    public async IAsyncEnumerable<TimelineEvent> TimelineAsync(
        string workspaceId, IncidentNumber number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, TimelineEvent.DocumentType)
            .WhereEquals("incidentNumber", number.Value)
            .OrderedBy("at");
        await foreach (var found in documents.QueryAsync<TimelineEvent>(query, cancellationToken))
            yield return found.Value;
    }

    /// <summary>Events produced by changes after <paramref name="afterVersion"/>, oldest first.</summary>
    public async IAsyncEnumerable<TimelineEvent> ChangesSinceAsync(
        string workspaceId, IncidentNumber number, int afterVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, TimelineEvent.DocumentType)
            .WhereEquals("incidentNumber", number.Value)
            .Where("version", FilterOperator.GreaterThan, afterVersion)
            .OrderedBy("version");
        await foreach (var found in documents.QueryAsync<TimelineEvent>(query, cancellationToken))
            yield return found.Value;
    }

    /// <param name="known">The counter as read before the number was taken: tried first, re-read only if someone moved it.</param>
    private async Task AdvanceCounterAsync(string workspaceId, int taken, Versioned<IncidentCounter>? known, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var counter = attempt == 0 ? known : await documents.ReadAsync<IncidentCounter>(workspaceId, IncidentCounter.DocumentId, cancellationToken);
            if (counter is not null && counter.Value.Next > taken)
                return;
            var next = new IncidentCounter { WorkspaceId = workspaceId, Next = taken + 1 };
            try
            {
                if (counter is null)
                    await documents.CreateAsync(next, cancellationToken);
                else
                    await documents.ReplaceAsync(next, counter.ETag, cancellationToken);
                return;
            }
            catch (DocumentConflictException)
            {
                // Another declare moved it; re-read and only ever move it forward.
            }
        }
        // The counter is a hint; a lagging one costs the next declare a few create attempts, never a wrong number.
    }

    /// <summary>One workspace's numbering in this process: its gate, and the number after the last one it stored.</summary>
    private sealed class NumberLane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Next { get; set; }
    }
}
