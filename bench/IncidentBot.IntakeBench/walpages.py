#!/usr/bin/env python3
# Pages of each write transaction in a SQLite write-ahead log, by the b-tree each page belongs to.
# usage: walpages.py <copy of bot.db-wal> <.backup of bot.db taken at the same moment> [reports in the window]
# (PERFORMANCE.md, Intake, intake13 and store13; walcapture.py takes both copies). Without a report count the
# figures are per transaction.
import struct, sys, sqlite3, collections
wal, db = sys.argv[1], sys.argv[2]
reports = int(sys.argv[3]) if len(sys.argv) > 3 else 0
names = {}
con = sqlite3.connect(db)
try:
    for name, pageno, pagetype in con.execute("SELECT name, pageno, pagetype FROM dbstat"):
        names[pageno] = name + ("(ovfl)" if pagetype == 'overflow' else "(int)" if pagetype == 'internal' else "")
except Exception as e:
    print("dbstat:", e)
data = open(wal, 'rb').read()
magic, ver, psize, ckseq, salt1, salt2 = struct.unpack('>IIIIII', data[:24])
off = 32; tx = []; cur = []
while off + 24 + psize <= len(data):
    pg, commit, s1, s2 = struct.unpack('>IIII', data[off:off+16])
    if (s1, s2) != (salt1, salt2): break
    cur.append(pg)
    if commit: tx.append(cur); cur = []
    off += 24 + psize
frames = sum(len(t) for t in tx)
print("page size", psize, "transactions", len(tx), "frames", frames, "log bytes %.1f MiB" % (frames * (psize + 24) / 2**20))
sizes = sorted(len(t) for t in tx)
if sizes: print("pages/tx p50", sizes[len(sizes)//2], "mean %.1f" % (sum(sizes)/len(sizes)), "max", sizes[-1])
per = reports or len(tx) or 1
print("per", "report" if reports else "transaction", ": pages %.2f, KiB %.1f" % (frames / per, frames * (psize + 24) / per / 1024))
by = collections.Counter()
for t in tx:
    for pg in t: by[names.get(pg, "new/free")] += 1
for n, c in by.most_common(40): print("%8.2f  %5.1f%%  %s" % (c/per, 100.0*c/max(frames, 1), n))
