#!/bin/sh
# Starts the real reqlanes window under a virtual X server (xvfb-run), runs a strategy, lets the
# app grab its own window (--screenshot) and checks that a non-empty PNG came out.
# Usage: xvfb_screenshot.sh REQLANES_BINARY OUTPUT_PNG
# Exit 77 (CTest's "skipped") when xvfb-run is not installed.
set -eu
app=$1
out=$2

. "$(dirname "$0")/xvfb_session.sh"
rm -f "$out"

in_xvfb 1600x1000 "$app" --strategy threads --n 6 --limit 3 --workers 3 --latency-ms 200 \
    --size 1400x900 --screenshot "$out"

if [ ! -s "$out" ]; then
    echo "no screenshot written to $out"
    exit 1
fi
magic=$(head -c 8 "$out" | od -An -tx1 | tr -d ' \n')
if [ "$magic" != "89504e470d0a1a0a" ]; then
    echo "$out is not a PNG (starts with $magic)"
    exit 1
fi
size=$(wc -c <"$out")
if [ "$size" -lt 20000 ]; then
    echo "$out is suspiciously small ($size bytes): an empty window?"
    exit 1
fi
echo "screenshot ok: $out ($size bytes)"
