// What the incident facts' triggers add to the embedded store's writes, measured with the bot's own SQLite.
//
// On a copy of a store after a load run (a file with incidents, timeline events, reports and ledger entries), times
// 20,000 inserts of copies of stored timeline, report and ledger bodies under new ids, and 20,000 in-place replaces of
// 100 incidents' bodies (reportCount one up and back), each batch in one transaction that is rolled back, three times;
// prints the fastest of the three. `without` drops the facts' triggers first (in the copy's transaction-less setup, so
// give it a copy). The writer's settings that matter here are set: WAL, and temporary data in memory (without it the
// statement journals of statements that fire triggers go to a file, and triggers look three times dearer).
//
//   native=<bot build>/runtimes/linux-x64/native
//   gcc -O2 -o /tmp/facts-trigger-cost bench/scripts/facts-trigger-cost.c -I<dir of sqlite3.h> -L$native -l:libe_sqlite3.so -lm -Wl,-rpath,$native
//   cp store.db /tmp/a.db && /tmp/facts-trigger-cost /tmp/a.db with
//   cp store.db /tmp/b.db && /tmp/facts-trigger-cost /tmp/b.db without
//
// The copy: `python3 -c "import sqlite3; sqlite3.connect(SRC).backup(sqlite3.connect(DST))"` while the bot runs.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROWS 300
#define WRITES 20000

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

// Up to ROWS rows of the query as (workspace, id or type, body).
static int load(sqlite3 *db, const char *sql, char ws[][64], char key[][64], char *body[])
{
    sqlite3_stmt *select;
    check(db, sqlite3_prepare_v2(db, sql, -1, &select, 0), "select");
    int n = 0;
    while (n < ROWS && sqlite3_step(select) == SQLITE_ROW) {
        snprintf(ws[n], 64, "%s", (const char *)sqlite3_column_text(select, 0));
        snprintf(key[n], 64, "%s", (const char *)sqlite3_column_text(select, 1));
        body[n] = strdup((const char *)sqlite3_column_text(select, 2));
        n++;
    }
    sqlite3_finalize(select);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s COPY.db with|without\n", argv[0]);
        return 2;
    }
    sqlite3 *db;
    check(db, sqlite3_open(argv[1], &db), "open");
    check(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;", 0, 0, 0), "settings");
    if (strcmp(argv[2], "without") == 0)
        check(db, sqlite3_exec(db,
            "DROP TRIGGER IF EXISTS incident_facts_incident_inserted; DROP TRIGGER IF EXISTS incident_facts_incident_updated;"
            "DROP TRIGGER IF EXISTS incident_facts_incident_changed; DROP TRIGGER IF EXISTS incident_facts_incident_deleted;"
            "DROP TRIGGER IF EXISTS incident_facts_related_inserted; DROP TRIGGER IF EXISTS incident_facts_related_updated;"
            "DROP TRIGGER IF EXISTS incident_facts_related_deleted;", 0, 0, 0), "drop triggers");

    static char ws[ROWS][64], type[ROWS][64], wsi[ROWS][64], id[ROWS][64];
    static char *body[ROWS], *incident[ROWS], *changed[ROWS];
    int n = load(db, "SELECT workspace_id, type, body FROM documents WHERE type IN ('timeline', 'report', 'ledger') LIMIT 300", ws, type, body);
    int m = load(db, "SELECT workspace_id, id, body FROM documents WHERE type = 'incident' LIMIT 100", wsi, id, incident);
    if (n == 0 || m == 0) {
        fprintf(stderr, "the copy has no events, reports or incidents to write\n");
        return 1;
    }
    sqlite3_stmt *bump;
    check(db, sqlite3_prepare_v2(db, "SELECT json_set(?1, '$.reportCount', COALESCE(json_extract(?1, '$.reportCount'), 0) + 1)", -1, &bump, 0), "bump");
    for (int i = 0; i < m; i++) {
        sqlite3_bind_text(bump, 1, incident[i], -1, SQLITE_STATIC);
        check(db, sqlite3_step(bump), "bump");
        changed[i] = strdup((const char *)sqlite3_column_text(bump, 0));
        sqlite3_reset(bump);
    }

    sqlite3_stmt *insert, *replace;
    check(db, sqlite3_prepare_v2(db,
        "INSERT INTO documents (workspace_id, id, type, etag, body, expires_at, number, is_open, channel) VALUES (?, ?, ?, 'e', ?, NULL, NULL, NULL, NULL)",
        -1, &insert, 0), "insert");
    check(db, sqlite3_prepare_v2(db, "UPDATE documents SET body = ?, etag = 'e' WHERE workspace_id = ? AND id = ?", -1, &replace, 0), "replace");

    double best_insert = 1e9, best_replace = 1e9;
    char fresh[64];
    for (int round = 0; round < 3; round++) {
        check(db, sqlite3_exec(db, "BEGIN", 0, 0, 0), "begin");
        double start = seconds();
        for (int k = 0; k < WRITES; k++) {
            int i = k % n;
            snprintf(fresh, sizeof fresh, "cost-%d-%08d", round, k);
            sqlite3_bind_text(insert, 1, ws[i], -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 2, fresh, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert, 3, type[i], -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 4, body[i], -1, SQLITE_STATIC);
            check(db, sqlite3_step(insert), "insert");
            sqlite3_reset(insert);
        }
        double inserted = seconds();
        for (int k = 0; k < WRITES; k++) {
            int i = k % m;
            sqlite3_bind_text(replace, 1, (k / m) % 2 ? incident[i] : changed[i], -1, SQLITE_STATIC);
            sqlite3_bind_text(replace, 2, wsi[i], -1, SQLITE_STATIC);
            sqlite3_bind_text(replace, 3, id[i], -1, SQLITE_STATIC);
            check(db, sqlite3_step(replace), "replace");
            sqlite3_reset(replace);
        }
        double replaced = seconds();
        check(db, sqlite3_exec(db, "ROLLBACK", 0, 0, 0), "rollback");
        double per_insert = (inserted - start) / WRITES * 1e6, per_replace = (replaced - inserted) / WRITES * 1e6;
        if (per_insert < best_insert)
            best_insert = per_insert;
        if (per_replace < best_replace)
            best_replace = per_replace;
    }
    printf("%s triggers: %.2f us an insert (event, report, ledger entry), %.2f us an incident replaced in place\n", argv[2], best_insert, best_replace);
    sqlite3_close(db);
    return 0;
}
