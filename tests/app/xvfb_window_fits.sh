#!/bin/sh
# Runs the MainWindowGeometry tests (test_windowgeometry.cpp) on real X servers the size of
# xvfb-run's default screen (1280×1024) and of a common laptop (1366×768): the first window must
# fit each (issue 13).
# Usage: xvfb_window_fits.sh TEST_BINARY
# Exit 77 (CTest's "skipped") when xvfb-run is not installed.
set -eu
test_binary=$1

if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "xvfb-run not found: skipping the window-size test on X servers"
    exit 77
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for size in 1280x1024 1366x768; do
    echo "== X screen $size"
    env -u WAYLAND_DISPLAY HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" \
        XDG_RUNTIME_DIR="$scratch" QT_QPA_PLATFORM=xcb REQLANES_EXPECT_SCREEN="$size" \
        timeout 90 xvfb-run -a -s "-screen 0 ${size}x24" \
        "$test_binary" --gtest_filter='MainWindowGeometry.*'
done
