using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Policies;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;
using System.Globalization;

namespace IncidentBot.Dialogs.StatusUpdates;

/// <summary>
/// Reminds the channel, mentioning the lead, when an open incident went a whole cadence
/// (per severity) without a status update (work kind <c>status-update</c>, target the incident).
/// Measured from the last <c>update</c> or the declaration, and again every cadence while
/// none comes; the cadence is the current severity's, so raising the severity brings the
/// next reminder forward. It stops once the incident is mitigated, resolved or over.
/// </summary>
public sealed class StatusUpdateReminderWork(
    IncidentStore incidents,
    IDocumentStore documents,
    ChatPlatforms platforms,
    ReminderDelivery delivery,
    IncidentPolicies policies,
    TimeProvider clock,
    ILogger<StatusUpdateReminderWork> logger) : IWorkHandler
{
    public const string WorkKind = "status-update";

    public string Kind => WorkKind;

    /// <summary>The reminders an incident is due, from its last update on; empty when it needs none.</summary>
    public static IEnumerable<PlannedReminder> Plan(Incident incident, StatusUpdatePolicy policy)
    {
        if (incident.Status is not (IncidentStatus.Declared or IncidentStatus.Investigating) || policy.CadenceOf(incident.Severity) is not { } cadence)
            yield break;
        var since = incident.LastStatusUpdateAt ?? incident.DeclaredAt;
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{since.UtcTicks}-{(long)cadence.TotalMinutes}m");
        for (var n = 1; ; n++)
            yield return new PlannedReminder(string.Create(CultureInfo.InvariantCulture, $"{prefix}-r{n}"), since + cadence * n);
    }

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return WorkOutcome.Done;
        for (var attempt = 0; attempt < DocumentWriter.MaxAttempts; attempt++)
        {
            var found = await incidents.FindAsync(workspace.Value, number, cancellationToken);
            if (found is null)
                return WorkOutcome.Done;
            var incident = found.Value;
            var plan = Plan(incident, policies.StatusUpdates);
            var timer = await LoadAsync(incident, cancellationToken);
            var now = clock.GetUtcNow();
            var due = ReminderPlan.Due(plan, timer.Value.Deliveries, now);
            if (due is null)
                return Next(plan, timer.Value, now);
            if (incident.Channel is not { } channel)
            {
                logger.WaitingForChannel(incident.Number, workspace.Value, WorkKind);
                return WorkOutcome.RunAgain(now + TimeSpan.FromSeconds(15));
            }
            var since = incident.LastStatusUpdateAt ?? incident.DeclaredAt;
            var outcome = await delivery.DeliverAsync(timer, due, async ct =>
            {
                var message = Reminder(incident, now - since, incident.LastStatusUpdateAt is not null);
                var posted = await platforms.Get(incident.Platform).PostAsync(workspace, channel, message, ct);
                return posted.MessageId;
            }, cancellationToken);
            switch (outcome.Status)
            {
                case DeliveryStatus.Changed:
                    continue;
                case DeliveryStatus.Busy:
                    return WorkOutcome.RunAgain(outcome.RetryAt!.Value);
            }
            return Next(plan, (outcome.Document ?? timer).Value, clock.GetUtcNow());
        }
        return WorkOutcome.RunAgain(clock.GetUtcNow());
    }

    public static ChatMessage Reminder(Incident incident, TimeSpan silence, bool hadUpdate)
    {
        var who = incident.Roles.Lead is { } lead
            ? $"{lead.Mention}, please post one with `update <what changed>`."
            : $"{incident.Reporter.Mention}: nobody leads this incident yet; take it with `lead me` and post an update with `update <what changed>`.";
        var what = hadUpdate ? "since the last status update" : "since it was declared, and no status update yet";
        return ChatMessage.Plain($"⏱️ *{incident.Key.Key}* ({incident.Severity.Label()}): {ChatText.Duration(silence)} {what}. {who}");
    }

    private async Task<Versioned<StatusUpdateTimer>> LoadAsync(Incident incident, CancellationToken cancellationToken)
    {
        var id = StatusUpdateTimer.IdFor(incident.Number);
        if (await documents.ReadAsync<StatusUpdateTimer>(incident.WorkspaceId, id, cancellationToken) is { } existing)
            return existing;
        var fresh = new StatusUpdateTimer { WorkspaceId = incident.WorkspaceId, IncidentNumber = incident.Number };
        try
        {
            return new(fresh, await documents.CreateAsync(fresh, cancellationToken));
        }
        catch (DocumentConflictException)
        {
            return await documents.ReadAsync<StatusUpdateTimer>(incident.WorkspaceId, id, cancellationToken)
                ?? throw new InvalidOperationException($"Timer {id} vanished while being created.");
        }
    }

    private static WorkOutcome Next(IEnumerable<PlannedReminder> plan, StatusUpdateTimer timer, DateTimeOffset now) =>
        ReminderPlan.Next(plan, timer.Deliveries, now) is { } next ? WorkOutcome.RunAgain(next) : WorkOutcome.Done;
}
