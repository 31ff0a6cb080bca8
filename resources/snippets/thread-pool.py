from concurrent.futures import ThreadPoolExecutor
import requests

def fetch(url):
    response = requests.get(url, stream=True)  # returns once the headers are in
    return response.content  # reads the body

def main(url, n, limit):
    with ThreadPoolExecutor(max_workers=limit) as pool:
        bodies = list(pool.map(fetch, [url] * n))
