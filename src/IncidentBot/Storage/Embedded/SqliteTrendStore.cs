using System.Globalization;
using System.Text;
using System.Text.Json;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Trend figures from <see cref="IncidentFacts"/>, the per-incident rows the store's triggers keep:
/// one sequential scan of the incidents in range (keys by SQL, durations and page sums precomputed),
/// and the clocks of those incidents from a covering index. Counts, sums and the nearest-rank
/// percentiles are added up here, in one pass; only the durations of each key are held, never documents.
/// </summary>
/// <remarks>
/// The first form computed everything in SQL from the JSON bodies: the bundled SQLite flattened the
/// first-lead lookup into 8 correlated subqueries, evaluated julianday() for 400,000 times and sorted
/// three window partitions; a year of 100,000 incidents took 5–6 s. The statements run in one read
/// transaction, so they see one snapshot.
/// </remarks>
internal sealed class SqliteTrendStore(SqliteDocumentStore store, TimeProvider clock) : ITrendStore
{
    // Page messages sent, joined from the selected incidents to the pages' index (page load per person).
    // CROSS JOIN keeps that order: SQLite may otherwise put the pages outside and scan the incidents once per page.
    private const string PageTargetsSql = """
        CROSS JOIN documents AS p INDEXED BY ix_documents_pages_by_incident
            ON p.workspace_id = $workspace AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = +f.number
        JOIN json_each(json_extract(p.body, '$.targets')) AS t
        WHERE json_extract(t.value, '$.sentAt') IS NOT NULL
        """;

    private const string PageSumsSql = """
        COUNT(*),
        SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END),
        SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END),
        SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END)
        """;

    // The selected incidents' clocks, incidents first (CROSS JOIN fixes the order; only incidents with a clock
    // name look), read from the covering index (it holds `type`, so SQLite never opens a body). `+f.number`
    // drops the INTEGER affinity that would keep SQLite from seeking the expression index on the number.
    private const string ClocksSql = """
        SELECT f.number, json_extract(c.body, '$.incidentNumber'), json_extract(c.body, '$.name'), json_extract(c.body, '$.startedAt'),
            json_extract(c.body, '$.window'), json_extract(c.body, '$.metAt'), json_extract(c.body, '$.breachedAt'), json_extract(c.body, '$.pauses')
        FROM incident_facts AS f
        CROSS JOIN documents AS c INDEXED BY ix_documents_trend_clocks
            ON c.workspace_id = $workspace AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = +f.number
        """;

