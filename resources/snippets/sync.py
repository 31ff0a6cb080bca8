import requests

def main(url, n):
    for _ in range(n):
        # returns once the headers are in
        response = requests.get(url, stream=True)
        # reads the body
        body = response.content
