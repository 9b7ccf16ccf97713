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
        Look? look = null;
        var outcome = await delivery.DeliverAsync<Clock>(workspace.Value, async (_, token) =>
        {
            var stored = await clocks.FindAsync(workspace, targetId, token);
            if (stored is null || stored.Value.MetAt is not null || stored.Value.IsPaused)
                return ReminderTurn<Clock>.Answered(WorkOutcome.Done); // met, paused or gone since this was scheduled: the change moved the timer
            var found = await incidents.FindAsync(workspace, new IncidentNumber(stored.Value.IncidentNumber), token);
            if (found is null || found.Value.Status is IncidentStatus.Cancelled)
                return ReminderTurn<Clock>.Answered(WorkOutcome.Done);
            var incident = found.Value;
            var now = clock.GetUtcNow();
            var due = ReminderPlan.Due(stored.Value.Alerts(), stored.Value.Deliveries, now);
            if (due is null)
                return ReminderTurn<Clock>.Answered(Next(stored.Value, now));
            if (incident.Channel is not { } channel)
            {
                logger.WaitingForChannel(incident.Number, workspace, WorkKind);
                return ReminderTurn<Clock>.Answered(WorkOutcome.RunAgain(now + ChannelWait));
            }
            // Kept for after the send: the look that claimed (or found it sent) is the last one made.
            look = new Look(incident, stored, due, now);
            return ReminderTurn<Clock>.Deliver(stored, due, ct => AlertAsync(incident, channel, stored.Value, due.Latest, now, ct));
        }, cancellationToken);
        switch (outcome.Status)
        {
            case DeliveryStatus.Answered:
                return outcome.Answer!;
            case DeliveryStatus.Busy:
                return WorkOutcome.RunAgain(outcome.RetryAt!.Value);
            case DeliveryStatus.Contended:
                return WorkOutcome.RunAgain(clock.GetUtcNow()); // paused, met or restarted under every try: look again
        }
        var last = look!;
        var alerted = last.Incident;
        var current = outcome.Document ?? last.Stored;
        if (last.Due.Latest.Key == current.Value.BreachKey && current.Value.BreachedAt is null)
        {
            var breached = await delivery.ChangeAsync(current, ClockLifecycle.RecordBreach, cancellationToken, (unit, changed) =>
            {
                unit.Batch.Upsert(ClockKeeper.Record(alerted, changed, TimelineKind.ClockBreached, $"g{changed.Generation}-breach", null, last.Now,
                    ClockMessages.ChangeRecord(changed, TimelineKind.ClockBreached, last.Now)));
                keeper.AddSchedule(unit, alerted, changed);
            });
            if (breached is not null)
            {
                current = breached;
                logger.ClockBreached(current.Value.Name, alerted.Number, workspace);
            }
        }
        return Next(current.Value, clock.GetUtcNow());
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

    /// <summary>What the last look found: the alert's incident, the clock as read, what was due and when.</summary>
    private sealed record Look(Incident Incident, Versioned<Clock> Stored, DueReminders Due, DateTimeOffset Now);

    private static WorkOutcome Next(Clock clock, DateTimeOffset now) =>
        ReminderPlan.Next(clock.Alerts(), clock.Deliveries, now) is { } next ? WorkOutcome.RunAgain(next) : WorkOutcome.Done;
}
