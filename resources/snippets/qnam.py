# Browsers and most HTTP libraries cap connections per
# host too: urllib3's pool (used by requests) keeps 10,
# aiohttp allows 100 in total.
import asyncio
import aiohttp

async def fetch(session, url):
    async with session.get(url) as response:
        return await response.read()

async def main(url, n):
    # at most 6 per host, what Qt does
    connector = aiohttp.TCPConnector(limit_per_host=6)
    session = aiohttp.ClientSession(connector=connector)
    async with session:
        return await asyncio.gather(
            *(fetch(session, url) for _ in range(n))
        )
