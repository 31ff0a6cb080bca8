"""What is recorded in each traced library. Every wrapper calls the original and returns or
raises exactly what it did; the events go to `events.channel`.

Request identity: a traced request carries `X-Request-Id`. When the script sets one, that value is
the request's id; otherwise the tracer adds "py<pid>-<n>". The server records the same header,
so a request's client-side events and server-side phases join on it.
"""

import functools
import itertools
import os
import threading

from . import hooks
from .events import channel

REQUEST_ID_HEADER = "X-Request-Id"
_sequence = itertools.count(1)
_current = threading.local()  # the request a blocking client (requests, urllib3) is working on


def _new_request_id():
    return f"py{os.getpid()}-{next(_sequence)}"


def _header(headers, name):
    if headers is None:
        return None
    for key in headers:
        if str(key).lower() == name.lower():
            return headers[key]
    return None


def _task_fields():
    """The asyncio task this code runs in, if any (without importing asyncio for a script that
    does not use it)."""
    import sys

    asyncio = sys.modules.get("asyncio")
    if asyncio is None:
        return {}
    try:
        task = asyncio.current_task()
    except RuntimeError:  # no running loop: a thread or a plain script
        return {}
    return {"task": id(task), "task_name": task.get_name()} if task is not None else {}


# -- asyncio -------------------------------------------------------------------------------------


@hooks.when_imported("asyncio")
def _patch_asyncio(asyncio):
    loop_class = asyncio.base_events.BaseEventLoop
    create_task = loop_class.create_task

    @functools.wraps(create_task)
    def traced_create_task(self, coro, *args, **kwargs):
        task = create_task(self, coro, *args, **kwargs)
        channel.emit("task_created", task=id(task), task_name=task.get_name(), **_parent_task())
        task.add_done_callback(_task_done)
        return task

    loop_class.create_task = traced_create_task

    semaphore = asyncio.locks.Semaphore
    init = semaphore.__init__
    acquire = semaphore.acquire

    @functools.wraps(init)
    def traced_init(self, value=1, *args, **kwargs):
        init(self, value, *args, **kwargs)
        self._reqlanes_limit = value

    @functools.wraps(acquire)
    async def traced_acquire(self):
        fields = {"semaphore": id(self), "limit": getattr(self, "_reqlanes_limit", None)}
        fields.update(_task_fields())
        waits = self.locked()
        if waits:
            channel.emit("semaphore_wait", **fields)
        result = await acquire(self)
        channel.emit("semaphore_acquired", waited=waits, **fields)
        return result

    semaphore.__init__ = traced_init
    semaphore.acquire = traced_acquire


def _parent_task():
    fields = _task_fields()
    return {"parent_task": fields["task"]} if fields else {}


def _task_done(task):
    fields = {"task": id(task), "task_name": task.get_name()}
    if task.cancelled():
        fields["cancelled"] = True
    elif task.exception() is not None:
        fields["error"] = type(task.exception()).__name__
    channel.emit("task_done", **fields)


# -- aiohttp: its own tracing signals (aiohttp.TraceConfig), added to every ClientSession --------


@hooks.when_imported("aiohttp")
def _patch_aiohttp(aiohttp):
    session_class = aiohttp.ClientSession
    init = session_class.__init__

    @functools.wraps(init)
    def traced_init(self, *args, **kwargs):
        configs = list(kwargs.get("trace_configs") or [])
        configs.append(_aiohttp_trace_config(aiohttp))
        kwargs["trace_configs"] = configs
        init(self, *args, **kwargs)

    session_class.__init__ = traced_init

    response_class = aiohttp.ClientResponse
    read = response_class.read
    release = response_class.release

    @functools.wraps(read)
    async def traced_read(self):
        body = await read(self)
        _aiohttp_response_ended(self)
        return body

    @functools.wraps(release)
    def traced_release(self):
        result = release(self)
        _aiohttp_response_ended(self)
        return result

    response_class.read = traced_read
    response_class.release = traced_release


def _aiohttp_response_ended(response):
    request_id = getattr(response, "_reqlanes_id", None)
    if request_id is not None:
        response._reqlanes_id = None  # once: read() then release() is one end
        channel.emit("request_end", req=request_id, status=response.status)


