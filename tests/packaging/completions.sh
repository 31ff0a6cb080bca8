#!/usr/bin/env bash
# The installed bash completions stay true: completing an empty word after each command offers
# every option its --help lists, and the value lists offer every strategy of `reqlanes-cli
# --list` and every lane grouping --help names. Plain bash, as the completions need nothing else.
#   completions.sh PREFIX
set -euo pipefail
prefix="$1"
completions="$prefix/share/bash-completion/completions"
failures=0

# complete WORD... : what the command's completion offers for the last word.
complete_words() {
    local program="$1" function="$2"
    shift 2
    # shellcheck disable=SC1090
    source "$completions/$program"
    COMP_WORDS=("$program" "$@")
    COMP_CWORD=$#
    COMPREPLY=()
    "$function"
    printf '%s\n' "${COMPREPLY[@]}"
}

expect_offered() { # expect_offered WHAT OFFERED WANTED...
    local what="$1" offered="$2"
    shift 2
    local word
    for word in "$@"; do
        grep -qxF -- "$word" <<<"$offered" || { echo "FAIL: $what does not offer $word"; failures=$((failures + 1)); }
    done
}

for entry in reqlanes-cli:_reqlanes_cli reqlanes-server:_reqlanes_server reqlanes:_reqlanes; do
    program="${entry%%:*}" function="${entry#*:}"
    [ -x "$prefix/bin/$program" ] || continue
    [ -f "$completions/$program" ] || { echo "FAIL: no completion for $program"; failures=$((failures + 1)); continue; }
    # Option names at the start of --help's option lines ("  -h, --help", "  --n <N>").
    mapfile -t options < <("$prefix/bin/$program" --help 2>/dev/null |
        grep -oE '^  (-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '-{1,2}[a-zA-Z][a-z-]*')
    [ "${#options[@]}" -gt 5 ] || { echo "FAIL: no options read from $program --help"; failures=$((failures + 1)); }
    expect_offered "$program" "$(complete_words "$program" "$function" "")" "${options[@]}"
    if [ "$program" != reqlanes-server ]; then
        mapfile -t strategies < <("$prefix/bin/reqlanes-cli" --list | awk '{print $1}')
        expect_offered "$program --strategy" "$(complete_words "$program" "$function" --strategy "")" \
            "${strategies[@]}"
        mapfile -t groupings < <("$prefix/bin/$program" --help 2>/dev/null | tr '\n' ' ' |
            grep -oE 'Lane grouping[^:]*: [a-z, ]+' | sed 's/.*: //' | tr ', ' '\n\n' | grep .)
        [ "${#groupings[@]}" -ge 4 ] || { echo "FAIL: no lane groupings in $program --help"; failures=$((failures + 1)); }
        expect_offered "$program --lanes" "$(complete_words "$program" "$function" --lanes "")" \
            "${groupings[@]}"
    fi
done
[ "$failures" -eq 0 ] && echo "completions: every option and value offered"
exit $((failures > 0))
