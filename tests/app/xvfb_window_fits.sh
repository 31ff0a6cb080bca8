#!/bin/sh
# Runs the MainWindowGeometry tests (test_windowgeometry.cpp) on real X servers the size of
# xvfb-run's default screen (1280×1024) and of a common laptop (1366×768): the first window must
# fit each (issue 13).
# Usage: xvfb_window_fits.sh TEST_BINARY
# Exit 77 (CTest's "skipped") when xvfb-run is not installed.
set -eu
test_binary=$1

. "$(dirname "$0")/xvfb_session.sh"

for size in 1280x1024 1366x768; do
    echo "== X screen $size"
    in_xvfb "$size" env REQLANES_EXPECT_SCREEN="$size" "$test_binary" \
        --gtest_filter='MainWindowGeometry.*'
done
