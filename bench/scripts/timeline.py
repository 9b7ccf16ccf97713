#!/usr/bin/env python3
"""Reads a load run's timeline beside the host's pauses: was a slow moment the bot, or the machine?

  python3 bench/scripts/timeline.py TIMELINE.csv [--pauses PAUSES.txt] [--slack TIMELINE.csv.slack] [--bin 100] [--rows]

TIMELINE.csv is what `IncidentBot.LoadTests … --rates R --timeline FILE` writes (rate,due_utc,latency_ms,kind);
PAUSES.txt what bench/scripts/host-pauses.c printed during the run. For each rate it prints the p50 and p99, and the
host's pauses inside the measured window: how many, how long in all, and how many were 50 ms or longer. With --rows,
one row per bin of due time (default 100 ms): its reports' p50 and worst latency, the pauses that began in it, and a bar.
TIMELINE.csv.slack is the Slack stub's call log of the same run (written beside the timeline): each row then also
counts the digests posted and the pinned summaries updated (chat.update) in that bin.
Times are UTC on the wall clock; a run that crosses midnight is read as one day.
"""
import argparse
import csv
import collections


def seconds_of_day(text):
    hours, minutes, rest = text.split(':')
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def percentile(sorted_values, p):
    if not sorted_values:
        return float('nan')
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def read_pauses(path):
    """(began, length in ms, cpu) for each late wake-up: it woke at the logged time, so it began `late` earlier."""
    pauses = []
    if path is None:
        return pauses
    with open(path) as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 5 and parts[2] == 'late':
                woke, late = seconds_of_day(parts[0]), float(parts[3])
                pauses.append((woke - late / 1000, late, parts[1]))
    return pauses


def read_calls(path):
    """(time, method, kind) for each call the Slack stub answered."""
    if path is None:
        return []
    with open(path) as rows:
        return [(seconds_of_day(row['utc']), row['method'], row['kind']) for row in csv.DictReader(rows)]


def clock(t):
    return f'{int(t // 3600):02d}:{int(t % 3600 // 60):02d}:{t % 60:06.3f}'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('timeline')
    parser.add_argument('--pauses')
    parser.add_argument('--bin', type=int, default=100, help='bin width in ms for --rows')
    parser.add_argument('--rows', action='store_true')
    parser.add_argument('--slack', help="the Slack stub's call log (TIMELINE.csv.slack)")
    args = parser.parse_args()

    by_rate = collections.defaultdict(list)
    with open(args.timeline) as rows:
        for row in csv.DictReader(rows):
            by_rate[int(row['rate'])].append((seconds_of_day(row['due_utc']), float(row['latency_ms'])))
    pauses = read_pauses(args.pauses)
    calls = read_calls(args.slack)

    for rate, sent in by_rate.items():
        latencies = sorted(ms for _, ms in sent)
        first = min(due for due, _ in sent)
        last = max(due + ms / 1000 for due, ms in sent)
        inside = [p for p in pauses if first <= p[0] <= last]
        print(f'{rate}/s: {len(sent)} answered from {clock(first)} to {clock(last)} UTC; '
              f'p50 {percentile(latencies, 50):.1f} ms, p99 {percentile(latencies, 99):.1f} ms; '
              f'host pauses inside: {len(inside)} ({sum(p[1] for p in inside):.0f} ms in all), '
              f'{sum(1 for p in inside if p[1] >= 50)} of 50 ms or more')
        if not args.rows:
            continue
        bins = collections.defaultdict(list)
        for due, ms in sent:
            bins[int(due * 1000) // args.bin].append(ms)
        began = collections.defaultdict(list)
        for start, late, cpu in inside:
            began[int(start * 1000) // args.bin].append(f'{cpu}:{late:.0f}ms')
        digests, updates = collections.Counter(), collections.Counter()
        for at, method, kind in calls:
            key = int(at * 1000) // args.bin
            if kind == 'digest':
                digests[key] += 1
            elif method == 'chat.update':
                updates[key] += 1
        for key in sorted(bins):
            values = sorted(bins[key])
            slack = f' digests={digests[key]:3d} updates={updates[key]:3d}' if calls else ''
            print(f'  {clock(key * args.bin / 1000)} n={len(values):4d} p50={percentile(values, 50):7.1f} '
                  f'max={values[-1]:7.1f}{slack} {"#" * min(60, int(values[-1] / 5)):<60} {" ".join(began.get(key, []))}')


if __name__ == '__main__':
    main()
