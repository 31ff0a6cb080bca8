#!/usr/bin/env python3
"""A thread per request: N connections from one process, all at once."""
import sys
import threading
import time

import requests

url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000/"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def fetch(i):
    requests.get(url, headers={"X-Request-Id": f"thread-{i}"}).raise_for_status()


start = time.perf_counter()
threads = [threading.Thread(target=fetch, args=(i,)) for i in range(n)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"threads: {n} requests in {time.perf_counter() - start:.2f} s")
