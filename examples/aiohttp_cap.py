#!/usr/bin/env python3
"""The hidden limit: 300 requests at once through aiohttp's default connector (100 connections).

Run it against an async server (reqlanes-cli --watch --server-mode async): the server could
take all 300 at once, yet only 100 are ever in flight."""
import asyncio
import sys
import time

import aiohttp

url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000/"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300


async def fetch(session, i):
    async with session.get(url, headers={"X-Request-Id": f"cap-{i}"}) as response:
        response.raise_for_status()
        await response.read()


async def main():
    async with aiohttp.ClientSession() as session:  # TCPConnector(limit=100) by default
        await asyncio.gather(*(fetch(session, i) for i in range(n)))


start = time.perf_counter()
asyncio.run(main())
print(f"aiohttp default connector: {n} requests in {time.perf_counter() - start:.2f} s")
