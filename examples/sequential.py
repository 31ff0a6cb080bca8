#!/usr/bin/env python3
"""One request after another on one kept-alive connection: N x latency."""
import sys
import time

import requests

url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000/"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 3

start = time.perf_counter()
with requests.Session() as session:
    for i in range(n):
        session.get(url, headers={"X-Request-Id": f"seq-{i}"}).raise_for_status()
print(f"sequential: {n} requests in {time.perf_counter() - start:.2f} s")
