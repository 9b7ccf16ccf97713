#!/usr/bin/env python3
"""Which b-trees the embedded store's write-ahead log is made of.

usage: wal-pages.py STORE.db STORE.db-wal
       wal-pages.py --distinct STORE.db-wal [WINDOW_FRAMES ...]

Copy both files while the bot runs under load (the copy of the log may end mid-frame; the
reading stops at the first frame of another generation). Each frame's page is assigned to
its table or index through SQLite's dbstat view of the copied file; each transaction
(frames up to a commit frame) is shown by the set of b-trees it wrote.

With --distinct, how often the log writes the same page again: for each window size (default
4000 and 8000 frames) the distinct pages of each window summed over the log, as a share of
its frames (what a checkpoint once a window copies), then the whole log's share (what one copy
a restart would copy; PERFORMANCE.md, "Thirtieth session").
"""
import collections
import sqlite3
import struct
import sys

SHORT = {
    "documents": "T", "sqlite_autoindex_documents_1": "PK", "ix_documents_type": "type",
    "ix_documents_channel": "channel", "ix_documents_incident_number": "incident", "ix_documents_incident_seq": "ledger",
    "ix_documents_due_at": "due", "ix_documents_number": "number", "ix_documents_is_open": "open", "sqlite_schema": "page1",
}


def transactions(log):
    """The log's transactions of the current generation, each a list of page numbers."""
    _magic, _version, page_size, _checkpoint, salt1, salt2 = struct.unpack(">IIIIII", log[:24])
    offset, frames = 32, []
    while offset + 24 + page_size <= len(log):
        page, commit_size, s1, s2 = struct.unpack(">IIII", log[offset:offset + 16])
        if (s1, s2) != (salt1, salt2):
            break
        frames.append(page)
        offset += 24 + page_size
        if commit_size:
            yield frames
            frames = []


def main(database, wal):
    owner = dict((page, name) for name, page in
                 sqlite3.connect(f"file:{database}?immutable=1", uri=True).execute("SELECT name, pageno FROM dbstat"))
    with open(wal, "rb") as file:
        log = file.read()
    by_tree, by_set, frames_by_set, count, frames = collections.Counter(), collections.Counter(), collections.Counter(), 0, 0
    for pages in transactions(log):
        count += 1
        frames += len(pages)
        names = [owner.get(page, "(new)") for page in pages]
        by_tree.update(names)
        key = " ".join(sorted({SHORT.get(name, name) for name in names}))
        by_set[key] += 1
        frames_by_set[key] += len(pages)
    print(f"{count} transactions, {frames} frames, {frames / max(count, 1):.1f} frames a transaction")
    for name, n in by_tree.most_common():
        print(f"{n:8d} {100 * n / max(frames, 1):5.1f} %  {name}")
    print("transactions by the b-trees they wrote: count, frames, frames each")
    for key, n in by_set.most_common(20):
        print(f"{n:8d} {frames_by_set[key]:8d} {frames_by_set[key] / n:6.1f}  {key}")


def distinct(wal, windows):
    with open(wal, "rb") as file:
        frames = [page for pages in transactions(file.read()) for page in pages]
    if not frames:
        sys.exit("no committed frames of the current generation")
    line = [f"{len(frames)} frames"]
    for window in windows or [4000, 8000]:
        pages = sum(len(set(frames[i:i + window])) for i in range(0, len(frames), window))
        line.append(f"per {window} frames {pages / len(frames):.2f}")
    line.append(f"whole log {len(set(frames)) / len(frames):.2f} ({len(set(frames))} pages)")
    print(", ".join(line))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--distinct":
        distinct(sys.argv[2], [int(window) for window in sys.argv[3:]])
    elif len(sys.argv) == 3:
        main(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)
