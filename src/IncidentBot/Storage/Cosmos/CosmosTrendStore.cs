using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// Trend figures from Cosmos DB without GROUP BY (the test server has none, and a grouped
/// cross-document percentile would need the data in one place anyway): single-partition queries
/// that project only the fields a figure needs are read page by page (1,000 items) and folded into
/// a <see cref="TrendAccumulator"/>. Lead assignments, pages and clocks are read first, as small
/// per-incident counters; then each incident is added once and dropped. Nothing holds documents.
/// </summary>
internal sealed class CosmosTrendStore(CosmosClient client, IOptions<CosmosOptions> options, TimeProvider clock) : ITrendStore
{
    private const int PageSize = 1000;

    private readonly Container _container = client.GetContainer(options.Value.Database, options.Value.Container);

    public async Task<TrendReport> AggregateAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var accumulator = new TrendAccumulator(query, clock.GetUtcNow());
        var from = Stored(query.From);

        // A lead is never assigned, a page never created and a clock never recorded before the declaration.
        await foreach (var lead in ReadAsync<LeadRow>(query.WorkspaceId, new QueryDefinition("""
            SELECT c.incidentNumber, c.at FROM c
            WHERE c.workspaceId = @workspace AND c.type = 'timeline' AND c.kind = 'roleAssigned' AND c.text = 'lead' AND c.at >= @from
            """).WithParameter("@workspace", query.WorkspaceId).WithParameter("@from", from), cancellationToken))
        {
            accumulator.AddLeadAssignment(lead.IncidentNumber, lead.At);
        }
        await foreach (var page in ReadPagesAsync(query, cancellationToken))
        {
            foreach (var target in page.Targets ?? [])
            {
                if (target.SentAt is not null)
                    accumulator.AddPageSent(page.IncidentNumber, target.User == page.AcknowledgedBy, target.IsNight, target.IsWeekend);
            }
        }
        await foreach (var stored in ReadClocksAsync(query, cancellationToken))
            accumulator.AddClock(stored);
        await foreach (var incident in ReadIncidentsAsync(query, cancellationToken))
            accumulator.AddIncident(incident);
        return accumulator.Build();
    }

    public async Task<IReadOnlyList<TrendCrossCount>> CrossCountAsync(TrendQuery query, TrendCut series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var clockNames = new Dictionary<int, List<string>>();
        if (query.Cut == TrendCut.Regime || series == TrendCut.Regime)
        {
            await foreach (var stored in ReadClocksAsync(query, cancellationToken))
            {
                if (!clockNames.TryGetValue(stored.IncidentNumber, out var names))
                    clockNames[stored.IncidentNumber] = names = [];
                names.Add(stored.Name);
            }
        }
        var counts = new Dictionary<(string Key, string Series), int>();
        await foreach (var incident in ReadIncidentsAsync(query, cancellationToken))
        {
            var names = clockNames.GetValueOrDefault(incident.Number) ?? [];
            foreach (var key in TrendKeys.Of(query.Cut, incident, names))
            {
                foreach (var other in TrendKeys.Of(series, incident, names))
                    counts[(key, other)] = counts.GetValueOrDefault((key, other)) + 1;
            }
        }
        return [.. counts.Select(c => new TrendCrossCount(c.Key.Key, c.Key.Series, c.Value))];
    }

    public async Task<IReadOnlyList<PageLoadRow>> PageLoadAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var selected = new HashSet<int>();
        await foreach (var incident in ReadIncidentsAsync(query, cancellationToken))
            selected.Add(incident.Number);
        var load = new Dictionary<string, PageLoadRow>(StringComparer.Ordinal);
        await foreach (var page in ReadPagesAsync(query, cancellationToken))
        {
            if (!selected.Contains(page.IncidentNumber))
                continue;
            foreach (var target in page.Targets ?? [])
            {
                if (target.SentAt is null)
                    continue;
                var known = load.GetValueOrDefault(target.User) ?? new PageLoadRow(target.User, 0, 0, 0, 0);
                load[target.User] = known with
                {
                    Sent = known.Sent + 1,
                    Acknowledged = known.Acknowledged + (target.User == page.AcknowledgedBy ? 1 : 0),
                    Night = known.Night + (target.IsNight ? 1 : 0),
                    Weekend = known.Weekend + (target.IsWeekend ? 1 : 0),
                };
            }
        }
        return [.. load.Values.OrderByDescending(r => r.Sent).ThenBy(r => r.User, StringComparer.Ordinal)];
    }

    private IAsyncEnumerable<PageRow> ReadPagesAsync(TrendQuery query, CancellationToken cancellationToken) =>
        ReadAsync<PageRow>(query.WorkspaceId, new QueryDefinition("""
            SELECT c.incidentNumber, c.acknowledgedBy, c.targets FROM c
            WHERE c.workspaceId = @workspace AND c.type = 'page' AND c.createdAt >= @from
            """).WithParameter("@workspace", query.WorkspaceId).WithParameter("@from", Stored(query.From)), cancellationToken);

    private IAsyncEnumerable<Clock> ReadClocksAsync(TrendQuery query, CancellationToken cancellationToken) =>
        ReadAsync<Clock>(query.WorkspaceId, new QueryDefinition("""
            SELECT * FROM c WHERE c.workspaceId = @workspace AND c.type = 'clock' AND c.recordedAt >= @from
            """).WithParameter("@workspace", query.WorkspaceId).WithParameter("@from", Stored(query.From)), cancellationToken);

    private async IAsyncEnumerable<TrendIncident> ReadIncidentsAsync(TrendQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            SELECT c.number, c.source, c.severity, c.markets, c.languages, c.roles, c.declaredAt, c.firstReportAt,
                c.acknowledgedAt, c.mitigatedAt, c.resolvedAt, c.reportCount
            FROM c WHERE c.workspaceId = @workspace AND c.type = 'incident' AND c.declaredAt >= @from AND c.declaredAt < @to
            """);
        var filter = query.Filter;
        if (filter.Source is not null)
            sql.Append(" AND c.source = @source");
        if (filter.Severity is not null)
            sql.Append(" AND c.severity = @severity");
        if (filter.Market is not null)
            sql.Append(" AND ARRAY_CONTAINS(c.markets, @market)");
        if (filter.Language is not null)
            sql.Append(" AND ARRAY_CONTAINS(c.languages, @language)");
        var definition = new QueryDefinition(sql.ToString())
            .WithParameter("@workspace", query.WorkspaceId)
            .WithParameter("@from", Stored(query.From))
            .WithParameter("@to", Stored(query.To));
        if (filter.Source is { } source)
            definition = definition.WithParameter("@source", Stored(source));
        if (filter.Severity is { } severity)
            definition = definition.WithParameter("@severity", Stored(severity));
        if (filter.Market is { } market)
            definition = definition.WithParameter("@market", market);
        if (filter.Language is { } language)
            definition = definition.WithParameter("@language", language);

        await foreach (var row in ReadAsync<IncidentRow>(query.WorkspaceId, definition, cancellationToken))
        {
            yield return new TrendIncident
            {
                Number = row.Number,
                Source = row.Source,
                Severity = row.Severity,
                Markets = row.Markets ?? [],
                Languages = row.Languages ?? [],
                Lead = row.Roles?.Lead,
                DeclaredAt = row.DeclaredAt,
                FirstReportAt = row.FirstReportAt,
                AcknowledgedAt = row.AcknowledgedAt,
                MitigatedAt = row.MitigatedAt,
                ResolvedAt = row.ResolvedAt,
                ReportCount = row.ReportCount,
            };
        }
    }

    /// <summary>One query, page by page; each item is deserialised and handed on before the next page is read.</summary>
    private async IAsyncEnumerable<T> ReadAsync<T>(string workspaceId, QueryDefinition definition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var requestOptions = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(workspaceId),
            EnableOptimisticDirectExecution = true,
            MaxItemCount = PageSize,
        };
        using var iterator = _container.GetItemQueryStreamIterator(definition, null, requestOptions);
        while (iterator.HasMoreResults)
        {
            List<T> items;
            try
            {
                using var response = await iterator.ReadNextAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                    throw Unavailable(response.StatusCode, null);
                using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
                items = page.RootElement.TryGetProperty("Documents", out var documents) && documents.ValueKind == JsonValueKind.Array
                    ? [.. documents.EnumerateArray().Select(d => d.Deserialize<T>(DocumentJson.Options)!)]
                    : [];
            }
            catch (CosmosException e)
            {
                throw Unavailable(e.StatusCode, e);
            }
            catch (HttpRequestException e)
            {
                throw Unavailable(null, e);
            }
            foreach (var item in items)
                yield return item;
        }
    }

    private static StoreUnavailableException Unavailable(HttpStatusCode? status, Exception? inner) =>
        new($"Cosmos DB could not answer a trend query ({(status is { } s ? (int)s : "no answer")}).", inner);

    private static string Stored(object value) => DocumentJson.ToJsonValue(value).GetString()!;

    private sealed record LeadRow(int IncidentNumber, DateTimeOffset At);

    private sealed record PageTargetRow(string User, DateTimeOffset? SentAt, bool IsNight, bool IsWeekend);

    private sealed record PageRow(int IncidentNumber, string? AcknowledgedBy, IReadOnlyList<PageTargetRow>? Targets);

    private sealed record RolesRow(string? Lead);

    private sealed record IncidentRow(
        int Number, IncidentSource Source, Severity Severity, IReadOnlyList<string>? Markets, IReadOnlyList<string>? Languages, RolesRow? Roles,
        DateTimeOffset DeclaredAt, DateTimeOffset? FirstReportAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? MitigatedAt,
        DateTimeOffset? ResolvedAt, int ReportCount);
}
