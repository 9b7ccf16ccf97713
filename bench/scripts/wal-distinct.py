#!/usr/bin/env python3
"""How often the embedded store's write-ahead log writes the same page again.

usage: wal-distinct.py STORE.db-wal [WINDOW_FRAMES ...]

Copy the log while the bot runs under load (the copy may end mid-frame; reading stops at the
first frame of another generation). For each window size (default 4000 and 8000 frames), the
distinct pages of each window summed over the log, as a share of its frames: what a checkpoint
that ran once a window would copy. The last figure is the whole log's, what one copy a restart
would copy (PERFORMANCE.md, "Thirtieth session").
"""
import struct
import sys


def pages(log):
    """The page number of each frame of the log's current generation, in order."""
    _magic, _version, page_size, _checkpoint, salt1, salt2 = struct.unpack(">IIIIII", log[:24])
    offset, found = 32, []
    while offset + 24 + page_size <= len(log):
        page, _commit_size, s1, s2 = struct.unpack(">IIII", log[offset:offset + 16])
        if (s1, s2) != (salt1, salt2):
            break
        found.append(page)
        offset += 24 + page_size
    return found


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    with open(sys.argv[1], "rb") as f:
        frames = pages(f.read())
    if not frames:
        sys.exit("no frames of the current generation")
    windows = [int(w) for w in sys.argv[2:]] or [4000, 8000]
    line = [f"{len(frames)} frames"]
    for window in windows:
        distinct = sum(len(set(frames[i:i + window])) for i in range(0, len(frames), window))
        line.append(f"per {window} frames {distinct / len(frames):.2f}")
    line.append(f"whole log {len(set(frames)) / len(frames):.2f} ({len(set(frames))} pages)")
    print(", ".join(line))


if __name__ == "__main__":
    main()
