"""The event channel: client-side events, batched, sent to the reqlanes server the script talks to.

Every event is a JSON object on one line, with at least
  "at"   CLOCK_MONOTONIC in nanoseconds (time.monotonic_ns(): the server's steady clock on Linux,
         so both sides' times are on one clock without any exchange),
  "kind" what happened (see EVENT_KINDS),
  "pid", "tid" the process and OS thread (threading.get_native_id(), the kernel's tid).

Nothing is sent until the sink is known: REQLANES_TRACE_URL names it when reqlanes started the
script; otherwise the first response carrying "Server: reqlanes-server" names it. A script whose
server is not reqlanes never sends an event, and its requests are otherwise unchanged.
"""

import atexit
import http.client
import json
import os
import signal
import threading
import time
import urllib.parse

# The path the embedded server answers at once and never draws as a request.
EVENTS_PATH = "/.reqlanes/events"
SERVER_TOKEN = "reqlanes-server"

EVENT_KINDS = frozenset(
    {
        # asyncio
        "task_created", "task_done", "semaphore_wait", "semaphore_acquired",
        # one HTTP request (aiohttp, requests/urllib3)
        "request_start", "queue_start", "queue_end", "connect_start", "connect_end",
        "connection_reused", "request_sent", "response_headers", "request_end", "request_error",
        # threads and processes
        "thread_start", "thread_end", "process_spawned", "process_started", "process_ready",
        "process_exit", "dropped",
    }
)

# Events kept while the sink is unknown; beyond this the oldest are dropped (and counted).
MAX_PENDING = 200_000
# How often a batch goes out while the script runs: often enough to draw live.
FLUSH_INTERVAL_S = 0.05
# At exit the script waits at most this long for the last batch.
EXIT_FLUSH_S = 2.0


def now_ns():
    return time.monotonic_ns()


class EventChannel:
    def __init__(self):
        self._lock = threading.RLock()
        self._pending = []
        self._dropped = 0
        self._sink = None  # (host, port)
        self._wake = threading.Event()
        self._idle = threading.Event()  # clear while the sender posts a batch it has taken
        self._idle.set()
        self._thread = None
        self._closed = False
        url = os.environ.get("REQLANES_TRACE_URL")
        if url:
            self._sink = _host_port(url)
        atexit.register(self.close)
        os.register_at_fork(after_in_child=self._after_fork_in_child)

    def emit(self, kind, **fields):
        event = {"at": now_ns(), "kind": kind, "pid": os.getpid(), "tid": threading.get_native_id()}
        event.update(fields)
        with self._lock:
            if len(self._pending) >= MAX_PENDING:
                del self._pending[0]
                self._dropped += 1
            self._pending.append(event)
            start = self._sink is not None and self._thread is None and not self._closed
            if start:
                self._start_sender()
        self._wake.set()

    def saw_response(self, url, server_header):
        """A response arrived: if its server is reqlanes, that is where events go."""
        if self._sink is not None or not server_header:
            return
        if not server_header.startswith(SERVER_TOKEN):
            return
        sink = _host_port(url)
        if sink is None:
            return
        with self._lock:
            if self._sink is None:
                self._sink = sink
                if self._thread is None and not self._closed:
                    self._start_sender()
        self._wake.set()

    def close(self):
        """Sends what is left (bounded), then stops the sender."""
        with self._lock:
            self._closed = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(EXIT_FLUSH_S)

    # -- internals ---------------------------------------------------------------------------

    def _start_sender(self):
        # Called with the lock held.
        self._thread = threading.Thread(target=self._send_loop, name="reqlanes-trace", daemon=True)
        self._thread.start()

    def _send_loop(self):
        # The sender must never take a signal meant for the script. A Python handler runs only
        # once the signal interrupts the main thread: a pool worker's SIGTERM handler (below)
        # while the worker waits on a semaphore for its next task, or Ctrl+C. Taken by this
        # thread instead, it left the main thread waiting: a worker that never ended, and
        # Pool.terminate() waiting on it for ever (seen twice on a loaded 2-core machine).
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        connection = None
        while True:
            self._wake.wait(FLUSH_INTERVAL_S)
            self._wake.clear()
            with self._lock:
                batch, self._pending = self._pending, []
                dropped, self._dropped = self._dropped, 0
                closed = self._closed
                sink = self._sink
                if batch or dropped:
                    self._idle.clear()
            if batch or dropped:
                try:
                    connection = self._post(connection, sink, batch, dropped)
                finally:
                    self._idle.set()
            if closed:
                with self._lock:
                    if not self._pending:
                        break
        if connection is not None:
            connection.close()

    def _post(self, connection, sink, batch, dropped, timeout=5.0):
        lines = [json.dumps(event, separators=(",", ":")) for event in batch]
        if dropped:
            lines.append(json.dumps({"at": now_ns(), "kind": "dropped", "count": dropped}))
        body = ("\n".join(lines) + "\n").encode()
        for _ in range(2):  # one retry on a fresh connection (the server may close idle ones)
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(sink[0], sink[1], timeout=timeout)
                connection.request(
                    "POST", EVENTS_PATH, body=body,
                    headers={"Content-Type": "application/x-ndjson"},
                )
                response = connection.getresponse()
                response.read()
                return connection
            except (OSError, http.client.HTTPException):
                if connection is not None:
                    connection.close()
                connection = None
        return None  # the events are lost; the script goes on untouched

    def _after_fork_in_child(self):
        # Threads do not survive fork: the child starts with no sender and no inherited events.
        self._lock = threading.RLock()
        self._pending = []
        self._dropped = 0
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = None
        self._closed = False
        # A pool's workers end by SIGTERM (Pool.terminate) right after their last task: send what
        # they recorded first, then die of the signal as they would have.
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, self._flush_then_terminate)

    def _flush_then_terminate(self, signum, frame):
        # Runs in the main thread, maybe in the middle of emit(): the lock is re-entrant, and the
        # handler posts what is left itself. A batch the sender thread has already taken dies
        # with the process unless it is let finish first (bounded): wait for that post.
        with self._lock:
            batch, self._pending = self._pending, []
            self._closed = True
            sink = self._sink
        self._idle.wait(1.0)
        if batch and sink is not None:
            self._post(None, sink, batch, 0, timeout=1.0)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


def _host_port(url):
    try:
        parts = urllib.parse.urlsplit(str(url))
        if parts.hostname is None:
            return None
        return parts.hostname, parts.port or 80
    except ValueError:
        return None


channel = EventChannel()
