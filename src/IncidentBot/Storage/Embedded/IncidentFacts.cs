namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The <c>incident_facts</c> table: one row per incident with what the trend figures and the CSV
/// export read — keys, lifecycle times, the durations in whole seconds, the first lead assignment,
/// page sums and clock names — so a year of figures is one scan of a compact table instead of
/// 100,000 JSON bodies, lookups per incident and date arithmetic at read time.
/// </summary>
/// <remarks>
/// Triggers on <c>documents</c> keep the rows in the same transaction as the write that changes an
/// incident, a role assignment, a page or a clock (the unit of work commits documents together, so
/// the facts can never be seen out of step). Every derived column is recomputed from the documents
/// by a lookup, never adjusted by a delta, so a row is always a function of the documents and the
/// rebuild (schema 1 → 2) gives the same rows as the triggers. The durations are the SQL the trend
/// statements used before (nearest second, never negative, from the first report else the declaration).
/// </remarks>
internal static class IncidentFacts
{
    // Rows in declaration order (the trend range is one seek and a sequential scan); numbers unique per workspace.
    private const string TableSql = """
        CREATE TABLE IF NOT EXISTS incident_facts (
            workspace_id       TEXT NOT NULL,
            declared_at        TEXT NOT NULL,
            number             INTEGER NOT NULL,
            week               TEXT,
            source             TEXT,
            severity           TEXT,
            lead               TEXT,
            markets            TEXT,
            languages          TEXT,
            regimes            TEXT NOT NULL DEFAULT '[]',
            report_count       INTEGER NOT NULL DEFAULT 0,
            started_at         TEXT,
            acknowledged_at    TEXT,
            lead_at            TEXT,
            mitigated_at       TEXT,
            resolved_at        TEXT,
            closed_at          TEXT,
            tta                INTEGER,
            ttm                INTEGER,
            ttr                INTEGER,
            pages_sent         INTEGER NOT NULL DEFAULT 0,
            pages_acknowledged INTEGER NOT NULL DEFAULT 0,
            night_pages        INTEGER NOT NULL DEFAULT 0,
            weekend_pages      INTEGER NOT NULL DEFAULT 0,
            title              TEXT,
            is_restricted      INTEGER,
            status             TEXT,
            is_open            INTEGER,
            expires_at         INTEGER,
            PRIMARY KEY (workspace_id, declared_at, number)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS ix_incident_facts_number ON incident_facts (workspace_id, number);
        """;

    private const string Columns = """
        workspace_id, declared_at, number, week, source, severity, lead, markets, languages, report_count,
        started_at, acknowledged_at, mitigated_at, resolved_at, closed_at, ttm, ttr, title, is_restricted, status, is_open, expires_at
        """;

    /// <summary>Seconds from the row's start to <paramref name="end"/>, as the trend figures count them.</summary>
    private static string Seconds(string end, string start) =>
        $"CASE WHEN {end} IS NULL THEN NULL ELSE MAX(0, CAST(ROUND((julianday({end}) - julianday({start})) * 86400.0) AS INTEGER)) END";

    /// <summary>The values of <see cref="Columns"/> from a document row (<paramref name="row"/>: NEW, or the table itself).</summary>
    private static string Values(string row) => string.Join(", ", ValueList(row));

    private static string[] ValueList(string row)
    {
        string Field(string path) => $"json_extract({row}body, '$.{path}')";
        var started = $"COALESCE({Field("firstReportAt")}, {Field("declaredAt")})";
        return
        [
            $"{row}workspace_id", $"COALESCE({Field("declaredAt")}, '')", Field("number"), $"date({Field("declaredAt")}, '-6 days', 'weekday 1')",
            Field("source"), Field("severity"), Field("roles.lead"), Field("markets"), Field("languages"), $"COALESCE({Field("reportCount")}, 0)",
            started, Field("acknowledgedAt"), Field("mitigatedAt"), Field("resolvedAt"), Field("closedAt"),
            Seconds(Field("mitigatedAt"), started), Seconds(Field("resolvedAt"), started),
            Field("title"), Field("isRestricted"), Field("status"), Field("isOpen"), $"{row}expires_at",
        ];
    }

    // The derived columns of the rows <where> selects, each from a lookup by incident number (the partial
    // indexes of SqliteSchema): a handful of documents per incident. The unary + drops the column's INTEGER
    // affinity: compared with it, an expression index (no affinity) cannot seek on the number, and every
    // lookup scanned all of the workspace's pages, clocks or lead assignments.
    private static string LeadSql(string where) => $"""
        UPDATE incident_facts SET lead_at = (
            SELECT MIN(json_extract(l.body, '$.at')) FROM documents AS l
            WHERE l.workspace_id = incident_facts.workspace_id AND l.type = 'timeline' AND json_extract(l.body, '$.kind') = 'roleAssigned'
              AND json_extract(l.body, '$.text') = 'lead' AND json_extract(l.body, '$.incidentNumber') = +incident_facts.number)
        WHERE {where};
        """;

