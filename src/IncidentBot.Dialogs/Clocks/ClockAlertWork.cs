using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Telemetry;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// The clock's timer (work kind <c>clock</c>, target the clock's id): at each warning point and
/// at breach, a message in the incident's own channel mentioning the lead (a restricted
/// incident's channel is private, and nothing goes anywhere else); at the last warning point
/// and at breach the lead is paged too, once per clock generation and point. Clock alerts are
/// urgent: never held back for working hours.
/// </summary>
public sealed class ClockAlertWork(
    ClockStore clocks,
    IncidentStore incidents,
    ChatPlatforms platforms,
    IPersonPager pager,
    ReminderDelivery delivery,
    ClockKeeper keeper,
    TimeProvider clock,
    IncidentMetrics metrics,
    ILogger<ClockAlertWork> logger) : IWorkHandler
{
    public const string WorkKind = "clock";

    /// <summary>How long to wait for the channel job to open the channel before posting.</summary>
    public static readonly TimeSpan ChannelWait = TimeSpan.FromSeconds(15);

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < DocumentWriter.MaxAttempts; attempt++)
        {
            var stored = await clocks.FindAsync(workspace, targetId, cancellationToken);
            if (stored is null || stored.Value.MetAt is not null || stored.Value.IsPaused)
                return WorkOutcome.Done; // met, paused or gone since this was scheduled: the change moved the timer
            var found = await incidents.FindAsync(workspace, new IncidentNumber(stored.Value.IncidentNumber), cancellationToken);
            if (found is null || found.Value.Status is IncidentStatus.Cancelled)
                return WorkOutcome.Done;
            var incident = found.Value;
            var now = clock.GetUtcNow();
            var due = ReminderPlan.Due(stored.Value.Alerts(), stored.Value.Deliveries, now);
            if (due is null)
                return Next(stored.Value, now);
            if (incident.Channel is not { } channel)
            {
                logger.WaitingForChannel(incident.Number, workspace, WorkKind);
                return WorkOutcome.RunAgain(now + ChannelWait);
            }

            var outcome = await delivery.DeliverAsync(stored, due, ct => AlertAsync(incident, channel, stored.Value, due.Latest, now, ct), cancellationToken);
            switch (outcome.Status)
            {
                case DeliveryStatus.Changed:
                    continue; // someone paused, met or restarted it meanwhile: decide again on the fresh clock
                case DeliveryStatus.Busy:
                    return WorkOutcome.RunAgain(outcome.RetryAt!.Value);
            }
            var current = outcome.Document ?? stored;
            if (due.Latest.Key == current.Value.BreachKey && current.Value.BreachedAt is null)
            {
                var breached = await delivery.ChangeAsync(current, ClockLifecycle.RecordBreach, cancellationToken, (unit, changed) =>
                {
                    unit.Batch.Upsert(ClockKeeper.Record(incident, changed, TimelineKind.ClockBreached, $"g{changed.Generation}-breach", null, now,
                        ClockMessages.ChangeRecord(changed, TimelineKind.ClockBreached, now)));
                    keeper.AddSchedule(unit, incident, changed);
                });
                if (breached is not null)
                {
                    current = breached;
                    logger.ClockBreached(current.Value.Name, incident.Number, workspace);
                }
            }
            return Next(current.Value, clock.GetUtcNow());
        }
        return WorkOutcome.RunAgain(clock.GetUtcNow());
    }

    private async Task<string?> AlertAsync(
        Incident incident, ChannelId channel, Clock stored, PlannedReminder alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workspace = incident.Workspace();
        var isBreach = alert.Key == stored.BreachKey;
        var pages = isBreach || stored.IsLastWarning(alert.Key);
        // No lead yet: the person who declared it is the one who knows most.
        var lead = incident.Roles.Lead;
        // An incident the intake opened has nobody behind it until someone leads: the routing's pages are its people.
        if (pages && (lead ?? incident.Reporter) is { IsIntake: false } person)
        {
            await pager.PagePersonAsync(incident, person, ClockMessages.PageReason(stored, isBreach, now),
                $"clock-{stored.Name}-{alert.Key}", cancellationToken);
        }
        var point = stored.WarningPoints.FirstOrDefault(p => stored.WarningKey(p) == alert.Key);
        var message = isBreach ? ClockMessages.Breach(stored, lead) : ClockMessages.Warning(stored, point, now, lead, pages);
        var posted = await platforms.Get(incident.Platform).PostAsync(workspace, channel, message, cancellationToken);
        logger.ClockAlerted(stored.Name, alert.Key, incident.Number, workspace, pages);
        metrics.ClockAlerted(incident.Workspace(), isBreach);
        return posted.MessageId;
    }

    private static WorkOutcome Next(Clock clock, DateTimeOffset now) =>
        ReminderPlan.Next(clock.Alerts(), clock.Deliveries, now) is { } next ? WorkOutcome.RunAgain(next) : WorkOutcome.Done;
}
