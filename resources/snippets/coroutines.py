import asyncio
import aiohttp

async def fetch(session, semaphore, url):
    async with semaphore:
        response = await session.get(url)
        body = await response.read()
        response.release()
        return body

async def main(url, n, limit):
    semaphore = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        fetches = [
            fetch(session, semaphore, url) for _ in range(n)
        ]
        return await asyncio.gather(*fetches)
