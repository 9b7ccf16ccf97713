using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Time;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// Starts and changes clocks, each change one unit: the clock (ETag), the change on the timeline,
/// the clock's alert timer moved, and the channel job asked to show the new state in the summary.
/// </summary>
public sealed class ClockKeeper(
    ClockStore clocks,
    DocumentWriter writer,
    WorkQueue work,
    IncidentRules rules,
    TimeProvider clock)
{
    /// <summary>
    /// Starts a clock, or starts an existing one again with a corrected receipt time or window.
    /// An automatic start never touches a clock that exists.
    /// </summary>
    public async Task<Result<ClockChange>> StartAsync(
        Incident incident, string name, TimeSpan? window, DateTimeOffset? startedAt, UserId? by, bool isAutomatic, CancellationToken cancellationToken)
    {
        var definition = rules.Clocks.Find(name);
        if ((window ?? definition?.Window) is not { } length)
        {
            return new UserError("unknown_clock",
                $"{RichText.Code(name)} is not a known clock, so give its window: {RichText.Code($"clock start {name} <duration>")}. Known clocks: {KnownNames()}.",
                ClockUsage.Start);
        }
        try
        {
            var committed = await writer.WriteAsync<Result<ClockChange>>(incident.WorkspaceId, async (attempt, token) =>
            {
                var now = clock.GetUtcNow();
                var existing = await clocks.FindAsync(incident.Workspace(), incident.Key, name, token);
                if (existing is not null && isAutomatic)
                    return new ClockChange(existing.Value, IsRestart: false);
                var from = startedAt ?? (isAutomatic ? incident.DeclaredAt : now);
                var changed = existing is null
                    ? ClockLifecycle.Start(incident, name, length, from, by, now, definition, rules.Clocks.WarningPointsOf(name), isAutomatic)
                    : ClockLifecycle.Restart(existing.Value, length, from, by, now);
                if (!changed.IsSuccess)
                    return changed.Error;
                attempt.Batch.Save(changed.Value, existing?.ETag);
                attempt.Batch.Upsert(Record(incident, changed.Value, TimelineKind.ClockStarted, $"g{changed.Value.Generation}-start", by, now,
                    ClockMessages.StartedRecord(changed.Value, incident)));
                AddSchedule(attempt, incident, changed.Value);
                return new ClockChange(changed.Value, IsRestart: existing is not null);
            }, cancellationToken);
            return committed.Value;
        }
        catch (DocumentConflictException e) when (!e.AlreadyExists || e.DocumentId.StartsWith("clock-", StringComparison.Ordinal))
        {
            return Busy(name);
        }
    }

    /// <summary>Applies a lifecycle change to the named clock with optimistic concurrency.</summary>
    public async Task<Result<ClockChange>> ChangeAsync(
        Incident incident, string name, Func<Clock, DateTimeOffset, Result<Clock>> change, TimelineKind kind, UserId by, CancellationToken cancellationToken)
    {
        try
        {
            var committed = await writer.WriteAsync<Result<ClockChange>>(incident.WorkspaceId, async (attempt, token) =>
            {
                var now = clock.GetUtcNow();
                var existing = await clocks.FindAsync(incident.Workspace(), incident.Key, name, token);
                if (existing is null)
                    return await UnknownAsync(incident, name, token);
                var changed = change(existing.Value, now);
                if (!changed.IsSuccess)
                    return changed.Error;
                var suffix = kind switch
                {
                    TimelineKind.ClockPaused => $"g{changed.Value.Generation}-pause{changed.Value.Pauses.Count}",
                    TimelineKind.ClockResumed => $"g{changed.Value.Generation}-resume{changed.Value.Pauses.Count}",
                    _ => $"g{changed.Value.Generation}-met",
                };
                attempt.Batch.Replace(changed.Value, existing.ETag);
                attempt.Batch.Upsert(Record(incident, changed.Value, kind, suffix, by, now, ClockMessages.ChangeRecord(changed.Value, kind, now)));
                AddSchedule(attempt, incident, changed.Value);
                return new ClockChange(changed.Value, IsRestart: false);
            }, cancellationToken);
            return committed.Value;
        }
        catch (DocumentConflictException e) when (!e.AlreadyExists)
        {
            return Busy(name);
        }
    }

    /// <summary>In the unit that changes the clock: its alert timer set to the next alert (or removed), and the summary refreshed.</summary>
    public void AddSchedule(WriteAttempt attempt, Incident incident, Clock changed)
    {
        var next = changed.MetAt is null && !changed.IsPaused
            ? ReminderPlan.Next(changed.Alerts(), changed.Deliveries, clock.GetUtcNow())
            : null;
        if (next is { } due)
            work.Add(attempt, new WorkRequest(ClockAlertWork.WorkKind, changed.Id, due));
        else
            WorkQueue.Remove(attempt, ClockAlertWork.WorkKind, changed.Id);
        work.Add(attempt, new WorkRequest(ChannelSyncWork.WorkKind, incident.Id));
    }

    public async Task<UserError> UnknownAsync(Incident incident, string name, CancellationToken cancellationToken)
    {
        var existing = await clocks.ListAsync(incident.Workspace(), incident.Key, cancellationToken);
        var known = existing.Count == 0
            ? RichText.Of($"{incident.Key.Key} has no clocks yet; start one with {RichText.Code($"clock start {name} <duration>")}.")
            : RichText.Of($"Its clocks: {RichText.Join(RichText.Text(", "), existing.Select(c => RichText.Code(c.Value.Name)))}.");
        return new UserError("unknown_clock", $"There is no clock {RichText.Code(name)} on {incident.Key.Key}. {known}");
    }

    /// <summary>The timeline event of a clock change; its id makes recording it twice harmless.</summary>
    public static TimelineEvent Record(Incident incident, Clock changed, TimelineKind kind, string suffix, UserId? by, DateTimeOffset at, string text) =>
        new()
        {
            Id = TimelineEvent.IdFor(incident.Number, $"clock-{changed.Name}-{suffix}"),
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            At = at,
            Actor = by,
            Kind = kind,
            Text = text,
            To = changed.Name,
        };

    private RichText KnownNames() =>
        rules.Clocks.Definitions.Count == 0
            ? RichText.Text("none")
            : RichText.Join(RichText.Text(", "), rules.Clocks.Definitions.Values.Select(d => RichText.Of($"{RichText.Code(d.Name)} ({DurationText.Format(d.Window)})")));

    private static UserError Busy(string name) =>
        new("busy", $"Clock {RichText.Code(name)} is being changed by several people at once; nothing was changed. Please try again.");
}
