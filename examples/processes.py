#!/usr/bin/env python3
"""multiprocessing.Pool: each request in a worker process; the pool's start-up comes first."""
import multiprocessing
import sys
import time

import requests

url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000/"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 3
size = int(sys.argv[3]) if len(sys.argv) > 3 else 3


def fetch(i):
    response = requests.get(url, headers={"X-Request-Id": f"process-{i}"})
    response.raise_for_status()
    return response.status_code


if __name__ == "__main__":
    start = time.perf_counter()
    with multiprocessing.Pool(size) as pool:
        pool.map(fetch, range(n))
    print(f"process pool({size}): {n} requests in {time.perf_counter() - start:.2f} s")
