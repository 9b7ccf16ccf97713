using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// Answers <c>stats</c> at once with the figures in text, and leaves a request for the chart: a job
/// draws it and shares it in the same conversation (Slack: a file; Teams: a card with the image).
/// </summary>
public sealed class StatsHandler(ITrendStore trends, IDocumentStore documents, WorkQueue work, TimeProvider clock) : CommandHandler<StatsCommand>
{
    public const string ChartWorkKind = "trends-chart";

    protected override async Task<Result<CommandReply>> HandleAsync(StatsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var query = new TrendQuery(context.Workspace.Value, now.AddDays(-command.Days), now, command.Cut);
        var report = await trends.AggregateAsync(query, cancellationToken);
        var reply = TrendSummaryText.Render($"Incidents by {command.Cut.Name()}, last {command.Days} days", report);
        if (context.Channel is { } channel && report.Total.Incidents > 0)
        {
            var request = new TrendChartRequest
            {
                Id = RequestId(context, now),
                WorkspaceId = context.Workspace.Value,
                Platform = context.Platform,
                Channel = channel,
                RequestedBy = context.Actor,
                RequestedAt = now,
                From = query.From,
                To = query.To,
                Cut = command.Cut,
                Days = command.Days,
            };
            try
            {
                await documents.CreateAsync(request, cancellationToken);
                await work.RequestAsync(context.Workspace, ChartWorkKind, request.Id, null, cancellationToken);
            }
            catch (DocumentConflictException)
            {
                // The same delivery again (a platform retry): its chart is already on its way.
            }
        }
        return CommandReply.Public(reply);
    }

    /// <summary>From the delivery when the platform names it, so a retried delivery asks for one chart.</summary>
    private static string RequestId(CommandContext context, DateTimeOffset now)
    {
        var seed = context.DeliveryKey ?? string.Create(CultureInfo.InvariantCulture, $"{context.Actor.Value}:{now.UtcTicks}");
        return "trend-chart-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..24].ToLowerInvariant();
    }
}
