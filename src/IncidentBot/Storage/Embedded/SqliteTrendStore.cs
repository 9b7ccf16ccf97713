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
/// one sequential scan of the incidents in range (durations and page sums precomputed, keys as stored),
/// then one range scan of their clocks in a covering index. Counts, sums and the nearest-rank
/// percentiles are added up here; only the figures of each incident and the durations of each key are
/// held, never documents.
/// </summary>
/// <remarks>
/// The first form computed everything in SQL from the JSON bodies: the bundled SQLite flattened the
/// first-lead lookup into 8 correlated subqueries, evaluated julianday() for 400,000 times and sorted
/// three window partitions; a year of 100,000 incidents took 5–6 s. The statements run in one read
/// transaction, so they see one snapshot.
/// </remarks>
internal sealed class SqliteTrendStore(SqliteDocumentStore store, TimeProvider clock) : ITrendStore
{
    // The pages of the selected incidents, from the pages' covering index (page load per person).
    // CROSS JOIN keeps that order: SQLite may otherwise put the pages outside and scan the incidents once per page.
    private const string PagesSql = """
        CROSS JOIN documents AS p INDEXED BY ix_documents_pages_by_incident
            ON p.workspace_id = $workspace AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = +f.number
        """;

    // The clocks of a range of incident numbers in one range scan of the covering index (it holds `type`, so SQLite
    // never opens a body). Column 0 repeats the number so that ClockOf reads the same columns as the export's.
    private const string ClocksSql = """
        SELECT json_extract(body, '$.incidentNumber'), json_extract(body, '$.incidentNumber'), json_extract(body, '$.name'), json_extract(body, '$.startedAt'),
            json_extract(body, '$.window'), json_extract(body, '$.metAt'), json_extract(body, '$.breachedAt'), json_extract(body, '$.pauses')
        FROM documents INDEXED BY ix_documents_trend_clocks
        WHERE workspace_id = $workspace AND type = 'clock' AND json_extract(body, '$.incidentNumber') BETWEEN $first AND $last
        """;