    // Time to acknowledge: the earlier of the incident's acknowledgement and the first lead assignment.
    private static string AcknowledgeSql(string where) => $"""
        UPDATE incident_facts SET tta = {Seconds("CASE WHEN acknowledged_at IS NULL THEN lead_at WHEN lead_at IS NULL OR acknowledged_at <= lead_at THEN acknowledged_at ELSE lead_at END", "started_at")}
        WHERE {where};
        """;

    // Page messages sent (a target with sentAt), acknowledged by the person paged, at night, on weekends.
    private static string PagesSql(string where) => $"""
        UPDATE incident_facts SET (pages_sent, pages_acknowledged, night_pages, weekend_pages) = (
            SELECT COUNT(*),
                COALESCE(SUM(CASE WHEN json_extract(t.value, '$.user') = json_extract(p.body, '$.acknowledgedBy') THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isNight') THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN json_extract(t.value, '$.isWeekend') THEN 1 ELSE 0 END), 0)
            FROM documents AS p JOIN json_each(json_extract(p.body, '$.targets')) AS t
            WHERE p.workspace_id = incident_facts.workspace_id AND p.type = 'page' AND json_extract(p.body, '$.incidentNumber') = +incident_facts.number
              AND json_extract(t.value, '$.sentAt') IS NOT NULL)
        WHERE {where};
        """;

    // The names of the incident's clocks (the regime cut's keys), each once.
    private static string RegimesSql(string where) => $"""
        UPDATE incident_facts SET regimes = (
            SELECT json_group_array(DISTINCT json_extract(c.body, '$.name')) FROM documents AS c
            WHERE c.workspace_id = incident_facts.workspace_id AND c.type = 'clock' AND json_extract(c.body, '$.incidentNumber') = +incident_facts.number
              AND json_extract(c.body, '$.name') IS NOT NULL)
        WHERE {where};
        """;

    /// <summary>The facts row of the incident a document row names (<paramref name="row"/>: a prefix, <c>NEW.</c> or a parameter's <c>$new_</c>).</summary>
    private static string Of(string row, string numberPath) =>
        $"incident_facts.workspace_id = {row}workspace_id AND incident_facts.number = json_extract({row}body, '$.{numberPath}')";

    private static string IsRelated(string row) =>
        $"({row}.type IN ('page', 'clock') OR ({row}.type = 'timeline' AND json_extract({row}.body, '$.kind') = 'roleAssigned'))";

    // An incident replaced in place (same number and declaration time: the row's key) changes only its own columns:
    // the lead, pages and clock names come from other documents, so the row is updated where it is, not deleted,
    // inserted and looked up again (PERFORMANCE.md, store13: a page of ix_incident_facts_number and three lookups a join).
    private const string SameRow = """
        (OLD.type = 'incident' AND NEW.type = 'incident' AND OLD.workspace_id = NEW.workspace_id
         AND json_extract(OLD.body, '$.number') IS json_extract(NEW.body, '$.number')
         AND json_extract(OLD.body, '$.declaredAt') IS json_extract(NEW.body, '$.declaredAt'))
        """;

    // Columns and Values without the key (workspace_id, declared_at, number), in the same order.
    private static readonly string IncidentColumns = string.Join(", ", Columns.Split(',', StringSplitOptions.TrimEntries).Skip(3));

    private static string IncidentValues(string row) => string.Join(", ", ValueList(row).Skip(3));

    /// <summary>Every derived column of the rows <paramref name="where"/> selects.</summary>
    private static string Derived(string where) => LeadSql(where) + AcknowledgeSql(where) + PagesSql(where) + RegimesSql(where);

    /// <summary>The table, its index and the triggers; idempotent.</summary>
    public static readonly string CreateSql = TableSql + $"""
        CREATE TRIGGER IF NOT EXISTS incident_facts_incident_inserted AFTER INSERT ON documents WHEN NEW.type = 'incident'
        BEGIN
            INSERT OR REPLACE INTO incident_facts ({Columns}) VALUES ({Values("NEW.")});
            {Derived(Of("NEW.", "number"))}
        END;
        CREATE TRIGGER IF NOT EXISTS incident_facts_incident_updated AFTER UPDATE ON documents
            WHEN (OLD.type = 'incident' OR NEW.type = 'incident') AND NOT {SameRow}
        BEGIN
            DELETE FROM incident_facts WHERE OLD.type = 'incident' AND {Of("OLD.", "number")};
            INSERT OR REPLACE INTO incident_facts ({Columns}) SELECT {Values("NEW.")} WHERE NEW.type = 'incident';
            {Derived(Of("NEW.", "number"))}
        END;
        CREATE TRIGGER IF NOT EXISTS incident_facts_incident_changed AFTER UPDATE ON documents WHEN {SameRow}
        BEGIN
            UPDATE incident_facts SET ({IncidentColumns}) = ({IncidentValues("NEW.")}) WHERE {Of("NEW.", "number")};
            {AcknowledgeSql(Of("NEW.", "number"))}
        END;
        CREATE TRIGGER IF NOT EXISTS incident_facts_incident_deleted AFTER DELETE ON documents WHEN OLD.type = 'incident'
        BEGIN
            DELETE FROM incident_facts WHERE {Of("OLD.", "number")};
        END;
        CREATE TRIGGER IF NOT EXISTS incident_facts_related_inserted AFTER INSERT ON documents WHEN {IsRelated("NEW")}
        BEGIN
            {Derived(Of("NEW.", "incidentNumber"))}
        END;
        CREATE TRIGGER IF NOT EXISTS incident_facts_related_updated AFTER UPDATE ON documents WHEN {IsRelated("OLD")} OR {IsRelated("NEW")}
        BEGIN
            {Derived(Of("OLD.", "incidentNumber"))}
            {Derived(Of("NEW.", "incidentNumber"))}
        END;
        CREATE TRIGGER IF NOT EXISTS incident_facts_related_deleted AFTER DELETE ON documents WHEN {IsRelated("OLD")}
        BEGIN
            {Derived(Of("OLD.", "incidentNumber"))}
        END;

        """;

