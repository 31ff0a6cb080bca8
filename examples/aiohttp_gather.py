#!/usr/bin/env python3
"""asyncio + aiohttp, everything at once with gather: one thread, N requests in flight."""
import asyncio
import sys
import time

import aiohttp

url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000/"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 3


async def fetch(session, i):
    async with session.get(url, headers={"X-Request-Id": f"gather-{i}"}) as response:
        response.raise_for_status()
        await response.read()


async def main():
    # aiohttp's default connector allows 100 connections at once: with more requests than
    # that, the rest wait in the client, a limit nobody wrote down.
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(fetch(session, i) for i in range(n)))


start = time.perf_counter()
asyncio.run(main())
print(f"aiohttp gather: {n} requests in {time.perf_counter() - start:.2f} s")
