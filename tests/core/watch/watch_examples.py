#!/usr/bin/env python3
"""The talk's Python clients (examples/) recorded by `reqlanes-cli --watch`: each script is one
session, and its recorded makespan, connections and client processes must match the lesson.
Latency 200 ms (or the third argument, in ms) instead of the talk's 1 s. Exit 77 (skipped)
without python3-requests and python3-aiohttp."""
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

CLI, EXAMPLES = sys.argv[1], sys.argv[2]
LATENCY = int(sys.argv[3]) / 1000 if len(sys.argv) > 3 else 0.2  # seconds
SKIP = 77


def find_python():
    for candidate in (sys.executable, "/usr/bin/python3"):
        probe = subprocess.run([candidate, "-c", "import requests, aiohttp"],
                               capture_output=True)
        if probe.returncode == 0:
            return candidate
    return None


class Watcher:
    """reqlanes-cli --watch on an ephemeral port; collects its session lines."""

    def __init__(self, out_dir, *extra):
        self.json = os.path.join(out_dir, "run.json")
        self.proc = subprocess.Popen(
            [CLI, "--watch", "--port", "0", "--idle-ms", "400", "--latency-ms",
             str(int(LATENCY * 1000)), "--json", self.json, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stderr.readline()
        match = re.search(r"watching (http://\S+)", line)
        if not match:
            raise SystemExit(f"no URL from reqlanes-cli: {line!r}")
        self.url = match.group(1)
        self.lines = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            with self.cond:
                self.lines.append(line.strip())
                self.cond.notify_all()

    def session(self, number, timeout=30):
        with self.cond:
            if not self.cond.wait_for(lambda: len(self.lines) >= number, timeout):
                raise SystemExit(f"session {number} never ended")
            line = self.lines[number - 1]
        path = self.json.replace("run.json", f"run-{number}.json")
        with open(path) as f:
            return line, json.load(f)

    def stop(self):
        self.proc.send_signal(2)  # Ctrl-C: writes what it has, exits 0
        code = self.proc.wait(timeout=10)
        if code != 0:
            raise SystemExit(f"reqlanes-cli --watch exited {code} on Ctrl-C")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:  # a failure on the way: leave no server behind
            self.proc.kill()
            self.proc.wait()


def makespan(run):
    reqs = run["requests"]
    return (max(r["done"] for r in reqs) - min(r["created"] for r in reqs)) / 1e9


def peak_in_server(run):
    edges = []
    for r in run["requests"]:
        edges += [(r["server_start"], 1), (r["server_end"], -1)]
    peak = level = 0
    for _, step in sorted(edges, key=lambda e: (e[0], e[1])):
        level += step
        peak = max(peak, level)
    return peak


failures = []


def check(name, condition, detail):
    print(("ok   " if condition else "FAIL ") + f"{name}: {detail}")
    if not condition:
        failures.append(name)


def main():
    python = find_python()
    if not python:
        print("SKIP: needs python3-requests and python3-aiohttp (apt install python3-requests "
              "python3-aiohttp)")
        return SKIP
    with tempfile.TemporaryDirectory() as out:
        with Watcher(out) as watcher:
            scripts = [  # script, args, expected makespan in latencies, connections, processes
                ("sequential.py", [], 3, 1, 1),
                ("threads.py", [], 1, 3, 1),
                ("aiohttp_gather.py", [], 1, 3, 1),
                ("aiohttp_semaphore.py", ["9", "3"], 3, 3, 1),
                ("processes.py", ["3", "3"], 1, 3, 3),
            ]
            for number, (script, args, rounds, connections, processes) in enumerate(scripts, 1):
                subprocess.run([python, os.path.join(EXAMPLES, script), watcher.url, *args],
                               check=True, capture_output=True, timeout=60)
                line, run = watcher.session(number)
                span = makespan(run)
                pids = {r["process"] for r in run["requests"]}
                lanes = {r["lane"] for r in run["requests"]}
                print(f"     {line}")
                check(script, rounds * LATENCY <= span < rounds * LATENCY + 0.35,
                      f"makespan {span:.3f} s, expected ~{rounds * LATENCY:.1f} s")
                check(script + " connections", len(lanes) == connections,
                      f"{len(lanes)} connections, expected {connections}")
                check(script + " processes", len(pids) == processes and 0 not in pids,
                      f"client pids {sorted(pids)}, expected {processes} known")
                if script == "aiohttp_semaphore.py":
                    queued = max((r["server_start"] - r["server_accept"]) / 1e6
                                  for r in run["requests"])
                    check(script + " no queueing", queued < 50,
                          f"longest server queue {queued:.1f} ms")
            watcher.stop()

    with tempfile.TemporaryDirectory() as out:
        with Watcher(out, "--server-mode", "async") as watcher:
            subprocess.run([python, os.path.join(EXAMPLES, "aiohttp_cap.py"), watcher.url, "300"],
                           check=True, capture_output=True, timeout=60)
            line, run = watcher.session(1)
            print(f"     {line}")
            peak = peak_in_server(run)
            span = makespan(run)
            check("aiohttp_cap.py peak", peak == 100, f"{peak} in flight at most, expected 100")
            check("aiohttp_cap.py makespan", 3 * LATENCY <= span < 3 * LATENCY + 0.6,
                  f"makespan {span:.3f} s, expected ~{3 * LATENCY:.1f} s (3 waves of 100)")
            watcher.stop()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
