import asyncio
import aiohttp

async def fetch(session, url):
    async with session.get(url) as response:
        return await response.read()

async def main(url, n):
    async with aiohttp.ClientSession() as session:
        tasks = [fetch(session, url) for _ in range(n)]
        bodies = await asyncio.gather(*tasks)

asyncio.run(main("http://127.0.0.1:8000/", 9))