def _aiohttp_trace_config(aiohttp):
    config = aiohttp.TraceConfig()

    async def on_request_start(session, context, params):
        request_id = _header(params.headers, REQUEST_ID_HEADER)
        if request_id is None:
            request_id = _new_request_id()
            params.headers[REQUEST_ID_HEADER] = request_id
        context.reqlanes_id = request_id
        timeout = session.timeout
        channel.emit(
            "request_start", req=request_id, method=params.method, url=str(params.url),
            library="aiohttp", timeout_total=timeout.total, timeout_connect=timeout.connect,
            timeout_sock_connect=timeout.sock_connect, timeout_sock_read=timeout.sock_read,
            **_task_fields(),
        )

    def emitter(kind, **extra):
        async def handler(session, context, params):
            request_id = getattr(context, "reqlanes_id", None)
            if request_id is not None:
                channel.emit(kind, req=request_id, **extra)

        return handler

    async def on_queue_start(session, context, params):
        connector = session.connector
        channel.emit(
            "queue_start", req=getattr(context, "reqlanes_id", None), waits_for="connector",
            limit=getattr(connector, "limit", None),
            limit_per_host=getattr(connector, "limit_per_host", None),
        )

    async def on_request_end(session, context, params):
        request_id = getattr(context, "reqlanes_id", None)
        response = params.response
        channel.saw_response(str(params.url), response.headers.get("Server"))
        if request_id is None:
            return
        response._reqlanes_id = request_id
        channel.emit("response_headers", req=request_id, status=response.status)

    async def on_request_exception(session, context, params):
        request_id = getattr(context, "reqlanes_id", None)
        if request_id is None:
            return
        error = params.exception
        channel.emit(
            "request_error", req=request_id, error=type(error).__name__, message=str(error)[:200],
            timeout=isinstance(error, TimeoutError)
            or type(error).__name__ in ("TimeoutError", "ServerTimeoutError"),
        )

    config.on_request_start.append(on_request_start)
    config.on_connection_queued_start.append(on_queue_start)
    config.on_connection_queued_end.append(emitter("queue_end"))
    config.on_connection_create_start.append(emitter("connect_start"))
    config.on_connection_create_end.append(emitter("connect_end"))
    config.on_connection_reuseconn.append(emitter("connection_reused"))
    config.on_request_headers_sent.append(emitter("request_sent"))
    config.on_request_end.append(on_request_end)
    config.on_request_exception.append(on_request_exception)
    return config


# -- requests (one request at a time per thread) and the urllib3 pool under it -----------------


@hooks.when_imported("requests")
def _patch_requests(requests):
    session_class = requests.sessions.Session
    send = session_class.send

    @functools.wraps(send)
    def traced_send(self, request, **kwargs):
        request_id = request.headers.get(REQUEST_ID_HEADER)
        if request_id is None:
            request_id = _new_request_id()
            request.headers[REQUEST_ID_HEADER] = request_id
        channel.emit(
            "request_start", req=request_id, method=request.method, url=request.url,
            library="requests", timeout=_timeout_text(kwargs.get("timeout")),
        )
        outer = getattr(_current, "request", None)
        _current.request = request_id
        try:
            response = send(self, request, **kwargs)
        except Exception as error:
            channel.emit(
                "request_error", req=request_id, error=type(error).__name__,
                message=str(error)[:200], timeout=isinstance(error, requests.Timeout),
            )
            raise
        finally:
            _current.request = outer
        channel.saw_response(request.url, response.headers.get("Server"))
        channel.emit("request_end", req=request_id, status=response.status_code)
        return response

    session_class.send = traced_send


def _timeout_text(timeout):
    return None if timeout is None else str(timeout)


