#!/bin/bash
# Usage: bench/scripts/sync-trace.sh OUT NAME=path/to/IncidentBot.dll[,KEY=VALUE…] [NAME=… …]
# For each build in turn: one sustained minute of the intake bench at RATE reports/s (default 2,000), and 40 s into it
# `perf trace` of the bot's fsync, fdatasync and syncfs calls for 10 s (each with its thread and duration). Prints the
# bench's intake line and each call's count, p50, p90 and max; OUT-NAME.trace keeps the calls in order, so a restart of
# the log reads as its sequence: the checkpointer's syncs, then the restart's two on a pool thread (the log's, then the
# file's), then the first commit's sync of the new log header (PERFORMANCE.md, "Twenty-ninth session"). Needs perf and root.
set -eu
out=$1; shift
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
for variant in "$@"; do
  name=${variant%%=*}; spec=${variant#*=}; dll=${spec%%,*}
  dotnet bench/IncidentBot.LoadTests/bin/Release/net10.0/IncidentBot.LoadTests.dll --workload intake --rates "${RATE:-2000}" \
    --seconds 60 --warmup 15 --max-p99 1000000 --variant "$variant" > "$out-$name.txt" 2>&1 &
  bench=$!
  pid=
  for _ in $(seq 1 120); do pid=$(pgrep -f "^dotnet $dll" | head -1 || true); [ -n "$pid" ] && break; sleep 0.5; done
  [ -n "$pid" ] || { echo "$name: the bot did not start" >&2; wait "$bench" || true; continue; }
  sleep 40
  perf trace -e fsync,fdatasync,syncfs -p "$pid" -o "$out-$name.trace" -- sleep 10 2>/dev/null || true
  wait "$bench" || true
  echo "== $name (load $(cut -d' ' -f1 /proc/loadavg))"
  grep '^| intake' "$out-$name.txt" || tail -3 "$out-$name.txt"
  python3 - "$out-$name.trace" <<'PY'
import collections, re, sys
calls = collections.defaultdict(list)
for line in open(sys.argv[1]):
    match = re.search(r'\(\s*([\d.]+) ms\):.*?(\w+)\(', line)
    if match:
        calls[match.group(2)].append(float(match.group(1)))
for call, times in sorted(calls.items()):
    times.sort()
    print("%-9s %4d calls, p50 %.1f, p90 %.1f, max %.1f ms" % (call, len(times), times[len(times) // 2], times[int(len(times) * .9)], times[-1]))
PY
done
