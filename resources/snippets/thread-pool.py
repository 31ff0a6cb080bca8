from concurrent.futures import ThreadPoolExecutor
import requests

def fetch(url):
    # returns once the headers are in
    response = requests.get(url, stream=True)
    # reads the body
    return response.content

def main(url, n, limit):
    with ThreadPoolExecutor(max_workers=limit) as pool:
        bodies = list(pool.map(fetch, [url] * n))
