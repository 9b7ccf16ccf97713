#!/usr/bin/env python3
# usage: dotnet <StoreBenchmarks>.dll open-file X.db (an empty schema 5 file), then schema4file.py X.db [documents], then
# dotnet <StoreBenchmarks>.dll open-file <a copy of X.db> to time the upgrade.
# A synthetic schema 4 file of 1,200,000 documents (PERFORMANCE.md, cols14): made from an empty schema 5 file of the
# branch's build by the integration test's downgrade (SqliteMemberColumnsTests.Schema4), then filled with a recursive CTE
# without the facts' triggers (made again after; statement by statement, each its own transaction), like store13's schema 3 file: 70 % timeline/ledger/report, ~600-byte bodies.
import sqlite3, sys, time
path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_200_000
db = sqlite3.connect(path, isolation_level=None)
triggers = [r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")]
names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
assert db.execute("PRAGMA user_version").fetchone()[0] == 5 and len(triggers) == 7
started = time.time()
for name in names:
    db.execute(f"DROP TRIGGER {name}")
db.executescript("""
DROP INDEX ix_documents_number; DROP INDEX ix_documents_is_open; DROP INDEX ix_documents_channel;
ALTER TABLE documents DROP COLUMN number; ALTER TABLE documents DROP COLUMN is_open; ALTER TABLE documents DROP COLUMN channel;
CREATE INDEX ix_documents_number ON documents (workspace_id, type, json_extract(body, '$.number'), id) WHERE type = 'incident';
CREATE INDEX ix_documents_is_open ON documents (workspace_id, type, json_extract(body, '$.isOpen'), json_extract(body, '$.number'), id)
    WHERE type = 'incident' OR type = 'action-item' OR type = 'postmortem';
CREATE INDEX ix_documents_channel ON documents (workspace_id, type, json_extract(body, '$.channel'), id) WHERE type = 'incident';
PRAGMA user_version = 4;
""")
db.execute(f"""
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < {n}),
d AS (SELECT k, CASE WHEN k % 10 < 3 THEN 'timeline' WHEN k % 10 < 5 THEN 'ledger' WHEN k % 10 < 7 THEN 'report'
                     WHEN k % 10 = 7 THEN 'clock' WHEN k % 10 = 8 THEN 'page'
                     WHEN k % 60 = 19 THEN 'action-item' WHEN k % 60 = 29 THEN 'postmortem' ELSE 'incident' END AS type,
             k / 10 AS number FROM i)
INSERT INTO documents (workspace_id, id, type, etag, body, expires_at)
SELECT 'T0BENCH', type || '-' || k, type, '"' || hex(randomblob(16)) || '"',
    CASE WHEN type = 'incident' THEN json_object('id', 'inc-' || number, 'workspaceId', 'T0BENCH', 'type', 'incident', 'number', number,
            'title', hex(randomblob(60)), 'status', CASE WHEN number % 5 = 0 THEN 'closed' ELSE 'investigating' END,
            'isOpen', json(CASE WHEN number % 5 = 0 THEN 'false' ELSE 'true' END), 'channel', 'C0' || number,
            'declaredAt', '2026-11-01T00:00:00Z', 'text', hex(randomblob(200)))
         WHEN type IN ('action-item', 'postmortem') THEN json_object('id', type || '-' || k, 'workspaceId', 'T0BENCH', 'type', type,
            'incidentNumber', number, 'isOpen', json(CASE WHEN k % 3 = 0 THEN 'false' ELSE 'true' END), 'text', hex(randomblob(250)))
         ELSE json_object('id', type || '-' || k, 'workspaceId', 'T0BENCH', 'type', type, 'incidentNumber', number, 'seq', k,
            'at', '2026-11-01T00:00:00Z', 'text', hex(randomblob(250))) END,
    NULL
FROM d
""")
for sql in triggers:
    db.execute(sql)
print(f"filled {n} documents in {time.time() - started:.1f} s;",
      db.execute("SELECT type, COUNT(*) FROM documents GROUP BY type ORDER BY 2 DESC").fetchall())
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
