#!/bin/bash
# Usage: bench/scripts/time-to-healthy.sh NAME
# Starts the bot's Release build on its embedded defaults and prints the time from process start to the
# first healthy /healthz, and the CPU time the process had used by then. REPO=<checkout> as in idle-memory.sh.
set -eu
name=$1
repo=${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
port=$((20000 + RANDOM % 20000)); db=$(mktemp -u /tmp/time-to-healthy-XXXXXX.db)
cd "$repo"
start=$(date +%s%N)
Storage__Path="$db" Spool__Path="$db.spool" dotnet src/IncidentBot/bin/Release/net10.0/IncidentBot.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
end=$(date +%s%N)
ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat"); hz=$(getconf CLK_TCK)
echo "$name: healthy after $(( (end - start) / 1000000 )) ms, CPU $(( ticks * 1000 / hz )) ms"
kill "$pid"; wait "$pid" 2>/dev/null || true; rm -f "$db"*