    public async Task<TrendReport> AggregateAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow();
        return await ReadAsync(async (connection, transaction) =>
        {
            // Clocks first (a few per incident that has any): each incident's outcomes, by number.
            var clocks = new Dictionary<long, List<TrendClockOutcome>>();
            await using (var command = Command(connection, transaction, query, $"{ClocksSql} {Where(query)} AND f.regimes <> '[]'"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (met, breached) = TrendClocks.Classify(ClockOf(query.WorkspaceId, reader), now);
                    var number = reader.GetInt64(0);
                    if (!clocks.TryGetValue(number, out var list))
                        clocks[number] = list = [];
                    list.Add(new TrendClockOutcome(reader.GetString(2), met, breached));
                }
            }

            // One row per incident and key (an incident's rows come together: it is the outer loop of the key join).
            var groups = new Dictionary<string, TrendRowBuilder>(StringComparer.Ordinal);
            var total = new TrendRowBuilder();
            var (join, key) = KeyOf(query.Cut, "f", "k");
            await using (var command = Command(connection, transaction, query, $"""
                SELECT f.number, {key}, f.report_count, f.tta, f.ttm, f.ttr, f.pages_sent, f.pages_acknowledged, f.night_pages, f.weekend_pages
                FROM incident_facts AS f {join} {Where(query)}
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                long? previous = null;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var number = reader.GetInt64(0);
                    var stored = reader.IsDBNull(1) ? null : reader.GetString(1);
                    var figures = new TrendFigures(
                        reader.GetInt32(2), Long(reader, 3), Long(reader, 4), Long(reader, 5),
                        reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9));
                    var outcomes = clocks.GetValueOrDefault(number) ?? [];
                    var rowKey = TrendKeys.FromStored(query.Cut, stored);
                    if (!groups.TryGetValue(rowKey, out var group))
                        groups[rowKey] = group = new TrendRowBuilder();
                    // A regime row counts only its own clocks (keyed by the clock's name); every other row all of its incident's.
                    group.Add(figures, query.Cut == TrendCut.Regime ? outcomes.Where(c => c.Name == stored) : outcomes);
                    if (number != previous)
                        total.Add(figures, outcomes);
                    previous = number;
                }
            }
            return TrendReport.Create(
                query, groups.Select(g => g.Value.ToRow(g.Key)), total.IsEmpty ? null : total.ToRow(TrendReport.TotalKey));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<TrendCrossCount>> CrossCountAsync(TrendQuery query, TrendCut series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadAsync(async (connection, transaction) =>
        {
            var rows = new List<TrendCrossCount>();
            var (join, key) = KeyOf(query.Cut, "f", "k");
            var (seriesJoin, seriesKey) = KeyOf(series, "f", "s");
            await using var command = Command(connection, transaction, query, $"""
                SELECT {key}, {seriesKey}, COUNT(*) FROM incident_facts AS f {join} {seriesJoin} {Where(query)} GROUP BY 1, 2
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new TrendCrossCount(TrendKeys.FromStored(query.Cut, reader.GetString(0)), TrendKeys.FromStored(series, reader.GetString(1)), reader.GetInt32(2)));
            return (IReadOnlyList<TrendCrossCount>)rows;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<PageLoadRow>> PageLoadAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadAsync(async (connection, transaction) =>
        {
            var rows = new List<PageLoadRow>();
            await using var command = Command(connection, transaction, query, $"""
                WITH inc AS MATERIALIZED (SELECT f.number FROM incident_facts AS f {Where(query)} AND f.pages_sent > 0)
                SELECT json_extract(t.value, '$.user') AS person, {PageSumsSql}
                FROM inc AS f {PageTargetsSql}
                GROUP BY person ORDER BY COUNT(*) DESC, person
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new PageLoadRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
            return (IReadOnlyList<PageLoadRow>)rows;
        }, cancellationToken);
    }

    /// <summary>The incidents the query selects: declared in range (one seek in the table's key), matching the filter.</summary>
    private static string Where(TrendQuery query)
    {
        var sql = new StringBuilder("WHERE f.workspace_id = $workspace AND f.declared_at >= $from AND f.declared_at < $to");
        var filter = query.Filter;
        if (filter.Source is not null)
            sql.Append(" AND f.source = $source");
        if (filter.Severity is not null)
            sql.Append(" AND f.severity = $severity");
        if (filter.Market is not null)
            sql.Append(" AND EXISTS (SELECT 1 FROM json_each(f.markets) WHERE value = $market)");
        if (filter.Language is not null)
            sql.Append(" AND EXISTS (SELECT 1 FROM json_each(f.languages) WHERE value = $language)");
        return sql.ToString();
    }

    /// <summary>
    /// The join and the key expression of a cut over rows <paramref name="rows"/> of <c>incident_facts</c>:
    /// '' when the incident has no key. A market, language or clock name listed twice in one incident
    /// counts once (the later copy is skipped), as in <see cref="TrendKeys.Of"/>.
    /// </summary>
    private static (string Join, string Key) KeyOf(TrendCut cut, string rows, string alias) => cut switch
    {
        TrendCut.Source => ("", $"{rows}.source"),
        TrendCut.Severity => ("", $"{rows}.severity"),
        TrendCut.Lead => ("", $"COALESCE({rows}.lead, '')"),
        // The Monday of the declaration's UTC week, as TrendKeys.Week says (kept in the row).
        TrendCut.Week => ("", $"{rows}.week"),
        TrendCut.Market => (EachOnce(rows, alias, "markets"), $"COALESCE({alias}.value, '')"),
        TrendCut.Language => (EachOnce(rows, alias, "languages"), $"COALESCE({alias}.value, '')"),
        TrendCut.Regime => (EachOnce(rows, alias, "regimes"), $"COALESCE({alias}.value, '')"),
        _ => throw new ArgumentOutOfRangeException(nameof(cut), cut, null),
    };

    private static string EachOnce(string rows, string alias, string column) =>
        $"LEFT JOIN json_each({rows}.{column}) AS {alias} ON NOT EXISTS "
        + $"(SELECT 1 FROM json_each({rows}.{column}) AS twice WHERE twice.value = {alias}.value AND twice.key < {alias}.key)";

    /// <summary>The clock from the indexed fields (<see cref="ClocksSql"/>, from column 1): enough for its state.</summary>
    internal static Clock ClockOf(string workspaceId, SqliteDataReader reader)
    {
        var started = Time(reader.GetString(3));
        var pauses = reader.IsDBNull(7) ? "[]" : reader.GetString(7);
        return new Clock
        {
            WorkspaceId = workspaceId,
            IncidentNumber = reader.GetInt32(1),
            Name = reader.GetString(2),
            StartedAt = started,
            RecordedAt = started,
            // System.Text.Json writes a TimeSpan in the constant ("c") format.
            Window = TimeSpan.ParseExact(reader.GetString(4), "c", CultureInfo.InvariantCulture),
            MetAt = reader.IsDBNull(5) ? null : Time(reader.GetString(5)),
            BreachedAt = reader.IsDBNull(6) ? null : Time(reader.GetString(6)),
            Pauses = pauses == "[]" ? [] : JsonSerializer.Deserialize<List<ClockPause>>(pauses, DocumentJson.Options) ?? [],
        };
    }

    internal static DateTimeOffset Time(string stored) =>
        DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, TrendQuery query, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$workspace", query.WorkspaceId);
        command.Parameters.AddWithValue("$from", Stored(query.From));
        command.Parameters.AddWithValue("$to", Stored(query.To));
        var filter = query.Filter;
        if (filter.Source is { } source)
            command.Parameters.AddWithValue("$source", Stored(source));
        if (filter.Severity is { } severity)
            command.Parameters.AddWithValue("$severity", Stored(severity));
        if (filter.Market is { } market)
            command.Parameters.AddWithValue("$market", market);
        if (filter.Language is { } language)
            command.Parameters.AddWithValue("$language", language);
        return command;
    }

    /// <summary>The value as the documents hold it (enum names, fixed-width UTC times), so comparisons match.</summary>
    private static string Stored(object value) => DocumentJson.ToJsonValue(value).GetString()!;

    /// <summary>Busy, locked, I/O, corrupt, cannot open, not a database: the store is unavailable, not the query wrong.</summary>
    internal static bool IsUnavailable(SqliteException e) => e.SqliteErrorCode is 5 or 6 or 10 or 11 or 14 or 26;

    private static long? Long(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
            // One read transaction: the statements see the same snapshot. A deferred BEGIN takes no lock
            // and does no I/O (the async overload has no "deferred"), so the synchronous call blocks nothing.
            await using var transaction = connection.BeginTransaction(deferred: true);
            var result = await read(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (SqliteException e) when (IsUnavailable(e))
        {
            throw new StoreUnavailableException($"The embedded store could not answer a trend query: {e.Message}", e);
        }
    }
}
