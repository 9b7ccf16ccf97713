using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Policies;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// Starts and changes clocks: stores the clock (ETag), records the change on the timeline,
/// moves the clock's alert timer, and asks the channel job to show the new state in the summary.
/// </summary>
public sealed class ClockKeeper(
    ClockStore clocks,
    IDocumentStore documents,
    IncidentStore incidents,
    WorkQueue work,
    IncidentPolicies policies,
    TimeProvider clock)
{
    /// <summary>
    /// Starts a clock, or starts an existing one again with a corrected receipt time or window.
    /// An automatic start never touches a clock that exists.
    /// </summary>
    public async Task<Result<ClockChange>> StartAsync(
        Incident incident, string name, TimeSpan? window, DateTimeOffset? startedAt, UserId? by, bool isAutomatic, CancellationToken cancellationToken)
    {
        var definition = policies.Clocks.Find(name);
        if ((window ?? definition?.Window) is not { } length)
        {
            return new UserError("unknown_clock",
                $"`{name}` is not a clock of the policy, so give its window: `clock start {name} <duration>`. Policy clocks: {KnownNames()}.",
                ClockUsage.Start);
        }
        for (var attempt = 0; attempt < IncidentStore.MaxConflictRetries; attempt++)
        {
            var now = clock.GetUtcNow();
            var existing = await clocks.FindAsync(incident.WorkspaceId, incident.Key, name, cancellationToken);
            if (existing is not null && isAutomatic)
                return new ClockChange(existing.Value, IsRestart: false);
            var from = startedAt ?? (isAutomatic ? incident.DeclaredAt : now);
            var changed = existing is null
                ? ClockLifecycle.Start(incident, name, length, from, by, now, definition, policies.Clocks.WarningPointsOf(name), isAutomatic)
                : ClockLifecycle.Restart(existing.Value, length, from, by, now);
            if (!changed.IsSuccess)
                return changed.Error;
            try
            {
                if (existing is null)
                    await documents.CreateAsync(changed.Value, cancellationToken);
                else
                    await documents.ReplaceAsync(changed.Value, existing.ETag, cancellationToken);
            }
            catch (DocumentConflictException)
            {
                continue;
            }
            await RecordAsync(incident, changed.Value, TimelineKind.ClockStarted, $"g{changed.Value.Generation}-start", by, now,
                ClockMessages.StartedRecord(changed.Value, incident), cancellationToken);
            await ScheduleAsync(incident, changed.Value, cancellationToken);
            return new ClockChange(changed.Value, IsRestart: existing is not null);
        }
        return Busy(name);
    }

    /// <summary>Applies a lifecycle change to the named clock with optimistic concurrency.</summary>
    public async Task<Result<ClockChange>> ChangeAsync(
        Incident incident, string name, Func<Clock, DateTimeOffset, Result<Clock>> change, TimelineKind kind, UserId by, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < IncidentStore.MaxConflictRetries; attempt++)
        {
            var now = clock.GetUtcNow();
            var existing = await clocks.FindAsync(incident.WorkspaceId, incident.Key, name, cancellationToken);
            if (existing is null)
                return await UnknownAsync(incident, name, cancellationToken);
            var changed = change(existing.Value, now);
            if (!changed.IsSuccess)
                return changed.Error;
            try
            {
                await documents.ReplaceAsync(changed.Value, existing.ETag, cancellationToken);
            }
            catch (DocumentConflictException)
            {
                continue;
            }
            var suffix = kind switch
            {
                TimelineKind.ClockPaused => $"g{changed.Value.Generation}-pause{changed.Value.Pauses.Count}",
                TimelineKind.ClockResumed => $"g{changed.Value.Generation}-resume{changed.Value.Pauses.Count}",
                _ => $"g{changed.Value.Generation}-met",
            };
            await RecordAsync(incident, changed.Value, kind, suffix, by, now, ClockMessages.ChangeRecord(changed.Value, kind, now), cancellationToken);
            await ScheduleAsync(incident, changed.Value, cancellationToken);
            return new ClockChange(changed.Value, IsRestart: false);
        }
        return Busy(name);
    }

    /// <summary>Sets the alert timer to the clock's next alert (or removes it), and refreshes the summary.</summary>
    public async Task ScheduleAsync(Incident incident, Clock changed, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceId(incident.WorkspaceId);
        var next = changed.MetAt is null && !changed.IsPaused
            ? ReminderPlan.Next(changed.Alerts(), changed.Deliveries, clock.GetUtcNow())
            : null;
        if (next is { } due)
            await work.RequestAsync(workspace, ClockAlerts.WorkKind, changed.Id, due, cancellationToken);
        else
            await work.CancelAsync(workspace, ClockAlerts.WorkKind, changed.Id, cancellationToken);
        await work.RequestAsync(workspace, IncidentChannelSync.WorkKind, incident.Id, null, cancellationToken);
    }

    public async Task<UserError> UnknownAsync(Incident incident, string name, CancellationToken cancellationToken)
    {
        var existing = await clocks.ListAsync(incident.WorkspaceId, incident.Key, cancellationToken);
        var known = existing.Count == 0
            ? $"{incident.Key.Key} has no clocks yet; start one with `clock start {name} <duration>`."
            : $"Its clocks: {string.Join(", ", existing.Select(c => $"`{c.Value.Name}`"))}.";
        return new UserError("unknown_clock", $"There is no clock `{name}` on {incident.Key.Key}. {known}");
    }

    public Task RecordAsync(Incident incident, Clock changed, TimelineKind kind, string suffix, UserId? by, DateTimeOffset at, string text, CancellationToken cancellationToken) =>
        incidents.RecordAsync(new TimelineEvent
        {
            Id = TimelineEvent.IdFor(incident.Number, $"clock-{changed.Name}-{suffix}"),
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            At = at,
            Actor = by,
            Kind = kind,
            Text = text,
            To = changed.Name,
        }, cancellationToken);

    private string KnownNames() =>
        policies.Clocks.Definitions.Count == 0
            ? "none"
            : string.Join(", ", policies.Clocks.Definitions.Values.Select(d => $"`{d.Name}` ({DurationText.Format(d.Window)})"));

    private static UserError Busy(string name) =>
        new("busy", $"Clock `{name}` is being changed by several people at once; nothing was changed. Please try again.");
}
