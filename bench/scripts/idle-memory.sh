#!/bin/bash
# Usage: bench/scripts/idle-memory.sh NAME [KEY=VALUE ...]
# Starts the bot's Release build on its embedded defaults (a throw-away database), waits for /healthz
# and then 25 s idle, and prints its resident memory split into anonymous, file-backed and shared.
# REPO=<checkout> measures another checkout's build; KEY=VALUE pairs are set in the bot's environment.
set -eu
name=$1; shift
repo=${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
port=$((20000 + RANDOM % 20000)); db=$(mktemp -u /tmp/idle-memory-XXXXXX.db)
cd "$repo"
env "$@" Storage__Path="$db" Spool__Path="$db.spool" dotnet src/IncidentBot/bin/Release/net10.0/IncidentBot.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
sleep 25
field() { awk -v f="$1:" '$1 == f { print int($2 / 1024) }' "/proc/$pid/status"; }
echo "$name: RSS $(field VmRSS) MiB (anon $(field RssAnon), file $(field RssFile), shmem $(field RssShmem)), threads $(ls /proc/$pid/task | wc -l)"
kill "$pid"; wait "$pid" 2>/dev/null || true; rm -f "$db"*
