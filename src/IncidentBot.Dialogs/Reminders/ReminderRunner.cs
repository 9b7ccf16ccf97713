using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// The find–plan–deliver loop every reminder feature shares. The feature loads its document
/// and says what its plan is, who gets the reminder and what it says (<see cref="ReminderRound{T}"/>);
/// the runner sends the latest due reminder once through <see cref="ReminderDelivery"/> and
/// answers when to run again. A run that is late sends one reminder, not one per missed slot,
/// and plans the next from now; a run that repeats a sent reminder sends nothing.
/// </summary>
public sealed class ReminderRunner(ChatPlatforms platforms, ReminderDelivery delivery, TimeProvider clock, ILogger<ReminderRunner> logger)
{
    /// <summary>How long a channel reminder waits for an incident whose channel is still being created.</summary>
    public static readonly TimeSpan ChannelWait = TimeSpan.FromSeconds(15);

    /// <param name="kind">The work kind, for the log.</param>
    /// <param name="load">Reads the feature's documents afresh; called again after every lost race.</param>
    public async Task<WorkOutcome> RunAsync<T>(
        string kind, WorkspaceId workspace, Func<CancellationToken, Task<ReminderRound<T>>> load, CancellationToken cancellationToken)
        where T : class, IRemindable<T>
    {
        ArgumentNullException.ThrowIfNull(load);
        IEnumerable<PlannedReminder> plan = [];
        var outcome = await delivery.DeliverAsync<T>(workspace.Value, async (_, token) =>
        {
            var round = await load(token);
            if (round is not { Incident: { } incident, Document: { } document, Message: { } message })
                return ReminderTurn<T>.Answered(WorkOutcome.Done);

            plan = round.Plan;
            var now = clock.GetUtcNow();
            var due = ReminderPlan.Due(round.Plan, document.Value.Deliveries, now);
            if (due is null)
                return ReminderTurn<T>.Answered(Next(round.Plan, document.Value, now));
            var channel = incident.Channel;
            if (round.Recipient.Person is null && channel is null)
            {
                logger.WaitingForChannel(incident.Number, workspace, kind);
                return ReminderTurn<T>.Answered(WorkOutcome.RunAgain(now + ChannelWait));
            }
            return ReminderTurn<T>.Deliver(document, due, async ct =>
            {
                var platform = platforms.Get(incident.Platform);
                var sent = round.Recipient.Person is { } person
                    ? await platform.SendDirectAsync(workspace, person, message(due, now), ct)
                    : await platform.PostAsync(workspace, channel!.Value, message(due, now), ct);
                return sent.MessageId;
            });
        }, cancellationToken);
        return outcome.Status switch
        {
            DeliveryStatus.Answered => outcome.Answer!,
            DeliveryStatus.Busy => WorkOutcome.RunAgain(outcome.RetryAt!.Value),
            DeliveryStatus.Contended => WorkOutcome.RunAgain(clock.GetUtcNow()),
            _ => Next(plan, outcome.Document!.Value, clock.GetUtcNow()),
        };
    }

    private static WorkOutcome Next<T>(IEnumerable<PlannedReminder> plan, T document, DateTimeOffset now)
        where T : class, IRemindable<T> =>
        ReminderPlan.Next(plan, document.Deliveries, now) is { } next ? WorkOutcome.RunAgain(next) : WorkOutcome.Done;
}
