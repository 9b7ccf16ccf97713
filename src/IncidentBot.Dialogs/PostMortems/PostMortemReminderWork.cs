using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Time;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>
/// Keeps an incident's post-mortem in line with the incident (work kind <c>postmortem</c>,
/// target the incident), then reminds its owner. Resolving an incident whose severity needs one
/// makes it due (owner: the lead, else the reporter); reopening puts it back to waiting;
/// resolving again makes it due from the new resolution. Reminders are DMs at the start of the
/// owner's working day: on assignment, before the due date, on it, and daily while overdue.
/// </summary>
public sealed class PostMortemReminderWork(
    IncidentStore incidents,
    DocumentWriter writer,
    UserDirectory users,
    ReminderRunner runner,
    IncidentRules rules,
    TimeProvider clock,
    ILogger<PostMortemReminderWork> logger) : IWorkHandler
{
    public const string WorkKind = "postmortem";

    public string Kind => WorkKind;

    public Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken) =>
        runner.RunAsync(WorkKind, workspace, ct => LoadAsync(workspace, targetId, ct), cancellationToken);

    /// <summary>The post-mortem, reconciled with the incident first; reminders only while it is due.</summary>
    private async Task<ReminderRound<PostMortem>> LoadAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return ReminderRound<PostMortem>.Over;
        var reconciled = await ReconcileAsync(workspace, number, cancellationToken);
        if (reconciled is not { Incident: { } incident, Document: { Value.Status: PostMortemStatus.Due } current })
            return ReminderRound<PostMortem>.Over;

        var postMortem = current.Value;
        var plan = postMortem.Reminders(rules.Calendar, ZoneOf(postMortem), rules.PostMortems.RemindBeforeBusinessDays);
        return ReminderRound<PostMortem>.Ready(incident, current, plan, ReminderRecipient.Direct(postMortem.Owner),
            (due, _) => PostMortemMessages.Reminder(postMortem, incident, due.Latest.Key));
    }

    /// <summary>
    /// The post-mortem as the incident needs it now, stored with its "due" event (and so its ledger
    /// entry) as one unit; a lost race reads the incident and the post-mortem again and decides again.
    /// </summary>
    private async Task<Reconciled> ReconcileAsync(WorkspaceId workspace, IncidentNumber number, CancellationToken cancellationToken)
    {
        var committed = await writer.WriteAsync(workspace, async (attempt, token) =>
        {
            var found = await incidents.FindAsync(workspace, number, token);
            if (found is null)
                return new Reconciled(null, null, null);
            var incident = found.Value;
            var stored = await attempt.ReadAsync<PostMortem>(PostMortem.IdFor(number.Value), token);
            var now = clock.GetUtcNow();
            var wanted = await WantedAsync(incident, stored?.Value, now, token);
            if (wanted is null || wanted == stored?.Value)
                return new Reconciled(incident, stored, null);
            attempt.Batch.Save(wanted, stored?.ETag);
            if (wanted.Status == PostMortemStatus.Due)
            {
                attempt.Batch.Upsert(new TimelineEvent
                {
                    Id = TimelineEvent.IdFor(incident.Number, $"pm-due-{wanted.ResolvedAt!.Value.UtcTicks}"),
                    WorkspaceId = incident.WorkspaceId,
                    IncidentNumber = incident.Number,
                    At = now,
                    Kind = TimelineKind.PostMortemDue,
                    Text = $"Post-mortem due {PostMortemMessages.Day(wanted.DueDate!.Value)} ({rules.PostMortems.BusinessDays} business days, {wanted.OwnerTimeZone}), owner {wanted.Owner.Mention}",
                    To = wanted.Owner.Value,
                });
            }
            return new Reconciled(incident, null, wanted);
        }, cancellationToken);
        if (committed.Value.Written is not { } written)
            return committed.Value;
        if (written.Status == PostMortemStatus.Due)
            logger.PostMortemDue(number.Value, workspace);
        return committed.Value with { Document = committed.Versioned(written) };
    }

    /// <summary>The post-mortem the incident needs now (null: none), from the stored one (null: none yet).</summary>
    private async Task<PostMortem?> WantedAsync(Incident incident, PostMortem? existing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var isResolved = incident.ResolvedAt is not null && incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed;
        var wanted = existing;
        if (isResolved)
        {
            var resolvedAt = incident.ResolvedAt!.Value;
            if (existing is null && rules.PostMortems.IsRequiredFor(incident.Severity))
            {
                var owner = incident.Roles.Lead ?? incident.Reporter;
                wanted = new PostMortem { WorkspaceId = incident.WorkspaceId, IncidentNumber = incident.Number, Owner = owner, Status = PostMortemStatus.Waiting };
            }
            if (wanted is { Status: not PostMortemStatus.Done } && (wanted.Status == PostMortemStatus.Waiting || wanted.ResolvedAt != resolvedAt))
            {
                var zone = await users.TimeZoneOfAsync(incident.Platform, incident.Workspace(), wanted.Owner, rules.Calendar.DefaultZone, cancellationToken);
                wanted = wanted.DueFor(resolvedAt, now, zone, rules.Calendar, rules.PostMortems.BusinessDays);
            }
        }
        else if (existing is { Status: PostMortemStatus.Due })
        {
            wanted = existing with { Status = PostMortemStatus.Waiting };
        }
        return wanted;
    }

    private TimeZoneInfo ZoneOf(PostMortem postMortem) =>
        ZonedTime.TryFind(postMortem.OwnerTimeZone, out var zone) ? zone : rules.Calendar.DefaultZone;

    /// <summary>The incident (null: gone) and its post-mortem as stored after reconciling (null: there is none); <c>Written</c> until its ETag is known.</summary>
    private sealed record Reconciled(Incident? Incident, Versioned<PostMortem>? Document, PostMortem? Written);
}
