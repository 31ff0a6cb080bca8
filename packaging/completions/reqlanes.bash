# bash completion for reqlanes, reqlanes-cli and reqlanes-server (installed once per command
# name, as bash-completion loads them). Nothing is listed here: the options, and the values an
# option takes, are read from the command's own --help, so a new option, file format, strategy
# or lane grouping completes without a change here:
#   <FILE>                 file names
#   <a|b|c>, a|b|c         those words
#   <id>                   the strategies of `reqlanes-cli --list`
#   <grouping>             the lane groupings its --help lists ("Lane grouping...: a, b, c.")
#   anything else (<N>)    the user's own value: nothing offered
# Plain bash, no bash-completion helpers needed. Checked by the packaging.completions test.

declare -gA _reqlanes_help_cache

# The command's --help, once per shell.
_reqlanes_help() {
    local program="$1"
    if [ -z "${_reqlanes_help_cache[$program]+set}" ]; then
        _reqlanes_help_cache[$program]="$(QT_QPA_PLATFORM=offscreen "$program" --help 2>/dev/null)"
    fi
    printf '%s\n' "${_reqlanes_help_cache[$program]}"
}

# Option lines of --help: "  -h, --help  ...", "  --n <N>  ...", "  --mode sync|async  ...".
_reqlanes_option_lines() {
    _reqlanes_help "$1" | grep -E '^  (-[a-zA-Z], )?--[a-z]'
}

# The strategy ids, from the reqlanes-cli beside the command (or on PATH).
_reqlanes_strategies() {
    local cli
    cli="$(dirname -- "$1")/reqlanes-cli"
    [ -x "$cli" ] || cli="$(type -P reqlanes-cli)" || return
    "$cli" --list 2>/dev/null | awk '{print $1}'
}

_reqlanes() {
    local program="${COMP_WORDS[0]}" cur="${COMP_WORDS[COMP_CWORD]}" prev=""
    [ "$COMP_CWORD" -gt 0 ] && prev="${COMP_WORDS[COMP_CWORD - 1]}"
    local resolved
    resolved="$(type -P -- "$program")" || resolved="$program"
    COMPREPLY=()

    if [[ "$prev" == --* ]]; then
        # The placeholder after the option's name on its --help line, if it takes a value.
        local value
        value="$(_reqlanes_option_lines "$resolved" |
            sed -nE "s/^  (-[a-zA-Z], )?${prev}[ =]([^ ]+).*/\\2/p" | head -n 1)"
        case "$value" in
            "") ;; # a flag: complete the next option
            "<FILE>")
                COMPREPLY=($(compgen -f -- "$cur"))
                return ;;
            "<id>")
                COMPREPLY=($(compgen -W "$(_reqlanes_strategies "$resolved")" -- "$cur"))
                return ;;
            "<grouping>")
                local groupings
                groupings="$(_reqlanes_help "$resolved" | tr '\n' ' ' |
                    grep -oE 'Lane grouping[^:]*: [a-z, ]+' | head -n 1 | sed 's/.*: //; s/,/ /g')"
                COMPREPLY=($(compgen -W "$groupings" -- "$cur"))
                return ;;
            *"|"*)
                COMPREPLY=($(compgen -W "$(tr -d '<>' <<<"$value" | tr '|' ' ')" -- "$cur"))
                return ;;
            *)
                return ;; # the user's own value
        esac
    fi
    local options
    # Only the option column: the descriptions have words like "comma-separated".
    options="$(_reqlanes_option_lines "$resolved" |
        sed -E 's/^  ((-[a-zA-Z], )?--[a-z][a-z-]*).*/\1/' | grep -oE -- '-{1,2}[a-zA-Z][a-z-]*')"
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
}
complete -o filenames -F _reqlanes reqlanes reqlanes-cli reqlanes-server
