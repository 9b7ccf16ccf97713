using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

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
    DocumentWriter writer,
    ReminderRunner runner,
    IncidentRules rules) : IWorkHandler
{
    public const string WorkKind = "status-update";

    public string Kind => WorkKind;

    /// <summary>The reminders an incident is due, from its last update on; empty when it needs none.</summary>
    public static IEnumerable<PlannedReminder> Plan(Incident incident, StatusUpdateRules statusUpdates)
    {
        if (incident.Status is not (IncidentStatus.Declared or IncidentStatus.Investigating) || statusUpdates.CadenceOf(incident.Severity) is not { } cadence)
            yield break;
        var since = incident.LastStatusUpdateAt ?? incident.DeclaredAt;
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{since.UtcTicks}-{(long)cadence.TotalMinutes}m");
        for (var n = 1; ; n++)
            yield return new PlannedReminder(string.Create(CultureInfo.InvariantCulture, $"{prefix}-r{n}"), since + cadence * n);
    }

    public Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken) =>
        runner.RunAsync(WorkKind, workspace, ct => LoadAsync(workspace, targetId, ct), cancellationToken);

    /// <summary>The incident, its timer (created on first use) and the plan from its last update.</summary>
    private async Task<ReminderRound<StatusUpdateTimer>> LoadAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return ReminderRound<StatusUpdateTimer>.Over;
        var found = await incidents.FindAsync(workspace, number, cancellationToken);
        if (found is null)
            return ReminderRound<StatusUpdateTimer>.Over;
        var incident = found.Value;
        var plan = Plan(incident, rules.StatusUpdates);
        var timer = await LoadTimerAsync(incident, cancellationToken);
        var since = incident.LastStatusUpdateAt ?? incident.DeclaredAt;
        return ReminderRound<StatusUpdateTimer>.Ready(incident, timer, plan, ReminderRecipient.IncidentChannel,
            (_, now) => Reminder(incident, now - since, incident.LastStatusUpdateAt is not null));
    }

    public static ChatMessage Reminder(Incident incident, TimeSpan silence, bool hadUpdate)
    {
        var who = incident.Roles.Lead is { } lead
            ? RichText.Of($"{RichText.Mention(lead)}, please post one with {RichText.Code("update <what changed>")}.")
            : RichText.Of($"{RichText.Mention(incident.Reporter)}: nobody leads this incident yet; take it with {RichText.Code("lead me")} and post an update with {RichText.Code("update <what changed>")}.");
        var what = hadUpdate ? "since the last status update" : "since it was declared, and no status update yet";
        return ChatMessage.Plain(RichText.Of($"⏱️ {RichText.Bold(incident.Key.Key)} ({incident.Severity.Label()}): {ChatText.Duration(silence)} {what}. {who}"));
    }

    private async Task<Versioned<StatusUpdateTimer>> LoadTimerAsync(Incident incident, CancellationToken cancellationToken)
    {
        var id = StatusUpdateTimer.IdFor(incident.Number);
        if (await writer.Documents.ReadAsync<StatusUpdateTimer>(incident.WorkspaceId, id, cancellationToken) is { } existing)
            return existing;
        var fresh = new StatusUpdateTimer { WorkspaceId = incident.WorkspaceId, IncidentNumber = incident.Number };
        var committed = await writer.WriteAsync(incident.WorkspaceId, async (attempt, token) =>
        {
            // A lost create means a concurrent run stored it first: use theirs.
            if (attempt.IsRetry && await attempt.ReadAsync<StatusUpdateTimer>(id, token) is { } theirs)
                return theirs;
            attempt.Batch.Create(fresh);
            return null;
        }, cancellationToken);
        return committed.Value ?? committed.Versioned(fresh);
    }
}
