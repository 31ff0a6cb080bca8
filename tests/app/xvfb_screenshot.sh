#!/bin/sh
# Starts the real reqlanes window under a virtual X server (xvfb-run), runs a strategy, lets the
# app grab its own window (--screenshot) and checks that a non-empty PNG came out.
# Usage: xvfb_screenshot.sh REQLANES_BINARY OUTPUT_PNG
# Exit 77 (CTest's "skipped") when xvfb-run is not installed.
set -eu
app=$1
out=$2

if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "xvfb-run not found: skipping the X11 screenshot test"
    exit 77
fi

# A throwaway home, so the test neither reads nor writes the user's settings.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -f "$out"

env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" \
    XDG_RUNTIME_DIR="$scratch" QT_QPA_PLATFORM=xcb \
    timeout 90 xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$app" --strategy threads --n 6 --limit 3 --workers 3 --latency-ms 200 --size 1400x900 \
    --screenshot "$out"

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
