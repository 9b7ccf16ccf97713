#!/usr/bin/env python3
"""Which of the bot's threads used the CPU, second by second: the request threads, the job threads, the compiler?

  python3 bench/scripts/thread-cpu.py record PID SECONDS OUT   # every 200 ms, each thread group's CPU so far
  python3 bench/scripts/thread-cpu.py show OUT [FROM TO]       # CPUs used per second by group, FROM/TO as HH:MM:SS

Reads /proc/PID/task/*/stat (user + system time) and groups the threads by name: `pool` (.NET TP Worker: requests and
the writer), `job` (Job thread N, nice 5), `jit` (.NET Tiered Compilation Worker), `gc`, `ckpt` (Store checkpoints) and
`other`. Times are UTC on the wall clock, to line up with the load harness's --timeline and its Slack call log. A thread
that ends between two samples takes its time with it, so a second may read low; such a second is printed as `-`.
"""
import collections
import os
import sys
import time

GROUPS = [('Job thread', 'job'), ('.NET TP Worker', 'pool'), ('Store checkpoin', 'ckpt'), ('.NET Tiered', 'jit'), ('.NET BGC', 'gc'), ('.NET GC', 'gc')]
TICK = os.sysconf('SC_CLK_TCK')


def group(name):
    return next((short for prefix, short in GROUPS if name.startswith(prefix)), 'other')


def sample(pid):
    totals = collections.Counter()
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{tid}/stat') as stat:
                data = stat.read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        fields = data[data.rindex(')') + 2:].split()
        totals[group(data[data.index('(') + 1:data.rindex(')')])] += int(fields[11]) + int(fields[12])
    return totals


def record(pid, seconds, out):
    with open(out, 'w') as lines:
        end = time.time() + seconds
        while time.time() < end:
            at = time.time()
            try:
                totals = sample(pid)
            except FileNotFoundError:
                return  # the process ended
            stamp = time.strftime('%H:%M:%S', time.gmtime(at)) + f'.{int(at * 1000) % 1000:03d}'
            lines.write(stamp + ' ' + ' '.join(f'{k}={v}' for k, v in sorted(totals.items())) + '\n')
            lines.flush()
            time.sleep(max(0.0, 0.2 - (time.time() - at)))


def seconds_of_day(text):
    hours, minutes, rest = text.split(':')
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def show(path, start='00:00:00', end='99:99:99'):
    rows = []
    with open(path) as lines:
        for line in lines:
            stamp, *pairs = line.split()
            rows.append((stamp, {k: int(v) for k, v in (pair.split('=') for pair in pairs)}))
    for i in range(5, len(rows), 5):
        (previous, before), (stamp, after) = rows[i - 5], rows[i]
        if not start <= stamp <= end:
            continue
        span = seconds_of_day(stamp) - seconds_of_day(previous)
        used = {k: (after.get(k, 0) - before.get(k, 0)) / TICK / span for k in set(before) | set(after)}
        if any(v < 0 for v in used.values()):
            print(stamp, '-')
            continue
        print(stamp, f'all={sum(used.values()):.2f}', ' '.join(f'{k}={v:.2f}' for k, v in sorted(used.items()) if v >= 0.005))

if __name__ == '__main__':
    if len(sys.argv) == 5 and sys.argv[1] == 'record':
        record(int(sys.argv[2]), float(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) in (3, 5) and sys.argv[1] == 'show':
        show(*sys.argv[2:])
    else:
        sys.exit(__doc__)
