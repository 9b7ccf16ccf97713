#!/usr/bin/env python3
# Copies a running bench's write-ahead log and a backup of its file, with the documents added by type in between
# (PERFORMANCE.md, Intake, store13). Start it beside the bench, from the same machine:
#   walcapture.py latest <seconds> <out prefix> [delay]   (latest: the bench's newest /tmp/incidentbot-bench/*/bot.db)
# then: walpages.py <out>.wal <out>.db [reports in the window]. A reader that starts while the log is fully
# checkpointed does not stop it restarting: trust the per-transaction figures, check the per-report ones.
import sqlite3, sys, time, shutil, glob, os
db, secs, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
if db == 'latest':
    while True:
        found = sorted(glob.glob('/tmp/incidentbot-bench/*/bot.db'), key=os.path.getmtime)
        if found and time.time() - os.path.getctime(os.path.dirname(found[-1])) < 60:
            db = found[-1]
            break
        time.sleep(0.2)
    time.sleep(float(sys.argv[4]) if len(sys.argv) > 4 else 0)
print("db", db, flush=True)
held = sqlite3.connect(db, isolation_level=None, timeout=10)
held.execute("BEGIN")
before = dict(held.execute("SELECT type, count(*) FROM documents GROUP BY type").fetchall())
t0 = time.time()
time.sleep(secs)
shutil.copyfile(db + '-wal', out + '.wal')
backup = sqlite3.connect(out + '.db')
sqlite3.connect(db, timeout=10).backup(backup)
backup.close()
t1 = time.time()
held.execute("COMMIT")
after = dict(sqlite3.connect(out + '.db').execute("SELECT type, count(*) FROM documents GROUP BY type").fetchall())
print("window %.2f s" % (t1 - t0))
for kind in sorted(set(before) | set(after)):
    if after.get(kind, 0) != before.get(kind, 0):
        print("  +%d %s" % (after.get(kind, 0) - before.get(kind, 0), kind))
