#!/usr/bin/env python3
"""Writes chrome-pageload.har: a Chrome-shaped HAR of one page load, 20 requests to one host over
HTTP/1.1, as DevTools exports it (creator WebInspector, connection ids as strings, _initiator,
_priority, _resourceType, _transferSize, timings with _blocked_queueing). The browser opens at
most 6 connections to the host; the other requests wait in `blocked` until one is free, which is
what the reader turns into the slot wait. Deterministic: no clock, no randomness, no real host.

    python3 make_pageload.py > chrome-pageload.har
"""
import json

START_MS = 1_764_000_000_000  # 2025-11-24T16:00:00Z
HOST = "https://www.example.com"
CONNECTIONS = 6


def iso(ms):
    seconds, millis = divmod(ms, 1000)
    import datetime
    t = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % millis


def entry(i, url, kind, started, blocked, queueing, dns, connect, ssl, send, wait, receive, conn):
    timings = {"blocked": blocked, "dns": dns, "ssl": ssl, "connect": connect, "send": send,
               "wait": wait, "receive": receive, "_blocked_queueing": queueing}
    time = sum(v for k, v in timings.items() if not k.startswith("_") and k != "ssl" and v > 0)
    return {
        "_initiator": {"type": "parser", "url": HOST + "/", "lineNumber": 10 + i},
        "_priority": "High" if kind in ("document", "stylesheet", "script") else "Low",
        "_resourceType": kind,
        "cache": {},
        "connection": str(conn),
        "pageref": "page_1",
        "request": {"method": "GET", "url": url, "httpVersion": "http/1.1",
                    "headers": [{"name": "Accept", "value": "*/*"}], "queryString": [],
                    "cookies": [], "headersSize": 410, "bodySize": 0},
        "response": {"status": 200, "statusText": "OK", "httpVersion": "http/1.1",
                     "headers": [{"name": "Content-Type", "value": "text/plain"}], "cookies": [],
                     "content": {"size": 5120, "mimeType": "text/plain"}, "redirectURL": "",
                     "headersSize": 180, "bodySize": 5120, "_transferSize": 5300, "_error": None},
        "serverIPAddress": "192.0.2.10",
        "startedDateTime": iso(started),
        "time": round(time, 3),
        "timings": timings,
    }


def main():
    entries = []
    # The document on connection 1: new connection (dns, connect with TLS inside it).
    entries.append(entry(0, HOST + "/", "document", START_MS, 1.2, 0.8, 12.5, 40.25, 22.0, 0.3,
                         180.0, 15.5, 1))
    # 19 subresources found by the parser at 210 ms, all queued at once.
    kinds = ["stylesheet", "script", "script", "image", "image", "image", "font", "image",
             "script", "image", "image", "stylesheet", "image", "image", "image", "fetch", "image",
             "image", "image"]
    free_at = {1: 249.75}  # connection -> when it is free again: the document ends at 249.75 ms
    for c in range(2, CONNECTIONS + 1):
        free_at[c] = None  # not opened yet
    discovered = 210
    for i, kind in enumerate(kinds, start=1):
        wait = 90.0 + (i % 4) * 30.0
        receive = 8.0 + (i % 3) * 4.5
        # Take a connection: an unopened one first (it has to connect), else the earliest free.
        unopened = [c for c, t in free_at.items() if t is None]
        if unopened:
            conn = unopened[0]
            begin = discovered + 0.6
            dns, connect, ssl = 0.0, 38.5, 21.25
        else:
            conn = min(free_at, key=lambda c: free_at[c])
            begin = max(discovered + 0.6, free_at[conn])
            dns, connect, ssl = -1, -1, -1
        blocked = round(begin - discovered, 3)
        queueing = min(blocked, 0.6)
        setup = (connect if connect > 0 else 0) + (dns if dns > 0 else 0)
        end = begin + setup + 0.2 + wait + receive
        free_at[conn] = end
        entries.append(entry(i, "%s/static/%s-%02d.bin" % (HOST, kind, i), kind, START_MS + discovered,
                             blocked, queueing, dns, connect, ssl, 0.2, wait, receive, conn))
    har = {"log": {"version": "1.2",
                   "creator": {"name": "WebInspector", "version": "537.36"},
                   "pages": [{"startedDateTime": iso(START_MS), "id": "page_1",
                              "title": HOST + "/",
                              "pageTimings": {"onContentLoad": 420.5, "onLoad": 900.25}}],
                   "entries": entries}}
    print(json.dumps(har, indent=2))


main()
