using System.Globalization;
using System.Text;
using System.Text.Json;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Trend figures as SQL aggregates over the embedded store's one table: counts, sums and the
/// nearest-rank percentiles (window functions) are computed by SQLite from <c>json_extract</c>ed
/// fields, so no incident is materialised. Only clock states are decided here, with
/// <see cref="Clock.State"/> (pauses and "now" are domain rules), from the clock rows SQLite joins
/// to the selected incidents. The statements run in one read transaction: one consistent snapshot.
/// </summary>
internal sealed class SqliteTrendStore(SqliteDocumentStore store, TimeProvider clock) : ITrendStore
{
    // What an incident contributes to the percentiles, one row each, materialised. The first lead
    // assignment (a correlated lookup in the partial index of role assignments) counts as an
    // acknowledgement. No join here is between two CTEs: SQLite may run such a join as a nested scan.
    private const string FactsSql = """
        leads AS (
            SELECT inc.*, (
                SELECT MIN(json_extract(l.body, '$.at')) FROM documents l
                WHERE l.workspace_id = $workspace AND l.type = 'timeline' AND json_extract(l.body, '$.kind') = 'roleAssigned'
                  AND json_extract(l.body, '$.text') = 'lead' AND json_extract(l.body, '$.incidentNumber') = inc.n) AS lead_at
            FROM inc),
        acked AS (
            SELECT n, body, started, mitigated, resolved, reports,
                CASE WHEN acked IS NULL THEN lead_at WHEN lead_at IS NULL OR acked <= lead_at THEN acked ELSE lead_at END AS acked
            FROM leads),
        facts AS MATERIALIZED (
            SELECT n, body, reports,
                CASE WHEN acked IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(acked) - julianday(started)) * 86400.0) AS INTEGER)) END AS tta,
                CASE WHEN mitigated IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(mitigated) - julianday(started)) * 86400.0) AS INTEGER)) END AS ttm,
                CASE WHEN resolved IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(resolved) - julianday(started)) * 86400.0) AS INTEGER)) END AS ttr
            FROM acked)
        """;

    // Page messages sent, joined from the selected incidents to the table itself (its index on incidentNumber).
    private const string PageTargetsSql = """
        JOIN documents p ON p.workspace_id = $workspace AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = f.n
        JOIN json_each(p.body, '$.targets') AS t
        WHERE json_extract(t.value, '$.sentAt') IS NOT NULL
        """;

    private const string PageSumsSql = """
        COUNT(*),
        SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END),
        SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END),
        SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END)
        """;

    // Percentile ranks: ⌈n/2⌉ and ⌈9n/10⌉ in integer arithmetic, as TrendPercentiles defines them.
    private const string RankedSql = """
        ranked AS (
            SELECT key, reports, tta, ttm, ttr,
                ROW_NUMBER() OVER (PARTITION BY key, tta IS NULL ORDER BY tta) AS tta_rank, COUNT(tta) OVER (PARTITION BY key) AS tta_count,
                ROW_NUMBER() OVER (PARTITION BY key, ttm IS NULL ORDER BY ttm) AS ttm_rank, COUNT(ttm) OVER (PARTITION BY key) AS ttm_count,
                ROW_NUMBER() OVER (PARTITION BY key, ttr IS NULL ORDER BY ttr) AS ttr_rank, COUNT(ttr) OVER (PARTITION BY key) AS ttr_count
            FROM kd)
        SELECT key, COUNT(*), SUM(reports),
            MAX(CASE WHEN tta IS NOT NULL AND tta_rank = (tta_count + 1) / 2 THEN tta END),
            MAX(CASE WHEN tta IS NOT NULL AND tta_rank = (9 * tta_count + 9) / 10 THEN tta END),
            MAX(CASE WHEN ttm IS NOT NULL AND ttm_rank = (ttm_count + 1) / 2 THEN ttm END),
            MAX(CASE WHEN ttm IS NOT NULL AND ttm_rank = (9 * ttm_count + 9) / 10 THEN ttm END),
            MAX(CASE WHEN ttr IS NOT NULL AND ttr_rank = (ttr_count + 1) / 2 THEN ttr END),
            MAX(CASE WHEN ttr IS NOT NULL AND ttr_rank = (9 * ttr_count + 9) / 10 THEN ttr END)
        FROM ranked GROUP BY key
        """;

