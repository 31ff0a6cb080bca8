"""reqlanes_trace: a Python program's HTTP requests, seen from the client side, for reqlanes.

    python3 -m reqlanes_trace script.py ARGS...
    python3 -m reqlanes_trace -m module ARGS...

runs the script unchanged (like `python3 -m cProfile`), records what asyncio, aiohttp, requests,
urllib3, threading and multiprocessing do when the script imports them, and sends those events to
the reqlanes server the script talks to, which draws them with the server's own view of each
request. Standard library only.
"""

__all__ = ["start"]


def start():
    """Starts tracing in this process (what `python3 -m reqlanes_trace` does first)."""
    from . import hooks, patches  # noqa: F401  (importing patches registers them)

    hooks.install()
