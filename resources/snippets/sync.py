import requests

def main(url, n):
    for _ in range(n):
        response = requests.get(url, stream=True)  # returns once the headers are in
        body = response.content  # reads the body
