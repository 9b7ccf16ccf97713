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
    ITrendStore trends, TrendChartSharing sharing, ReminderDelivery delivery) : IWorkHandler
{
    public string Kind => StatsHandler.ChartWorkKind;

    public Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken) =>
        delivery.DeliverOnceAsync<TrendChartRequest>(workspace, targetId, r => r.Post, ShareAsync, cancellationToken);

    private async Task<string?> ShareAsync(TrendChartRequest request, CancellationToken cancellationToken)
    {
        var query = new TrendQuery(request.WorkspaceId, request.From, request.To, request.Cut);
        var report = await trends.AggregateAsync(query, cancellationToken);
        var chart = TrendCharts.IncidentsByKey(report, $"last {request.Days} days");
        return await sharing.ShareAsync(request.Platform, request.Workspace(), request.Channel, chart,
            $"incidents-by-{request.Cut.Name()}-{request.Days}d.png", cancellationToken);
    }
}
