using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// The job behind <c>stats</c> (work kind <c>trends-chart</c>, target the request): re-reads the
/// request, draws the chart of its range and cut and shares it once (<see cref="ReminderDelivery"/>
/// claims the post on the request, so a second run shares nothing).
/// </summary>
public sealed class TrendChartWork(
    IDocumentStore documents, ITrendStore trends, TrendChartSharing sharing, ReminderDelivery delivery, TimeProvider clock) : IWorkHandler
{
    public string Kind => StatsHandler.ChartWorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var request = await documents.ReadAsync<TrendChartRequest>(workspace, targetId, cancellationToken);
            if (request is null)
                return WorkOutcome.Done; // expired, or never stored
            var due = ReminderPlan.Due([request.Value.Post], request.Value.Deliveries, clock.GetUtcNow());
            if (due is null)
                return WorkOutcome.Done;
            var outcome = await delivery.DeliverAsync(request, due, ct => ShareAsync(request.Value, ct), cancellationToken);
            switch (outcome.Status)
            {
                case DeliveryStatus.Changed:
                    continue;
                case DeliveryStatus.Busy:
                    return WorkOutcome.RunAgain(outcome.RetryAt!.Value);
            }
            return WorkOutcome.Done;
        }
        return WorkOutcome.RunAgain(clock.GetUtcNow());
    }

    private async Task<string?> ShareAsync(TrendChartRequest request, CancellationToken cancellationToken)
    {
        var query = new TrendQuery(request.WorkspaceId, request.From, request.To, request.Cut);
        var report = await trends.AggregateAsync(query, cancellationToken);
        var chart = TrendCharts.IncidentsByKey(report, $"last {request.Days} days");
        return await sharing.ShareAsync(request.Platform, request.Workspace(), request.Channel, chart,
            $"incidents-by-{request.Cut.Name()}-{request.Days}d.png", cancellationToken);
    }
}
