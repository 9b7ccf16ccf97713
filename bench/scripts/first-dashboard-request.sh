#!/bin/bash
# Usage: bench/scripts/first-dashboard-request.sh ROUNDS NAME=path/to/IncidentBot.dll [NAME=… …]
# Per round, each build in turn on a throw-away database: waits for /healthz and 5 s more, then times GET /login (the
# first dashboard request, which builds the pages), a second GET /login, the sign-in post and GET /dashboard; prints
# VmRSS before the first request and 5 s after the last. Builds are compared alternately, as on a shared machine they must be.
set -eu
rounds=$1; shift
key=first-dashboard-request-key-0123456789
work=$(mktemp -d /tmp/first-dashboard-request-XXXXXX)
rss() { awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
timed() { curl -s -c "$work/jar" -b "$work/jar" -o "$work/body" -w "%{http_code} %{time_total}" "$@"; }
for round in $(seq 1 "$rounds"); do
  for variant in "$@"; do
    name=${variant%%=*}; dll=${variant#*=}
    port=$((20000 + RANDOM % 20000)); rm -f "$work"/*
    Api__Keys__0=$key Storage__Path="$work/bot.db" Spool__Path="$work/bot.db.spool" \
      dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
    sleep 5
    before=$(rss "$pid")
    first=$(timed "http://127.0.0.1:$port/login")
    second=$(timed "http://127.0.0.1:$port/login")
    token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$work/body" | sed 's/.*value="//;s/"$//')
    post=$(timed --data-urlencode "key=$key" --data-urlencode "returnUrl=/dashboard" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/login")
    page=$(timed "http://127.0.0.1:$port/dashboard")
    sleep 5
    echo "round $round $name: VmRSS $before MiB; first /login $first s; second /login $second s; sign-in post $post s; /dashboard $page s; VmRSS 5 s later $(rss "$pid") MiB"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
rm -rf "$work"
