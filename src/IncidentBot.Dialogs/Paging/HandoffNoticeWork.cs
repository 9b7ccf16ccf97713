using System.Globalization;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// A rotation's handoff timer: when the person on call changes, the incoming person gets a
/// direct message listing the open incidents the rotation was paged for, which they now own.
/// The timer then moves itself to the next handoff. The last person told is stored, so a
/// rerun, an early run or a second instance announces a handoff once.
/// </summary>
public sealed class HandoffNoticeWork(
    IOnCallConfigSource config,
    OverrideStore overrides,
    IDocumentStore documents,
    ClaimedSend sends,
    IncidentStore incidents,
    PageStore pages,
    StepTargetResolver resolver,
    Outbox outbox,
    TimeProvider clock,
    ILogger<HandoffNoticeWork> logger) : IWorkHandler
{
    /// <summary>Looks again at least this often, so a changed file or a new override is noticed.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromHours(12);

    public string Kind => PagingWork.Handoff;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (config.Current?.FindRotation(targetId) is not { } rotation)
            return WorkOutcome.Done; // removed from the file: its timer ends
        var now = clock.GetUtcNow();
        var active = await overrides.ListAsync(workspace, rotation.Id, now, cancellationToken);
        var onCall = RotationSchedule.PersonAt(rotation, active, now);
        var next = RotationSchedule.ChangeAfter(rotation, active, now) is { } change && change - now < MaxSleep ? change : now + MaxSleep;

        var id = HandoffState.IdFor(rotation.Id);
        var fresh = new HandoffState { WorkspaceId = workspace.Value, RotationId = rotation.Id, OnCall = onCall?.ToString(), CheckedAt = now };
        await sends.RunAsync(workspace.Value,
            async (attempt, token) =>
            {
                var state = await attempt.ReadAsync<HandoffState>(id, token);
                if (state is null)
                {
                    // First look: nobody handed anything over yet.
                    attempt.Batch.Create(fresh);
                    return SendClaim.NotClaimed<HandoffState?>(null);
                }
                if (state.Value.OnCall == fresh.OnCall)
                    return SendClaim.NotClaimed<HandoffState?>(null); // nothing changed, or another run announced this handoff
                // Claimed with the ETag: of two runs, only the one that moves the state announces the handoff.
                attempt.Batch.Replace(fresh, state.ETag);
                return onCall is null ? SendClaim.NotClaimed<HandoffState?>(null) : SendClaim.Claimed<HandoffState?>(state.Value);
            },
            async (_, token) =>
            {
                await NotifyAsync(workspace, rotation, onCall!, now, token);
                return true;
            },
            (_, _, _, _) => Task.FromResult(true), // the moved state is the record
            (attempt, claimed, _) =>
            {
                // Not announced: put the state back so the retry announces it; on a retry it moved on again meanwhile, and that run announces what is current.
                if (!attempt.IsRetry)
                    attempt.Batch.Replace(claimed.Value!, claimed.Result.ETagOf(id)!);
                return Task.CompletedTask;
            },
            cancellationToken);
        return WorkOutcome.RunAgain(next);
    }

    private async Task NotifyAsync(WorkspaceId workspace, Rotation rotation, SchedulePerson incoming, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var platform = await KnownWorkspace.PlatformOfAsync(documents, workspace, cancellationToken);
        var user = await resolver.ResolveAsync(platform, workspace, incoming, cancellationToken);
        if (user is null)
        {
            logger.HandoffUnreachable(workspace, rotation.Id);
            return;
        }
        var owned = new List<Incident>();
        await foreach (var incident in incidents.ListAsync(workspace.Value, new IncidentFilter { OpenOnly = true, Limit = 50 }, cancellationToken))
        {
            await foreach (var page in pages.ListForIncidentAsync(workspace, incident.Number, cancellationToken))
            {
                if (page.EscalationPolicy.Steps.Any(s => s.Target.Kind == StepTargetKind.OnCall && s.Target.Id == rotation.Id))
                {
                    owned.Add(incident);
                    break;
                }
            }
        }
        var text = RichText.Of($"🔁 You are now on call for {RichText.Bold(rotation.Name)}.");
        if (owned.Count == 0)
        {
            text += RichText.Text(" No open incidents were paged to it.");
        }
        else
        {
            text += RichText.Of($" {owned.Count} open incident{(owned.Count == 1 ? " is" : "s are")} yours now:");
            foreach (var incident in owned)
                text += RichText.Of($"\n• {IncidentMessages.ListLine(incident, incident.IsVisibleTo(user.Value))}");
        }
        var id = string.Create(CultureInfo.InvariantCulture, $"handoff-{Page.SafeId(rotation.Id)}-{at.ToUnixTimeSeconds()}");
        await outbox.SendAsync(workspace, platform, id, null, user, ChatMessage.Plain(text), cancellationToken);
        logger.HandoffNotified(workspace, rotation.Id, user.Value.Value, owned.Count);
    }
}