    public async Task<TrendReport> AggregateAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow();
        return await ReadAsync((connection, transaction) =>
        {
            // The incidents in range, once each: the key's stored value (a JSON array for markets, languages and
            // regimes, split by TrendStoredKeys rather than by json_each, which parsed each array twice per row),
            // the figures, and whether the incident has clocks (a clock name among its regimes). Each incident's
            // figures go into its rows at once; only the rows of the incidents with clocks are kept, for their clocks.
            var groups = new Dictionary<string, TrendRowBuilder>(StringComparer.Ordinal);
            var keys = new TrendStoredKeys(query.Cut, groups);
            var total = new TrendRowBuilder();
            var withClocks = new Dictionary<long, (TrendRowBuilder Group, string Name)[]>();
            long first = long.MaxValue, last = long.MinValue;
            using (var scan = Scan(connection, query, $"""
                SELECT f.number, {StoredKey(query.Cut, "f")}, f.report_count, f.tta, f.ttm, f.ttr, f.pages_sent, f.pages_acknowledged, f.night_pages, f.weekend_pages,
                    f.regimes <> '[]'
                FROM incident_facts AS f {Where(query)}
                """))
            {
                for (var read = 0; scan.Step(); read++)
                {
                    if ((read & 4095) == 0)
                        cancellationToken.ThrowIfCancellationRequested();
                    var figures = new TrendFigures(
                        scan.Int32(2), scan.NullableInt64(3), scan.NullableInt64(4), scan.NullableInt64(5),
                        scan.Int32(6), scan.Int32(7), scan.Int32(8), scan.Int32(9));
                    var rows = keys.Of(scan.Text(1));
                    foreach (var (group, _) in rows)
                        group.Add(figures);
                    total.Add(figures);
                    if (scan.Int64(10) != 0)
                    {
                        var number = scan.Int64(0);
                        withClocks[number] = rows;
                        first = Math.Min(first, number);
                        last = Math.Max(last, number);
                    }
                }
            }

            // Their clocks: the numbers from the first to the last incident with any, keeping those of the selected ones.
            // A regime row counts only its own clocks (keyed by the clock's name); every other row all of its incident's.
            if (withClocks.Count > 0)
            {
                using var scan = Scan(connection, query, ClocksSql);
                scan.Bind("$first", first);
                scan.Bind("$last", last);
                while (scan.Step())
                {
                    if (!withClocks.TryGetValue(scan.Int64(0), out var rows))
                        continue;
                    var name = scan.Text(2)!;
                    var (met, breached) = TrendClocks.Classify(
                        ClockOf(query.WorkspaceId, scan.Int32(1), name, scan.Text(3)!, scan.Text(4)!, scan.Text(5), scan.Text(6), scan.Text(7)), now);
                    foreach (var (group, rowName) in rows)
                    {
                        if (query.Cut != TrendCut.Regime || rowName == name)
                            group.AddClock(met, breached);
                    }
                    total.AddClock(met, breached);
                }
            }

            return Task.FromResult(TrendReport.Create(
                query, groups.Select(g => g.Value.ToRow(g.Key)), total.IsEmpty ? null : total.ToRow(TrendReport.TotalKey)));
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
            // Each page's targets as stored (from the covering index), walked once in code: json_each split them and
            // json_extract then parsed every target four times, and the page's acknowledger once per target.
            var load = new Dictionary<string, PageLoadRow>(StringComparer.Ordinal);
            await using (var command = Command(connection, transaction, query, $"""
                WITH inc AS MATERIALIZED (SELECT f.number FROM incident_facts AS f {Where(query)} AND f.pages_sent > 0)
                SELECT json_extract(p.body, '$.acknowledgedBy'), json_extract(p.body, '$.targets')
                FROM inc AS f {PagesSql}
                """))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (!reader.IsDBNull(1))
                        AddTargets(load, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1));
                }
            }
            return (IReadOnlyList<PageLoadRow>)[.. load.Values.OrderByDescending(r => r.Sent).ThenBy(r => r.User, Utf8Order.Instance)];
        }, cancellationToken);
    }

    /// <summary>A page's targets that were sent, as the json_each rows counted them: acknowledged when the target is the acknowledger; night and weekend when true.</summary>
    private static void AddTargets(Dictionary<string, PageLoadRow> load, string? acknowledgedBy, string targets)
    {
        using var document = JsonDocument.Parse(targets);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            return;
        foreach (var target in document.RootElement.EnumerateArray())
        {
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty("sentAt", out var sentAt) || sentAt.ValueKind == JsonValueKind.Null)
                continue;
            var user = target.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
            var known = load.GetValueOrDefault(user) ?? new PageLoadRow(user, 0, 0, 0, 0);
            load[user] = known with
            {
                Sent = known.Sent + 1,
                Acknowledged = known.Acknowledged + (user == acknowledgedBy ? 1 : 0),
                Night = known.Night + (IsTrue(target, "isNight") ? 1 : 0),
                Weekend = known.Weekend + (IsTrue(target, "isWeekend") ? 1 : 0),
            };
        }
    }

    /// <summary>What SQL's CASE WHEN made of the member: true, or a number other than 0.</summary>
    private static bool IsTrue(JsonElement target, string name) =>
        target.TryGetProperty(name, out var value)
        && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.Number && value.GetDouble() != 0));

    /// <summary>The column holding a cut's key as stored: a value, or a JSON array of them (<see cref="TrendStoredKeys"/>).</summary>
    private static string StoredKey(TrendCut cut, string rows) => cut switch
    {
        TrendCut.Source => $"{rows}.source",
        TrendCut.Severity => $"{rows}.severity",
        TrendCut.Lead => $"COALESCE({rows}.lead, '')",
        TrendCut.Week => $"{rows}.week",
        TrendCut.Market => $"{rows}.markets",
        TrendCut.Language => $"{rows}.languages",
        TrendCut.Regime => $"{rows}.regimes",
        _ => throw new ArgumentOutOfRangeException(nameof(cut), cut, null),
    };

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
    internal static Clock ClockOf(string workspaceId, SqliteDataReader reader) => ClockOf(
        workspaceId, reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7));

    private static Clock ClockOf(string workspaceId, int number, string name, string startedAt, string window, string? metAt, string? breachedAt, string? pauses)
    {
        var started = Time(startedAt);
        return new Clock
        {
            WorkspaceId = workspaceId,
            IncidentNumber = number,
            Name = name,
            StartedAt = started,
            RecordedAt = started,
            // System.Text.Json writes a TimeSpan in the constant ("c") format.
            Window = TimeSpan.ParseExact(window, "c", CultureInfo.InvariantCulture),
            MetAt = metAt is null ? null : Time(metAt),
            BreachedAt = breachedAt is null ? null : Time(breachedAt),
            Pauses = pauses is null or "[]" ? [] : JsonSerializer.Deserialize<List<ClockPause>>(pauses, DocumentJson.Options) ?? [],
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

    /// <summary>A <see cref="SqliteRowScan"/> of <paramref name="sql"/> with the query's parameters bound (those it names).</summary>
    private static SqliteRowScan Scan(SqliteConnection connection, TrendQuery query, string sql)
    {
        var scan = new SqliteRowScan(connection, sql);
        try
        {
            scan.Bind("$workspace", query.WorkspaceId);
            scan.Bind("$from", Stored(query.From));
            scan.Bind("$to", Stored(query.To));
            var filter = query.Filter;
            if (filter.Source is { } source)
                scan.Bind("$source", Stored(source));
            if (filter.Severity is { } severity)
                scan.Bind("$severity", Stored(severity));
            if (filter.Market is { } market)
                scan.Bind("$market", market);
            if (filter.Language is { } language)
                scan.Bind("$language", language);
            return scan;
        }
        catch
        {
            scan.Dispose();
            throw;
        }
    }

    /// <summary>The value as the documents hold it (enum names, fixed-width UTC times), so comparisons match.</summary>
    private static string Stored(object value) => DocumentJson.ToJsonValue(value).GetString()!;

    /// <summary>Busy, locked, I/O, corrupt, cannot open, not a database: the store is unavailable, not the query wrong.</summary>
    internal static bool IsUnavailable(SqliteException e) => e.SqliteErrorCode is 5 or 6 or 10 or 11 or 14 or 26;

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
