import threading
import requests

def fetch(url):
    response = requests.get(url, stream=True)  # returns once the headers are in
    body = response.content  # reads the body

def main(url, n):
    threads = [threading.Thread(target=fetch, args=(url,)) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
