using System.Globalization;
using System.Text;
using System.Text.Json;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Trend figures as SQL aggregates over the embedded store's one table. Counts, sums and the
/// nearest-rank percentiles (window functions) are computed by SQLite; only clock states are decided
/// here, by <see cref="Clock.State"/> (pauses and "now" are domain rules), from the few fields SQL returns.
/// </summary>
/// <remarks>
/// Parsing a year of JSON bodies costs seconds, so every statement reads only expressions that the
/// partial, covering indexes of <see cref="SqliteSchema"/> hold (incidents by declaration, pages and
/// clocks by incident, role assignments by incident): SQLite answers from the indexes without touching
/// a body. The expressions here must stay textually equal to the indexed ones (<c>INDEXED BY</c> fails
/// loudly if one drifts). No statement joins two CTEs: SQLite may run such a join as a nested scan.
/// The statements run in one read transaction, so they see one snapshot.
/// </remarks>
internal sealed class SqliteTrendStore(SqliteDocumentStore store, TimeProvider clock) : ITrendStore
{
    // What an incident contributes to the percentiles, one row each. The first lead assignment counts
    // as an acknowledgement (a lookup per incident in the index of role assignments).
    private const string FactsSql = """
        leads AS (
            SELECT inc.*, (
                SELECT MIN(json_extract(l.body, '$.at')) FROM documents AS l INDEXED BY ix_documents_roles_by_incident
                WHERE l.workspace_id = $workspace AND l.type = 'timeline' AND json_extract(l.body, '$.kind') = 'roleAssigned'
                  AND json_extract(l.body, '$.text') = 'lead' AND json_extract(l.body, '$.incidentNumber') = inc.n) AS lead_at
            FROM inc),
        acked AS (
            SELECT leads.*, CASE WHEN acked IS NULL THEN lead_at WHEN lead_at IS NULL OR acked <= lead_at THEN acked ELSE lead_at END AS first_ack
            FROM leads),
        facts AS MATERIALIZED (
            SELECT n, declared, source, severity, lead, markets, languages, reports,
                CASE WHEN first_ack IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(first_ack) - julianday(started)) * 86400.0) AS INTEGER)) END AS tta,
                CASE WHEN mitigated IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(mitigated) - julianday(started)) * 86400.0) AS INTEGER)) END AS ttm,
                CASE WHEN resolved IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday(resolved) - julianday(started)) * 86400.0) AS INTEGER)) END AS ttr
            FROM acked)
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

    // Page messages sent, joined from the selected incidents to the pages' index. CROSS JOIN keeps that
    // order: SQLite 3.4x otherwise may put the pages outside and scan the incidents once per page.
    private const string PageTargetsSql = """
        CROSS JOIN documents AS p INDEXED BY ix_documents_pages_by_incident
            ON p.workspace_id = $workspace AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = f.n
        JOIN json_each(json_extract(p.body, '$.targets')) AS t
        WHERE json_extract(t.value, '$.sentAt') IS NOT NULL
        """;

    private const string PageSumsSql = """
        COUNT(*),
        SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END),
        SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END),
        SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END)
        """;

    // Incidents first, then each one's clocks by the index (CROSS JOIN fixes the order): with the clocks
    // outside, the bundled SQLite scanned 100,000 incidents per clock and a year's trends never finished.
    private const string ClockJoinSql = """
        CROSS JOIN documents AS c INDEXED BY ix_documents_clocks_by_incident
            ON c.workspace_id = $workspace AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = f.n
        """;

    private const string ClockFieldsSql = """
        json_extract(c.body, '$.incidentNumber'), json_extract(c.body, '$.name'), json_extract(c.body, '$.startedAt'),
        json_extract(c.body, '$.window'), json_extract(c.body, '$.metAt'), json_extract(c.body, '$.breachedAt'), json_extract(c.body, '$.pauses')
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
                kd AS (SELECT {key} AS key, {Figures} FROM facts AS f {join} UNION ALL SELECT NULL, {Figures} FROM facts AS f),
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

            void Update(string? rowKey, Func<TrendRow, TrendRow> change)
            {
                if (rowKey is null)
                    total = change(total ?? new TrendRow { Key = TrendReport.TotalKey });
                else if (groups.TryGetValue(rowKey, out var row))
                    groups[rowKey] = change(row);
            }

            await using (var command = Command(connection, transaction, query, $"""
                WITH {IncidentsSql(query)}
                SELECT {key}, {PageSumsSql} FROM inc AS f {join} {PageTargetsSql} GROUP BY 1
                UNION ALL
                SELECT NULL, {PageSumsSql} FROM inc AS f {PageTargetsSql}
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.GetInt32(1) == 0)
                        continue; // the total's aggregate over no pages
                    var pages = (Sent: reader.GetInt32(1), Acknowledged: reader.GetInt32(2), Night: reader.GetInt32(3), Weekend: reader.GetInt32(4));
                    Update(reader.IsDBNull(0) ? null : TrendKeys.FromStored(query.Cut, reader.GetString(0)), row => row with
                    {
                        PagesSent = pages.Sent, PagesAcknowledged = pages.Acknowledged, NightPages = pages.Night, WeekendPages = pages.Weekend,
                    });
                }
            }

            // A regime row counts only its own clocks (keyed by the clock's name); every other row all of its incident's.
            var keyedClocks = query.Cut == TrendCut.Regime
                ? $"SELECT json_extract(c.body, '$.name'), {ClockFieldsSql} FROM inc AS f {ClockJoinSql}"
                : $"SELECT {key}, {ClockFieldsSql} FROM inc AS f {join} {ClockJoinSql}";
            var states = new Dictionary<(long, string), (bool Met, bool Breached)>();
            var clocks = new Dictionary<string, (int Met, int Breached)>(StringComparer.Ordinal);
            await using (var command = Command(connection, transaction, query, $"""
                WITH {IncidentsSql(query)}
                {keyedClocks}
                UNION ALL
                SELECT NULL, {ClockFieldsSql} FROM inc AS f {ClockJoinSql}
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = (reader.GetInt64(1), reader.GetString(2));
                    if (!states.TryGetValue(id, out var state))
                        states[id] = state = TrendClocks.Classify(ClockOf(query.WorkspaceId, reader), now);
                    var rowKey = reader.IsDBNull(0) ? "" : TrendKeys.FromStored(query.Cut, reader.GetString(0));
                    var counts = clocks.GetValueOrDefault(rowKey);
                    clocks[rowKey] = (counts.Met + (state.Met ? 1 : 0), counts.Breached + (state.Breached ? 1 : 0));
                }
            }
            foreach (var (rowKey, counts) in clocks)
                Update(rowKey.Length == 0 ? null : rowKey, row => row with { ClocksMet = counts.Met, ClocksBreached = counts.Breached });
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
                SELECT {key}, {seriesKey}, COUNT(*) FROM inc AS f {join} {seriesJoin} GROUP BY 1, 2
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
                FROM inc AS f {PageTargetsSql}
                GROUP BY person ORDER BY COUNT(*) DESC, person
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new PageLoadRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
            return (IReadOnlyList<PageLoadRow>)rows;
        }, cancellationToken);
    }

    /// <summary>The incidents the query selects, with the fields the figures need, from the covering index.</summary>
    private static string IncidentsSql(TrendQuery query)
    {
        var sql = new StringBuilder("""
            inc AS MATERIALIZED (
                SELECT json_extract(body, '$.number') AS n,
                    json_extract(body, '$.declaredAt') AS declared,
                    json_extract(body, '$.source') AS source,
                    json_extract(body, '$.severity') AS severity,
                    json_extract(body, '$.roles.lead') AS lead,
                    json_extract(body, '$.markets') AS markets,
                    json_extract(body, '$.languages') AS languages,
                    COALESCE(json_extract(body, '$.firstReportAt'), json_extract(body, '$.declaredAt')) AS started,
                    json_extract(body, '$.acknowledgedAt') AS acked,
                    json_extract(body, '$.mitigatedAt') AS mitigated,
                    json_extract(body, '$.resolvedAt') AS resolved,
                    COALESCE(json_extract(body, '$.reportCount'), 0) AS reports
                FROM documents INDEXED BY ix_documents_incident_trends
                WHERE workspace_id = $workspace AND type = 'incident'
                  AND json_extract(body, '$.declaredAt') >= $from AND json_extract(body, '$.declaredAt') < $to
            """);
        var filter = query.Filter;
        if (filter.Source is not null)
            sql.Append(" AND json_extract(body, '$.source') = $source");
        if (filter.Severity is not null)
            sql.Append(" AND json_extract(body, '$.severity') = $severity");
        if (filter.Market is not null)
            sql.Append(" AND EXISTS (SELECT 1 FROM json_each(json_extract(body, '$.markets')) WHERE value = $market)");
        if (filter.Language is not null)
            sql.Append(" AND EXISTS (SELECT 1 FROM json_each(json_extract(body, '$.languages')) WHERE value = $language)");
        return sql.Append(')').ToString();
    }

    /// <summary>
    /// The join and the key expression of a cut over rows <paramref name="rows"/> of <c>inc</c> or
    /// <c>facts</c>: '' when the incident has no key. A market or language listed twice in one incident
    /// counts once (the later copy is skipped), as in <see cref="TrendKeys.Of"/>.
    /// </summary>
    private static (string Join, string Key) KeyOf(TrendCut cut, string rows, string alias) => cut switch
    {
        TrendCut.Source => ("", $"{rows}.source"),
        TrendCut.Severity => ("", $"{rows}.severity"),
        TrendCut.Lead => ("", $"COALESCE({rows}.lead, '')"),
        // The Monday of the declaration's UTC week, as TrendKeys.Week says.
        TrendCut.Week => ("", $"date({rows}.declared, '-6 days', 'weekday 1')"),
        TrendCut.Market => (EachOnce(rows, alias, "markets"), $"COALESCE({alias}.value, '')"),
        TrendCut.Language => (EachOnce(rows, alias, "languages"), $"COALESCE({alias}.value, '')"),
        TrendCut.Regime => (
            $"LEFT JOIN documents AS {alias} INDEXED BY ix_documents_clocks_by_incident ON {alias}.workspace_id = $workspace "
                + $"AND {alias}.type = 'clock' AND json_extract({alias}.body, '$.incidentNumber') = {rows}.n",
            $"COALESCE(json_extract({alias}.body, '$.name'), '')"),
        _ => throw new ArgumentOutOfRangeException(nameof(cut), cut, null),
    };

    private static string EachOnce(string rows, string alias, string column) =>
        $"LEFT JOIN json_each({rows}.{column}) AS {alias} ON NOT EXISTS "
        + $"(SELECT 1 FROM json_each({rows}.{column}) AS twice WHERE twice.value = {alias}.value AND twice.key < {alias}.key)";

    /// <summary>The clock from the indexed fields (<see cref="ClockFieldsSql"/>, from column 1): enough for its state.</summary>
    private static Clock ClockOf(string workspaceId, SqliteDataReader reader)
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

    private static DateTimeOffset Time(string stored) =>
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
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 or 10 or 11 or 14 or 26)
        {
            throw new StoreUnavailableException($"The embedded store could not answer a trend query: {e.Message}", e);
        }
    }
}