    // The writer's own statements (IncidentFactsUpkeep): the triggers' statements with the row written bound as
    // $new_workspace_id, $new_body and $new_expires_at, and the row as it was as $old_workspace_id and $old_body.
    private const string New = "$new_";
    private const string Old = "$old_";

    private static string[] Statements(string sql) =>
        [.. sql.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>An incident replaced in place (<c>incident_facts_incident_changed</c>): its row's own columns, if the row has its key.</summary>
    public static readonly string UpdateInPlaceSql =
        $"UPDATE incident_facts SET ({IncidentColumns}) = ({IncidentValues(New)}) WHERE {Of(New, "number")} AND declared_at = COALESCE(json_extract({New}body, '$.declaredAt'), '')";

    /// <summary>After <see cref="UpdateInPlaceSql"/> changed the row: the time to acknowledge.</summary>
    public static readonly string[] AcknowledgeInPlaceSql = Statements(AcknowledgeSql(Of(New, "number")));

    /// <summary>An incident written whose row is missing or keyed otherwise (<c>incident_facts_incident_inserted</c>): the row again, and what other documents give it.</summary>
    public static readonly string[] IncidentWrittenSql = Statements($"INSERT OR REPLACE INTO incident_facts ({Columns}) VALUES ({Values(New)});" + Derived(Of(New, "number")));

    /// <summary>An incident deleted or retyped (<c>incident_facts_incident_deleted</c>).</summary>
    public static readonly string IncidentRemovedSql = $"DELETE FROM incident_facts WHERE {Of(Old, "number")}";

    /// <summary>A lead assignment, page or clock written (<c>incident_facts_related_*</c>): its incident's derived columns.</summary>
    public static readonly string[] RelatedWrittenSql = Statements(Derived(Of(New, "incidentNumber")));

    /// <summary>A lead assignment, page or clock as it was, replaced or deleted: its incident's derived columns.</summary>
    public static readonly string[] RelatedRemovedSql = Statements(Derived(Of(Old, "incidentNumber")));

    /// <summary>
    /// Before the update trigger split (store13) it rewrote every incident's row; a file without the in-place trigger has
    /// that one, dropped here so <see cref="CreateSql"/> makes both. Triggers only: an older build still works on the file.
    /// </summary>
    public const string SplitUpdateTriggerSql = """
        DROP TRIGGER IF EXISTS incident_facts_incident_updated;
        """;

    /// <summary>
    /// Every trigger of <see cref="CreateSql"/>, for a schema change that updates many documents without changing what the
    /// facts are made of (schema 5 fills the member columns): it runs without them, and <see cref="CreateSql"/> makes them again.
    /// </summary>
    public const string DropTriggersSql = """
        DROP TRIGGER IF EXISTS incident_facts_incident_inserted;
        DROP TRIGGER IF EXISTS incident_facts_incident_updated;
        DROP TRIGGER IF EXISTS incident_facts_incident_changed;
        DROP TRIGGER IF EXISTS incident_facts_incident_deleted;
        DROP TRIGGER IF EXISTS incident_facts_related_inserted;
        DROP TRIGGER IF EXISTS incident_facts_related_updated;
        DROP TRIGGER IF EXISTS incident_facts_related_deleted;

        """;

    /// <summary>Whether the file already has the in-place update trigger (see <see cref="SplitUpdateTriggerSql"/>).</summary>
    public const string HasSplitUpdateTriggerSql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'incident_facts_incident_changed'";

    /// <summary>Every row again from the documents (the schema 1 → 2 upgrade, or a repair).</summary>
    public static readonly string RebuildSql = $"""
        DELETE FROM incident_facts;
        INSERT OR REPLACE INTO incident_facts ({Columns}) SELECT {Values("")} FROM documents WHERE type = 'incident' AND {SqliteSchema.NotBulkType};
        {Derived("1")}
        """;
}
