#!/usr/bin/env bash
# The installed files pass the Debian tools that check them. Exit 77 (skipped) when the tool is
# missing, naming the package that brings it.
#   validators.sh desktop|metainfo|man|icons PREFIX [VERSION]  (VERSION for metainfo and man)
set -euo pipefail
check="$1" prefix="$2" version="${3:-}"
need() { # need TOOL PACKAGE
    command -v "$1" >/dev/null || { echo "SKIP: $1 is not installed (apt-get install $2)"; exit 77; }
}

case "$check" in
desktop)
    need desktop-file-validate desktop-file-utils
    file="$prefix/share/applications/reqlanes.desktop"
    output="$(desktop-file-validate "$file" 2>&1)" || { echo "$output"; exit 1; }
    # Hints are advice, but ours has none: keep it that way.
    [ -z "$output" ] || { echo "desktop-file-validate said: $output"; exit 1; }
    echo "desktop entry: valid"
    ;;
metainfo)
    need appstreamcli appstream
    file="$(ls "$prefix"/share/metainfo/*.metainfo.xml)"
    appstreamcli validate --no-net --pedantic "$file"
    grep -q "<release version=\"$version\"" "$file" || { echo "no release $version in $file"; exit 1; }
    grep -q '<launchable type="desktop-id">reqlanes.desktop</launchable>' "$file"
    ;;
man)
    need lexgrog man-db
    need man man-db
    pages=("$prefix"/share/man/man1/*.1.gz)
    [ -e "${pages[0]}" ] || { echo "SKIP: no man pages installed (help2man was missing at build time)"; exit 77; }
    failures=0
    for program in reqlanes-cli reqlanes-server $([ -x "$prefix/bin/reqlanes" ] && echo reqlanes); do
        page="$prefix/share/man/man1/$program.1.gz"
        [ -f "$page" ] || { echo "FAIL: no man page for $program"; failures=$((failures + 1)); continue; }
        lexgrog "$page" | grep -q "\"$program - " || { echo "FAIL: lexgrog $page"; failures=$((failures + 1)); }
        # The header names the program and the project's version: help2man takes it from the
        # first line of --version's output, where a warning on stderr would land first.
        zcat "$page" | grep -q "^\.TH .* \"$program $version\" " ||
            { echo "FAIL: $page: header: $(zcat "$page" | grep '^\.TH')"; failures=$((failures + 1)); }
        # man --warnings prints groff's warnings on stderr; the page must render without any.
        warnings="$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)"
        [ -z "$warnings" ] || { echo "FAIL: $page: $warnings"; failures=$((failures + 1)); }
        LC_ALL=C.UTF-8 man -l "$page" 2>/dev/null | grep -q -- "--version" ||
            { echo "FAIL: $page does not document --version"; failures=$((failures + 1)); }
    done
    [ "$failures" -eq 0 ] && echo "man pages: lexgrog and man --warnings clean"
    exit $((failures > 0))
    ;;
icons)
    need file file
    failures=0
    for size in 16 22 24 32 48 64 128 256; do
        png="$prefix/share/icons/hicolor/${size}x${size}/apps/reqlanes.png"
        file "$png" | grep -q "PNG image data, $size x $size," ||
            { echo "FAIL: $png: $(file "$png")"; failures=$((failures + 1)); }
    done
    [ -f "$prefix/share/icons/hicolor/scalable/apps/reqlanes.svg" ] || { echo "FAIL: no scalable icon"; failures=$((failures + 1)); }
    exit $((failures > 0))
    ;;
*)
    echo "usage: validators.sh desktop|metainfo|man|icons PREFIX [VERSION]" >&2
    exit 2
    ;;
esac
