#!/usr/bin/env python3
"""asyncio + aiohttp with a Semaphore: at most LIMIT requests in flight, in waves."""
import asyncio
import sys
import time

import aiohttp

url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000/"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 9
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 3


async def fetch(session, semaphore, i):
    async with semaphore:
        async with session.get(url, headers={"X-Request-Id": f"sem-{i}"}) as response:
            response.raise_for_status()
            await response.read()


async def main():
    semaphore = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(fetch(session, semaphore, i) for i in range(n)))


start = time.perf_counter()
asyncio.run(main())
print(f"aiohttp semaphore({limit}): {n} requests in {time.perf_counter() - start:.2f} s")
