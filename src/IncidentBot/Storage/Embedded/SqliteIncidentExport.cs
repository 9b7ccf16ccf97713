using System.Runtime.CompilerServices;
using System.Text.Json;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The incident export from <see cref="IncidentFacts"/>: the record's fields come from the per-incident
/// rows (no JSON body is read or deserialised), newest first, and each incident's clocks from the covering
/// clock index read in the same descending order beside them (a merge, so memory stays flat). Reading
/// and deserialising every incident document capped the export at about 5,000 rows/s.
/// </summary>
internal sealed class SqliteIncidentExport(SqliteDocumentStore store, TimeProvider clock) : IIncidentExportStore
{
    private const string ClocksSql = """
        SELECT json_extract(body, '$.incidentNumber'), json_extract(body, '$.incidentNumber'), json_extract(body, '$.name'), json_extract(body, '$.startedAt'),
            json_extract(body, '$.window'), json_extract(body, '$.metAt'), json_extract(body, '$.breachedAt'), json_extract(body, '$.pauses')
        FROM documents INDEXED BY ix_documents_trend_clocks
        WHERE workspace_id = $workspace AND type = 'clock' AND json_extract(body, '$.incidentNumber') <= $highest
        ORDER BY json_extract(body, '$.incidentNumber') DESC
        """;

    public async IAsyncEnumerable<IncidentExportRow> ExportAsync(
        string workspaceId, IncidentFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow();
        SqliteConnection connection;
        try
        {
            connection = await store.OpenReadConnectionAsync(cancellationToken);
        }
        catch (SqliteException e) when (SqliteTrendStore.IsUnavailable(e))
        {
            throw new StoreUnavailableException($"The embedded store could not export incidents: {e.Message}", e);
        }
        await using (connection)
        {
            // One read transaction: the incidents and their clocks come from one snapshot.
            await using var transaction = connection.BeginTransaction(deferred: true);
            await using var incidents = IncidentsCommand(connection, transaction, workspaceId, filter, now);
            await using var rows = await incidents.ExecuteReaderAsync(cancellationToken);
            await using var clocks = connection.CreateCommand();
            clocks.Transaction = transaction;
            clocks.CommandText = ClocksSql;
            clocks.Parameters.AddWithValue("$workspace", workspaceId);
            var highest = clocks.Parameters.Add("$highest", SqliteType.Integer);
            SqliteDataReader? clockRows = null;
            (int Number, bool Met, bool Breached)? pending = null;
            try
            {
                while (await rows.ReadAsync(cancellationToken))
                {
                    var number = rows.GetInt32(0);
                    int met = 0, breached = 0;
                    if (rows.GetBoolean(15))
                    {
                        // The clocks' reader starts at the first incident with a clock and walks down beside the incidents.
                        if (clockRows is null)
                        {
                            highest.Value = number;
                            clockRows = await clocks.ExecuteReaderAsync(cancellationToken);
                        }
                        while (true)
                        {
                            if (pending is null)
                            {
                                if (!await clockRows.ReadAsync(cancellationToken))
                                    break;
                                var (isMet, isBreached) = TrendClocks.Classify(SqliteTrendStore.ClockOf(workspaceId, clockRows), now);
                                pending = (clockRows.GetInt32(0), isMet, isBreached);
                            }
                            if (pending.Value.Number > number)
                            {
                                pending = null; // an incident the filter left out
                                continue;
                            }
                            if (pending.Value.Number < number)
                                break;
                            met += pending.Value.Met ? 1 : 0;
                            breached += pending.Value.Breached ? 1 : 0;
                            pending = null;
                        }
                    }
                    yield return RowOf(rows, met, breached);
                }
            }
            finally
            {
                if (clockRows is not null)
                    await clockRows.DisposeAsync();
            }
        }
    }

    private static SqliteCommand IncidentsCommand(SqliteConnection connection, SqliteTransaction transaction, string workspaceId, IncidentFilter filter, DateTimeOffset now)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var where = new List<string> { "workspace_id = $workspace", "(expires_at IS NULL OR expires_at > $now)" };
        command.Parameters.AddWithValue("$workspace", workspaceId);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        if (filter.OpenOnly)
            where.Add("is_open = 1");
        if (filter.Status is { } status)
        {
            where.Add("status = $status");
            command.Parameters.AddWithValue("$status", Stored(status));
        }
        if (filter.Severity is { } severity)
        {
            where.Add("severity = $severity");
            command.Parameters.AddWithValue("$severity", Stored(severity));
        }
        if (filter.Source is { } source)
        {
            where.Add("source = $source");
            command.Parameters.AddWithValue("$source", Stored(source));
        }
        if (filter.Market is { } market)
        {
            where.Add("EXISTS (SELECT 1 FROM json_each(markets) WHERE value = $market)");
            command.Parameters.AddWithValue("$market", market);
        }
        if (filter.Language is { } language)
        {
            where.Add("EXISTS (SELECT 1 FROM json_each(languages) WHERE value = $language)");
            command.Parameters.AddWithValue("$language", language);
        }
        command.Parameters.AddWithValue("$limit", filter.Limit);
        command.CommandText = $"""
            SELECT number, title, is_restricted, severity, status, source, markets, languages, declared_at,
                acknowledged_at, mitigated_at, resolved_at, closed_at, lead, report_count, regimes <> '[]'
            FROM incident_facts INDEXED BY ix_incident_facts_number
            WHERE {string.Join(" AND ", where)}
            ORDER BY number DESC LIMIT $limit
            """;
        return command;
    }

    private static IncidentExportRow RowOf(SqliteDataReader reader, int clocksMet, int clocksBreached)
    {
        var isRestricted = !reader.IsDBNull(2) && reader.GetBoolean(2);
        return new IncidentExportRow
        {
            Number = reader.GetInt32(0),
            // Exports are read outside the incident's channel: nobody reading one is a member.
            Title = isRestricted ? TrendRedaction.Withheld : reader.IsDBNull(1) ? "" : reader.GetString(1),
            IsRestricted = isRestricted,
            Severity = Enum.Parse<Severity>(reader.GetString(3), ignoreCase: true),
            Status = Enum.Parse<IncidentStatus>(reader.GetString(4), ignoreCase: true),
            Source = Enum.Parse<IncidentSource>(reader.GetString(5), ignoreCase: true),
            Markets = Codes(reader, 6),
            Languages = Codes(reader, 7),
            DeclaredAt = SqliteTrendStore.Time(reader.GetString(8)),
            AcknowledgedAt = Time(reader, 9),
            MitigatedAt = Time(reader, 10),
            ResolvedAt = Time(reader, 11),
            ClosedAt = Time(reader, 12),
            Lead = reader.IsDBNull(13) ? null : reader.GetString(13),
            ReportCount = reader.GetInt32(14),
            ClocksMet = clocksMet,
            ClocksBreached = clocksBreached,
        };
    }

    private static string[] Codes(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal), DocumentJson.Options) ?? [];

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqliteTrendStore.Time(reader.GetString(ordinal));

    private static string Stored(object value) => DocumentJson.ToJsonValue(value).GetString()!;
}
