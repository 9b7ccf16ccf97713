#!/usr/bin/env python3
"""Watches a running InstancesBench from outside: which part stops answering when everything stalls.

Finds the bench's processes by their command lines (the two bots, the node Cosmos server, redis-server,
the bench itself, which hosts the Cosmos TLS bridge and the Slack stand-in), then, until stopped or
--seconds pass:
  - probes each part on its own thread every --interval seconds (bot /healthz and /readyz, the node
    server directly, the bridge in front of it, redis PING) and logs every probe slower than --slow;
  - samples each process's CPU (utime+stime from /proc) every --interval and writes a CSV line.
Run it beside the bench, outside the bench's process, so a stall in the bench does not stop the probe:
  python3 bench/scripts/stall-probe.py --out /tmp/stall &  dotnet …InstancesBench.dll …
Every loop ends by itself (--seconds); probes time out after 30 s.
"""
import argparse, http.client, os, re, socket, ssl, sys, threading, time

TICKS = os.sysconf('SC_CLK_TCK')


def now():
    return time.time()


def stamp(t):
    return time.strftime('%H:%M:%S', time.gmtime(t)) + f'.{int(t * 1000) % 1000:03d}'


def cmdline(pid):
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as f:
            return f.read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        return ''


def environ(pid):
    try:
        with open(f'/proc/{pid}/environ', 'rb') as f:
            return dict(p.split('=', 1) for p in f.read().decode(errors='replace').split('\0') if '=' in p)
    except OSError:
        return {}


def cpu_ms(pid):
    try:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / TICKS
    except (OSError, IndexError):
        return None


def discover():
    """name -> (pid, probe target) for every part found now."""
    found = {}
    bots = []
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        line = cmdline(entry)
        if 'IncidentBot.InstancesBench.dll' in line:
            found['bench'] = (int(entry), None)
        elif 'IncidentBot.dll' in line and '--urls' in line:
            port = re.search(r'--urls http://127\.0\.0\.1:(\d+)', line)
            bots.append((int(entry), int(port.group(1)) if port else None))
            bridge = re.search(r'https://127\.0\.0\.1:(\d+)/', environ(entry).get('Cosmos__Endpoint', ''))
            if bridge:
                found['bridge'] = (None, int(bridge.group(1)))
        elif 'cosmos-server' in line and 'node' in line:
            port = re.search(r'--port (\d+)', line)
            found['node'] = (int(entry), int(port.group(1)) if port else None)
        elif line.startswith('redis-server') or '/redis-server' in line:
            port = re.search(r':(\d+)', line) or re.search(r'--port (\d+)', line)
            found['redis'] = (int(entry), int(port.group(1)) if port else None)
    # Bots in start order (lower pid first): a, b.
    for i, (pid, port) in enumerate(sorted(bots)):
        found[f'bot{"ab"[i] if i < 2 else i}'] = (pid, port)
    return found


def http_get(port, path, tls=False):
    if tls:
        conn = http.client.HTTPSConnection('127.0.0.1', port, timeout=30, context=ssl._create_unverified_context())
    else:
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    try:
        conn.request('GET', path)
        conn.getresponse().read()
    finally:
        conn.close()


def redis_ping(port):
    with socket.create_connection(('127.0.0.1', port), timeout=30) as s:
        s.sendall(b'PING\r\n')
        if not s.recv(64).startswith(b'+PONG'):
            raise IOError('no PONG')


class Probe(threading.Thread):
    def __init__(self, name, action, args):
        super().__init__(daemon=True)
        self.name, self.action, self.args = name, action, args
        self.stop = False

    def run(self):
        while not self.stop and now() < ARGS.until:
            start = now()
            error = ''
            try:
                self.action()
            except Exception as e:  # a refused or dropped probe is a finding, not a crash
                error = f' error {type(e).__name__}: {e}'
            took = now() - start
            if took >= ARGS.slow or error:
                log(f'{stamp(start)} {self.name:12s} {took * 1000:8.0f} ms{error}')
            time.sleep(max(0.0, ARGS.interval - took))


LOCK = threading.Lock()


def log(text):
    with LOCK:
        print(text, flush=True)
        with open(ARGS.out + '.slow.log', 'a') as f:
            f.write(text + '\n')


def main():
    probes = {}
    last_cpu = {}
    with open(ARGS.out + '.cpu.csv', 'w') as csv:
        csv.write('time,part,pid,cpu_ms_per_s\n')
        next_discovery = 0
        parts = {}
        while now() < ARGS.until:
            t = now()
            if t >= next_discovery:
                parts = discover()
                next_discovery = t + 1
                for name, (pid, port) in parts.items():
                    key = (name, pid, port)
                    if port is None or key in probes:
                        continue
                    if name.startswith('bot'):
                        actions = [(f'{name}/healthz', lambda p=port: http_get(p, '/healthz')),
                                   (f'{name}/readyz', lambda p=port: http_get(p, '/readyz'))]
                    elif name == 'node':
                        actions = [('node', lambda p=port: http_get(p, '/'))]
                    elif name == 'bridge':
                        actions = [('bridge', lambda p=port: http_get(p, '/', tls=True))]
                    elif name == 'redis':
                        actions = [('redis', lambda p=port: redis_ping(p))]
                    else:
                        actions = []
                    probes[key] = [Probe(n, a, None) for n, a in actions]
                    for probe in probes[key]:
                        probe.start()
                    log(f'{stamp(t)} found {name} pid {pid} port {port}')
            for name, (pid, _) in parts.items():
                if pid is None:
                    continue
                ms = cpu_ms(pid)
                if ms is None:
                    continue
                previous = last_cpu.get(pid)
                last_cpu[pid] = (t, ms)
                if previous:
                    rate = (ms - previous[1]) / (t - previous[0])
                    csv.write(f'{stamp(t)},{name},{pid},{rate:.0f}\n')
            csv.flush()
            time.sleep(ARGS.interval)


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--out', required=True, help='prefix of the two files written: .slow.log and .cpu.csv')
    parser.add_argument('--interval', type=float, default=0.2)
    parser.add_argument('--slow', type=float, default=0.3, help='seconds above which a probe is logged')
    parser.add_argument('--seconds', type=float, default=1800)
    ARGS = parser.parse_args()
    ARGS.until = now() + ARGS.seconds
    open(ARGS.out + '.slow.log', 'w').close()
    try:
        main()
    except KeyboardInterrupt:
        pass
