import threading
import requests

def fetch(url):
    # returns once the headers are in
    response = requests.get(url, stream=True)
    # reads the body
    body = response.content

def main(url, n):
    threads = [
        threading.Thread(target=fetch, args=(url,))
        for _ in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
