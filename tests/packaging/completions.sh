#!/usr/bin/env bash
# The installed bash completions offer what the installed commands accept: every option of each
# command's --help, every strategy of `reqlanes-cli --list` after --strategy, every lane grouping
# --help names after --lanes, the words of a choice (sync|async), file names after a <FILE>
# option, and options again after a flag. Plain bash, as the completions need nothing else.
#   completions.sh PREFIX
set -euo pipefail
prefix="$1"
completions="$prefix/share/bash-completion/completions"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
touch run-a.json
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# offered PROGRAM WORD... : what the command's completion offers for the last word.
offered() {
    local program="$1"
    shift
    (
        # shellcheck disable=SC1090
        source "$completions/$program"
        COMP_WORDS=("$prefix/bin/$program" "$@")
        COMP_CWORD=$#
        COMPREPLY=()
        "$(complete -p "$program" | sed -E 's/.* -F ([^ ]+) .*/\1/')"
        printf '%s\n' "${COMPREPLY[@]}"
    )
}

expect_offered() { # expect_offered WHAT OFFERED WANTED...
    local what="$1" list="$2"
    shift 2
    local word
    for word in "$@"; do
        grep -qxF -- "$word" <<<"$list" || fail "$what does not offer $word"
    done
}

for program in reqlanes-cli reqlanes-server reqlanes; do
    [ -x "$prefix/bin/$program" ] || continue
    [ -f "$completions/$program" ] || { fail "no completion for $program"; continue; }
    help="$("$prefix/bin/$program" --help 2>/dev/null)"
    # Option names at the start of --help's option lines ("  -h, --help", "  --n <N>").
    mapfile -t options < <(grep -oE '^  (-[a-zA-Z], )?--[a-z][a-z-]*' <<<"$help" |
        grep -oE -- '-{1,2}[a-zA-Z][a-z-]*')
    [ "${#options[@]}" -gt 5 ] || fail "no options read from $program --help"
    all="$(offered "$program" "")"
    expect_offered "$program" "$all" "${options[@]}"
    [ "$(wc -l <<<"$all")" -eq "${#options[@]}" ] ||
        fail "$program offers more than its options: $(tr '\n' ' ' <<<"$all")"
    case "$program" in
    reqlanes-server)
        expect_offered "$program --mode" "$(offered "$program" --mode "")" sync async
        expect_offered "$program --workers" "$(offered "$program" --workers "")" "" # a number
        ;;
    *)
        mapfile -t strategies < <("$prefix/bin/reqlanes-cli" --list | awk '{print $1}')
        expect_offered "$program --strategy" "$(offered "$program" --strategy "")" "${strategies[@]}"
        expect_offered "$program --strategy a" "$(offered "$program" --strategy a)" async \
            async-semaphore
        mapfile -t groupings < <(tr '\n' ' ' <<<"$help" | grep -oE 'Lane grouping[^:]*: [a-z, ]+' |
            sed 's/.*: //' | tr ', ' '\n\n' | grep .)
        [ "${#groupings[@]}" -ge 4 ] || fail "no lane groupings in $program --help"
        expect_offered "$program --lanes" "$(offered "$program" --lanes "")" "${groupings[@]}"
        expect_offered "$program --server-mode" "$(offered "$program" --server-mode "")" sync async
        expect_offered "$program --open" "$(offered "$program" --open run-)" run-a.json
        ;;
    esac
    expect_offered "$program --help then" "$(offered "$program" --help "")" "${options[@]}"
done
[ "$failures" -eq 0 ] && echo "completions: every option and value offered"
exit $((failures > 0))