    public async Task<TrendReport> AggregateAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow();
        return await ReadAsync(async (connection, transaction) =>
        {
            var groups = new Dictionary<string, TrendRow>(StringComparer.Ordinal);
            TrendRow? total = null;
            var (join, key) = KeyOf(query.Cut, "f", "k");
            const string Figures = "f.reports, f.tta, f.ttm, f.ttr";
            await using (var command = Command(connection, transaction, query, $"""
                WITH {IncidentsSql(query)}, {FactsSql},
                kd AS (SELECT {key} AS key, {Figures} FROM facts f {join} UNION ALL SELECT NULL, {Figures} FROM facts f),
                {RankedSql}
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = new TrendRow
                    {
                        Key = reader.IsDBNull(0) ? TrendReport.TotalKey : TrendKeys.FromStored(query.Cut, reader.GetString(0)),
                        Incidents = reader.GetInt32(1),
                        Reports = reader.GetInt32(2),
                        MttaSeconds = new TrendPercentiles(Long(reader, 3), Long(reader, 4)),
                        MttmSeconds = new TrendPercentiles(Long(reader, 5), Long(reader, 6)),
                        MttrSeconds = new TrendPercentiles(Long(reader, 7), Long(reader, 8)),
                    };
                    if (reader.IsDBNull(0))
                        total = row;
                    else
                        groups[row.Key] = row;
                }
            }

            await using (var command = Command(connection, transaction, query, $"""
                WITH {IncidentsSql(query)}
                SELECT {key}, {PageSumsSql} FROM inc f {join} {PageTargetsSql} GROUP BY 1
                UNION ALL
                SELECT NULL, {PageSumsSql} FROM inc f {PageTargetsSql}
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.IsDBNull(1) || reader.GetInt32(1) == 0)
                        continue; // the total's aggregate over no pages
                    var pages = (Sent: reader.GetInt32(1), Acknowledged: reader.GetInt32(2), Night: reader.GetInt32(3), Weekend: reader.GetInt32(4));
                    TrendRow With(TrendRow row) => row with
                    {
                        PagesSent = pages.Sent, PagesAcknowledged = pages.Acknowledged, NightPages = pages.Night, WeekendPages = pages.Weekend,
                    };
                    if (reader.IsDBNull(0))
                        total = With(total ?? new TrendRow { Key = TrendReport.TotalKey });
                    else if (groups.TryGetValue(TrendKeys.FromStored(query.Cut, reader.GetString(0)), out var row))
                        groups[row.Key] = With(row);
                }
            }

            // A regime row counts only its own clocks (the key join is the clock itself); every other row counts all of its incident's.
            var clockRows = query.Cut == TrendCut.Regime
                ? $"""
                  SELECT json_extract(c.body, '$.name'), c.id, c.body FROM inc f
                  JOIN documents c ON c.workspace_id = $workspace AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = f.n
                  """
                : $"""
                  SELECT {key}, c.id, c.body FROM inc f {join}
                  JOIN documents c ON c.workspace_id = $workspace AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = f.n
                  """;
            var states = new Dictionary<string, (bool Met, bool Breached)>(StringComparer.Ordinal);
            var clocks = new Dictionary<string, (int Met, int Breached)>(StringComparer.Ordinal);
            await using (var command = Command(connection, transaction, query, $"""
                WITH {IncidentsSql(query)}
                {clockRows}
                UNION ALL
                SELECT NULL, c.id, c.body FROM inc f
                JOIN documents c ON c.workspace_id = $workspace AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = f.n
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetString(1);
                    if (!states.TryGetValue(id, out var state))
                    {
                        var stored = JsonSerializer.Deserialize<Clock>(reader.GetString(2), DocumentJson.Options)
                            ?? throw new JsonException($"Clock {id} deserialised to null.");
                        states[id] = state = TrendClocks.Classify(stored, now);
                    }
                    var rowKey = reader.IsDBNull(0) ? "" : TrendKeys.FromStored(query.Cut, reader.GetString(0));
                    var counts = clocks.GetValueOrDefault(rowKey);
                    clocks[rowKey] = (counts.Met + (state.Met ? 1 : 0), counts.Breached + (state.Breached ? 1 : 0));
                }
            }
            foreach (var (rowKey, counts) in clocks)
            {
                if (rowKey.Length == 0)
                    total = (total ?? new TrendRow { Key = TrendReport.TotalKey }) with { ClocksMet = counts.Met, ClocksBreached = counts.Breached };
                else if (groups.TryGetValue(rowKey, out var row))
                    groups[rowKey] = row with { ClocksMet = counts.Met, ClocksBreached = counts.Breached };
            }
            return TrendReport.Create(query, groups.Values, total);
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
                WITH {IncidentsSql(query)}
                SELECT {key}, {seriesKey}, COUNT(*) FROM inc f {join} {seriesJoin} GROUP BY 1, 2
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
                WITH {IncidentsSql(query)}
                SELECT json_extract(t.value, '$.user') AS person, {PageSumsSql}
                FROM inc f {PageTargetsSql}
                GROUP BY person ORDER BY COUNT(*) DESC, person
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new PageLoadRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
            return (IReadOnlyList<PageLoadRow>)rows;
        }, cancellationToken);
    }

    /// <summary>The incidents the query selects, with the fields the figures need (an index serves the range).</summary>
    private static string IncidentsSql(TrendQuery query)
    {
        var sql = new StringBuilder("""
            inc AS MATERIALIZED (
                SELECT json_extract(body, '$.number') AS n, body,
                    COALESCE(json_extract(body, '$.firstReportAt'), json_extract(body, '$.declaredAt')) AS started,
                    json_extract(body, '$.acknowledgedAt') AS acked,
                    json_extract(body, '$.mitigatedAt') AS mitigated,
                    json_extract(body, '$.resolvedAt') AS resolved,
                    COALESCE(json_extract(body, '$.reportCount'), 0) AS reports
                FROM documents
                WHERE workspace_id = $workspace AND type = 'incident'
                  AND json_extract(body, '$.declaredAt') >= $from AND json_extract(body, '$.declaredAt') < $to
            """);
        var filter = query.Filter;
        if (filter.Source is not null)
            sql.Append(" AND json_extract(body, '$.source') = $source");
        if (filter.Severity is not null)
            sql.Append(" AND json_extract(body, '$.severity') = $severity");
        if (filter.Market is not null)
            sql.Append(" AND EXISTS (SELECT 1 FROM json_each(body, '$.markets') WHERE value = $market)");
        if (filter.Language is not null)
            sql.Append(" AND EXISTS (SELECT 1 FROM json_each(body, '$.languages') WHERE value = $language)");
        return sql.Append(')').ToString();
    }

    /// <summary>
    /// The join and the key expression of a cut over the incident rows <paramref name="rows"/> (which
    /// carry <c>n</c> and <c>body</c>): '' when the incident has no key. A market or language listed
    /// twice in one incident counts once (the later copy is skipped), as in <see cref="TrendKeys.Of"/>.
    /// </summary>
    private static (string Join, string Key) KeyOf(TrendCut cut, string rows, string alias) => cut switch
    {
        TrendCut.Source => ("", $"json_extract({rows}.body, '$.source')"),
        TrendCut.Severity => ("", $"json_extract({rows}.body, '$.severity')"),
        TrendCut.Lead => ("", $"COALESCE(json_extract({rows}.body, '$.roles.lead'), '')"),
        // The Monday of the declaration's UTC week, as TrendKeys.Week says.
        TrendCut.Week => ("", $"date(json_extract({rows}.body, '$.declaredAt'), '-6 days', 'weekday 1')"),
        TrendCut.Market => (EachOnce(rows, alias, "markets"), $"COALESCE({alias}.value, '')"),
        TrendCut.Language => (EachOnce(rows, alias, "languages"), $"COALESCE({alias}.value, '')"),
        TrendCut.Regime => (
            $"LEFT JOIN documents AS {alias} ON {alias}.workspace_id = $workspace AND {alias}.type = 'clock' AND json_extract({alias}.body, '$.incidentNumber') = {rows}.n",
            $"COALESCE(json_extract({alias}.body, '$.name'), '')"),
        _ => throw new ArgumentOutOfRangeException(nameof(cut), cut, null),
    };

    private static string EachOnce(string rows, string alias, string array) =>
        $"LEFT JOIN json_each({rows}.body, '$.{array}') AS {alias} ON NOT EXISTS "
        + $"(SELECT 1 FROM json_each({rows}.body, '$.{array}') AS twice WHERE twice.value = {alias}.value AND twice.key < {alias}.key)";

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

    private static long? Long(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
            // A year of incidents is read whole: map the file rather than copy it page by page through
            // the connection's small cache (reads only; WAL frames are still read normally).
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA mmap_size = 1073741824;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            // One read transaction: the statements see the same snapshot. A deferred BEGIN takes no lock
            // and does no I/O (the async overload has no "deferred"), so the synchronous call blocks nothing.
            await using var transaction = connection.BeginTransaction(deferred: true);
            var result = await read(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 or 10 or 11 or 14 or 26)
        {
            throw new StoreUnavailableException($"The embedded store could not answer a trend query: {e.Message}", e);
        }
    }
}
