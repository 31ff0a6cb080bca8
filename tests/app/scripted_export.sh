#!/bin/sh
# The scripted export mode of the real binary, headless (offscreen): PNG/SVG/PDF by extension,
# the asked size, exit 0 when written, 2 with a message on bad arguments, and --help.
# Usage: scripted_export.sh REQLANES_BINARY SCRATCH_DIR
set -eu
app=$1
dir=$2
rm -rf "$dir"
mkdir -p "$dir"
export QT_QPA_PLATFORM=offscreen HOME="$dir" XDG_RUNTIME_DIR="$dir"
chmod 700 "$dir"
fail() { echo "FAIL: $*"; exit 1; }
run="--strategy threads --n 6 --limit 3 --workers 3 --latency-ms 150"

# shellcheck disable=SC2086
"$app" $run --export "$dir/t.png" --size 1280x720 --lanes thread || fail "png export exit $?"
[ "$(head -c 8 "$dir/t.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "t.png is not a PNG"
# PNG IHDR: width and height are the big-endian words at bytes 16..23.
dims=$(od -An -tu1 -j16 -N8 "$dir/t.png" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
[ "$dims" = "1280x720" ] || fail "t.png is $dims, not 1280x720"

# shellcheck disable=SC2086
"$app" $run --export "$dir/t.svg" || fail "svg export exit $?"
grep -q "<svg" "$dir/t.svg" || fail "t.svg has no <svg> element"
# shellcheck disable=SC2086
"$app" $run --export "$dir/t.pdf" || fail "pdf export exit $?"
[ "$(head -c 4 "$dir/t.pdf")" = "%PDF" ] || fail "t.pdf does not start with %PDF"

set +e
"$app" --strategy no-such --export "$dir/x.png" 2>"$dir/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "bad strategy exit $code, expected 2"
grep -q "unknown strategy" "$dir/err.txt" || fail "no clear message: $(cat "$dir/err.txt")"
[ ! -e "$dir/x.png" ] || fail "x.png written despite bad arguments"

"$app" --help | grep -q -- "--export" || fail "--help does not document --export"
echo "scripted export ok"
