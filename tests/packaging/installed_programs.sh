#!/usr/bin/env bash
# The installed programs run from any working directory and any prefix: --version says the
# project's version, and the processes strategy finds its worker in ../libexec/reqlanes/ (never in
# the build tree), also after the whole prefix has moved. A program without the worker beside it
# says where it looked.
#   installed_programs.sh PREFIX VERSION
set -euo pipefail
prefix="$1" version="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" # not the build tree, not the prefix
unset REQLANES_WORKER
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_equal() { [ "$2" = "$3" ] || fail "$1: expected '$3', got '$2'"; }

expect_equal "reqlanes-cli --version" "$("$prefix/bin/reqlanes-cli" --version)" "reqlanes-cli $version"
expect_equal "reqlanes-server --version" "$("$prefix/bin/reqlanes-server" --version)" \
    "reqlanes-server $version"
if [ -x "$prefix/bin/reqlanes" ]; then
    expect_equal "reqlanes --version" "$("$prefix/bin/reqlanes" --version 2>/dev/null)" \
        "reqlanes $version"
fi

# Three requests on a pool of three worker processes, three server workers of 200 ms each.
run_processes() {
    "$1" --strategy processes --n 3 --limit 3 --workers 3 --latency-ms 200 --summary-json - \
        2>"$work/stderr"
}
check_processes_summary() {
    local label="$1" summary="$2"
    python3 - "$label" "$summary" <<'PY' || fail "$label: summary: $summary"
import json, sys
label, text = sys.argv[1], sys.argv[2]
run = json.loads(text)
assert run["strategy"] == "processes", run["strategy"]
assert run["n"] == 3 and run["ok"] == 3 and run["errors"] == 0, run["outcome"]
assert run["processes"] == 3, run["processes"]  # three worker processes really ran
PY
}
summary="$(run_processes "$prefix/bin/reqlanes-cli")" || fail "processes run failed: $(cat "$work/stderr")"
check_processes_summary "installed prefix" "$summary"

# Any prefix: the same tree moved elsewhere still finds its worker.
cp -a "$prefix" "$work/moved"
summary="$(run_processes "$work/moved/bin/reqlanes-cli")" ||
    fail "moved prefix: processes run failed: $(cat "$work/stderr")"
check_processes_summary "moved prefix" "$summary"

# Without libexec/reqlanes beside it the strategy fails and names where it looked.
mkdir -p "$work/lonely/bin"
cp "$prefix/bin/reqlanes-cli" "$work/lonely/bin/"
if run_processes "$work/lonely/bin/reqlanes-cli" >"$work/lonely.out"; then
    fail "a reqlanes-cli without its worker reported success"
fi
grep -q "lonely/libexec/reqlanes/reqlanes-worker" "$work/lonely.out" "$work/stderr" ||
    fail "the error does not say where the worker was looked for: $(cat "$work/lonely.out" "$work/stderr")"

# The Python tracer is installed where Debian's python3 finds modules (under /usr), here found
# through PYTHONPATH: it runs a script and keeps its exit status.
if command -v python3 >/dev/null 2>&1; then
    printf 'import sys\nsys.exit(4)\n' >"$work/exits4.py"
    status=0
    PYTHONPATH="$prefix/lib/python3/dist-packages" python3 -m reqlanes_trace "$work/exits4.py" ||
        status=$?
    [ "$status" -eq 4 ] || fail "python3 -m reqlanes_trace from the prefix exited $status, not 4"
fi

# An installed reqlanes-cli runs a script under the tracer of its own prefix, which python3 does
# not know about (not /usr): no PYTHONPATH set by hand, the script's exit status kept. Moved too.
if command -v python3 >/dev/null 2>&1; then
    for cli in "$prefix/bin/reqlanes-cli" "$work/moved/bin/reqlanes-cli"; do
        status=0
        env -u PYTHONPATH "$cli" --watch -- python3 "$work/exits4.py" >"$work/watch.out" \
            2>&1 || status=$?
        [ "$status" -eq 4 ] ||
            fail "$cli --watch -- python3 exits4.py exited $status, not 4: $(cat "$work/watch.out")"
        if grep -q "No module named" "$work/watch.out"; then
            fail "$cli did not find its tracer: $(cat "$work/watch.out")"
        fi
    done
fi

[ "$failures" -eq 0 ] && echo "installed programs: ok"
exit $((failures > 0))
