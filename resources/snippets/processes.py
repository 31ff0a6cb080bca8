from multiprocessing import Pool
import requests

def fetch(url):
    # returns once the headers are in
    response = requests.get(url, stream=True)
    # reads the body
    return response.content

def main(url, n, limit):
    with Pool(processes=limit) as pool:
        bodies = pool.map(fetch, [url] * n)