@hooks.when_imported("urllib3.connectionpool")
def _patch_urllib3_pool(connectionpool):
    pool_class = connectionpool.HTTPConnectionPool
    get_conn = pool_class._get_conn
    new_conn = pool_class._new_conn

    @functools.wraps(get_conn)
    def traced_get_conn(self, timeout=None):
        request_id = getattr(_current, "request", None)
        # An empty LIFO queue means no idle connection: with block=True the thread waits here
        # for one; otherwise a new one is made beyond maxsize.
        waits = request_id is not None and self.pool is not None and self.pool.empty()
        if waits:
            channel.emit(
                "queue_start", req=request_id, waits_for="pool", limit=self.pool.maxsize,
                block=bool(self.block),
            )
        try:
            return get_conn(self, timeout)
        finally:
            if waits:
                channel.emit("queue_end", req=request_id)

    @functools.wraps(new_conn)
    def traced_new_conn(self):
        request_id = getattr(_current, "request", None)
        if request_id is not None:
            channel.emit("connect_start", req=request_id)
        return new_conn(self)

    pool_class._get_conn = traced_get_conn
    pool_class._new_conn = traced_new_conn


def _traced_connect(connect):
    @functools.wraps(connect)
    def traced_connect(self):
        result = connect(self)
        request_id = getattr(_current, "request", None)
        if request_id is not None:
            try:
                local_port = self.sock.getsockname()[1]
            except (OSError, AttributeError, IndexError):
                local_port = None
            channel.emit("connect_end", req=request_id, local_port=local_port)
        return result

    return traced_connect


@hooks.when_imported("urllib3.connection")
def _patch_urllib3_connection(connection):
    # urllib3's connection makes its own socket: http.client's connect() is not called.
    connection_class = connection.HTTPConnection
    connection_class.connect = _traced_connect(connection_class.connect)


@hooks.when_imported("http.client")
def _patch_http_client(client):
    connection_class = client.HTTPConnection
    getresponse = connection_class.getresponse

    @functools.wraps(getresponse)
    def traced_getresponse(self):
        request_id = getattr(_current, "request", None)
        if request_id is not None:
            channel.emit("request_sent", req=request_id)
        response = getresponse(self)
        if request_id is not None:
            channel.emit("response_headers", req=request_id, status=response.status)
        return response

    connection_class.connect = _traced_connect(connection_class.connect)
    connection_class.getresponse = traced_getresponse


# -- threads and processes ------------------------------------------------------------------------


@hooks.when_imported("threading")
def _patch_threading(threading_module):
    thread_class = threading_module.Thread
    bootstrap = thread_class._bootstrap_inner

    @functools.wraps(bootstrap)
    def traced_bootstrap(self):
        if self.name == "reqlanes-trace":  # the tracer's own sender
            return bootstrap(self)
        channel.emit("thread_start", thread_name=self.name)
        try:
            return bootstrap(self)
        finally:
            channel.emit("thread_end", thread_name=self.name)

    thread_class._bootstrap_inner = traced_bootstrap


@hooks.when_imported("multiprocessing.process")
def _patch_multiprocessing(process_module):
    process_class = process_module.BaseProcess
    start = process_class.start
    bootstrap = process_class._bootstrap

    @functools.wraps(start)
    def traced_start(self):
        channel.emit("process_spawned", child_name=self.name)
        result = start(self)
        channel.emit("process_started", child=self.pid, child_name=self.name)
        return result

    @functools.wraps(bootstrap)
    def traced_bootstrap(self, *args, **kwargs):
        # In the child (fork): it is ready to work once it runs this.
        channel.emit("process_ready", process_name=self.name)
        try:
            return bootstrap(self, *args, **kwargs)
        finally:
            channel.close()  # the child ends with os._exit: atexit would not send the rest

    process_class.start = traced_start
    process_class._bootstrap = traced_bootstrap


@hooks.when_imported("multiprocessing.popen_fork")
def _patch_popen(popen_fork):
    # The exit is seen by the parent, the first time it polls the child's status (join, is_alive,
    # exitcode): a pool's workers end by SIGTERM (Pool.terminate), with no chance to say so.
    popen_class = popen_fork.Popen
    poll = popen_class.poll

    @functools.wraps(poll)
    def traced_poll(self, *args, **kwargs):
        before = self.returncode
        code = poll(self, *args, **kwargs)
        if before is None and code is not None:
            channel.emit("process_exit", child=self.pid, code=code)
        return code

    popen_class.poll = traced_poll
