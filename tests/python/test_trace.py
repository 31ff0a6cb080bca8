"""The tracer on its own (python/reqlanes_trace), against a stand-in server: what it records for
the talk's examples, that it stays silent towards a server that is not reqlanes, and that the
script's output and exit status are its own. Real Python, real aiohttp/requests, real sockets on
loopback. Run: python3 -m unittest discover -s tests/python (PYTHONPATH=python)."""

import collections
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from fakesink import FakeServer  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples")
PYTHON = os.environ.get("REQLANES_PYTHON", sys.executable)


def traced(*args, env=None, timeout=60):
    """Runs `python3 -m reqlanes_trace ARGS` in a session of its own. On a timeout, every process
    of it dumps its Python stacks (faulthandler on SIGABRT) into the failure and none is left."""
    environment = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
    environment.pop("REQLANES_TRACE_URL", None)
    environment.update(env or {})
    process = subprocess.Popen(
        [PYTHON, "-X", "faulthandler", "-m", "reqlanes_trace", *args], env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGABRT)
        stdout, stderr = process.communicate()
        raise AssertionError(f"traced {args} did not end in {timeout} s:\n{stderr[-8000:]}")
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # pool workers it may have left
        except ProcessLookupError:
            pass
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def has(module):
    return subprocess.run([PYTHON, "-c", f"import {module}"], capture_output=True).returncode == 0


def wait_for(predicate, timeout_s=5.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


@unittest.skipUnless(has("aiohttp"), "python3-aiohttp is not installed")
class AiohttpSemaphore(unittest.TestCase):
    def test_six_of_nine_requests_wait_for_the_semaphore_and_all_join_on_their_ids(self):
        with FakeServer(latency_s=0.2) as server:
            result = traced(os.path.join(EXAMPLES, "aiohttp_semaphore.py"), server.url, "9", "3")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("9 requests", result.stdout)
            self.assertTrue(wait_for(lambda: len(server.events_of("request_end")) == 9))
            waits = server.events_of("semaphore_wait")
            acquired = server.events_of("semaphore_acquired")
            self.assertEqual(len(waits), 6)
            self.assertEqual(len(acquired), 9)
            self.assertTrue(all(event["limit"] == 3 for event in acquired))
            # Every request the server saw is one the tracer reported, by X-Request-Id.
            seen = {request_id for path, request_id in server.requests}
            started = {event["req"] for event in server.events_of("request_start")}
            self.assertEqual(seen, started)
            self.assertEqual(len(seen), 9)
            # Phases in order per request: start, sent, headers, end.
            by_request = collections.defaultdict(dict)
            for event in server.events:
                if "req" in event:
                    by_request[event["req"]].setdefault(event["kind"], event["at"])
            for request_id, phases in by_request.items():
                order = [phases[kind] for kind in
                         ("request_start", "request_sent", "response_headers", "request_end")]
                self.assertEqual(order, sorted(order), request_id)
                # The server's 200 ms are inside sent -> headers (tolerance for a busy machine).
                self.assertGreaterEqual(phases["response_headers"] - phases["request_sent"],
                                        150_000_000, request_id)


@unittest.skipUnless(has("requests"), "python3-requests is not installed")
class Requests(unittest.TestCase):
    def test_threads_report_their_names_and_one_connection_each(self):
        with FakeServer(latency_s=0.2) as server:
            result = traced(os.path.join(EXAMPLES, "threads.py"), server.url, "3")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(wait_for(lambda: len(server.events_of("request_end")) == 3))
            self.assertEqual(len(server.events_of("connect_end")), 3)
            starts = server.events_of("thread_start")
            self.assertGreaterEqual(len(starts), 3)
            request_threads = {event["tid"] for event in server.events_of("request_start")}
            self.assertEqual(len(request_threads), 3)

    def test_sequential_requests_share_one_kept_alive_connection(self):
        with FakeServer(latency_s=0.1) as server:
            result = traced(os.path.join(EXAMPLES, "sequential.py"), server.url, "3")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(wait_for(lambda: len(server.events_of("request_end")) == 3))
            self.assertEqual(len(server.events_of("connect_end")), 1)

    def test_pool_workers_report_ready_and_exit(self):
        with FakeServer(latency_s=0.1) as server:
            # The parent sends no request itself: only REQLANES_TRACE_URL (set by reqlanes when it
            # starts a script) tells it where its events go.
            result = traced(os.path.join(EXAMPLES, "processes.py"), server.url, "3", "3",
                            env={"REQLANES_TRACE_URL": server.url})
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(wait_for(lambda: len(server.events_of("request_end")) == 3),
                            server.events)
            self.assertTrue(wait_for(lambda: len(server.events_of("process_exit")) == 3),
                            server.events)
            self.assertEqual(len(server.events_of("process_started")), 3)
            ready = server.events_of("process_ready")
            self.assertEqual(len(ready), 3)
            request_pids = {event["pid"] for event in server.events_of("request_start")}
            self.assertTrue(request_pids <= {event["pid"] for event in ready})


class Unchanged(unittest.TestCase):
    def test_a_server_that_is_not_reqlanes_gets_no_events(self):
        if not has("requests"):
            self.skipTest("python3-requests is not installed")
        with FakeServer(latency_s=0.05, server_name="nginx") as server:
            result = traced(os.path.join(EXAMPLES, "sequential.py"), server.url, "2")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(len(server.requests), 2)
            self.assertEqual(server.events, [])

    def test_a_script_without_traced_libraries_keeps_its_output_and_exit_status(self):
        with tempfile.TemporaryDirectory() as folder:
            script = os.path.join(folder, "plain.py")
            with open(script, "w") as file:
                file.write("import sys\nprint('args', sys.argv[1:])\nsys.exit(3)\n")
            result = traced(script, "a", "b c")
            self.assertEqual(result.returncode, 3)
            self.assertEqual(result.stdout, "args ['a', 'b c']\n")
            self.assertEqual(result.stderr, "")

    def test_a_missing_script_is_a_clear_error(self):
        result = traced("/nonexistent/script.py")
        self.assertEqual(result.returncode, 2)
        self.assertIn("no such file", result.stderr)


if __name__ == "__main__":
    unittest.main()
