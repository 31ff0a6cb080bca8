import asyncio
import aiohttp

async def fetch(session, semaphore, url):
    async with semaphore:
        async with session.get(url) as response:
            return await response.read()

async def main(url, n, limit):
    semaphore = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        tasks = [
            fetch(session, semaphore, url) for _ in range(n)
        ]
        bodies = await asyncio.gather(*tasks)
