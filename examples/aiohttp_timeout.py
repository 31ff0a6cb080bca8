#!/usr/bin/env python3
"""aiohttp's timeout starts while a request still waits for a connection.

A connector of LIMIT connections and a total timeout of TIMEOUT seconds against the slow server
(3 workers x 1 s): the first LIMIT requests get through, the next LIMIT get connections and time
out in the server, and the rest wait the whole time for a connection: they time out without ever
reaching the server (users keep filing this against aiohttp, e.g. aio-libs/aiohttp#10313)."""
import asyncio
import sys
import time

import aiohttp

url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000/"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 3
timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 1.5


async def fetch(session, i):
    try:
        async with session.get(url, headers={"X-Request-Id": f"timeout-{i}"}) as response:
            await response.read()
            return "ok"
    except asyncio.TimeoutError:
        return "timed out"


async def main():
    connector = aiohttp.TCPConnector(limit=limit)
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(connector=connector, timeout=client_timeout) as session:
        return await asyncio.gather(*(fetch(session, i) for i in range(n)))


start = time.perf_counter()
results = asyncio.run(main())
print(
    f"aiohttp connector limit {limit}, timeout {timeout} s: {results.count('ok')} ok, "
    f"{results.count('timed out')} timed out in {time.perf_counter() - start:.2f} s"
)
