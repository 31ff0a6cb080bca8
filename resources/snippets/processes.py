from multiprocessing import Pool
import requests

def fetch(url):
    response = requests.get(url, stream=True)  # returns once the headers are in
    return response.content  # reads the body

def main(url, n, limit):
    with Pool(processes=limit) as pool:
        bodies = pool.map(fetch, [url] * n)
