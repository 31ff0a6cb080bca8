# Shared by scripts/run and scripts/test: install what is missing, configure, build.
# Sourced, not executed.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# qt6-tools-dev: the Qt6LinguistTools CMake package; qt6-l10n-tools: the lupdate and lrelease it
# runs; qt6-translations-l10n: Qt's own Japanese. fonts-noto-cjk: Japanese glyphs. xvfb, xauth: xvfb-run, for the window without a display.
# zlib1g-dev: gzip-compressed OTLP/HTTP bodies.
REQLANES_PACKAGES=(cmake g++ ninja-build pkg-config qt6-base-dev qt6-svg-dev libqcustomplot-dev zlib1g-dev
    qcoro-qt6-dev libgtest-dev qt6-tools-dev qt6-l10n-tools
    qt6-translations-l10n fonts-noto-cjk xvfb xauth)

# What installing and packaging need beyond the build: help2man makes the man pages (the build
# skips them without it); the validators of the packaging tests (desktop-file-validate,
# appstreamcli, lexgrog and man, file); dpkg-shlibdeps for the .deb's Depends; lintian for it.
PACKAGING_PACKAGES=(help2man desktop-file-utils appstream man-db file dpkg-dev lintian)

missing_packages() {
    local pkg missing=()
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    echo "${missing[@]:-}"
}

# Installs the Debian packages the build needs (and any given); as a normal user prints the
# command to run as root, with sudo and with su: Debian set up with a root password has no sudo.
ensure_packages() {
    local missing
    missing="$(missing_packages "${REQLANES_PACKAGES[@]}" "$@")"
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "reqlanes: installing missing packages: $missing" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >&2
    else
        local install="apt-get install -y --no-install-recommends $missing"
        {
            echo "reqlanes: missing Debian packages: $missing"
            echo "Install them once as root, then run this again. With sudo:"
            echo "  sudo apt-get update && sudo $install"
            echo "or with the root password:"
            echo "  su -c 'apt-get update && $install'"
            echo "(Run as root, this script installs them itself.)"
        } >&2
        exit 1
    fi
}

# Configures (once) and builds a CMake preset, all of it or the given targets; quick when nothing
# changed. Leaves the caller's directory alone: relative paths given to the app stay the user's.
build_preset() {
    local preset="$1"
    shift
    local targets=()
    if [ $# -gt 0 ]; then targets=(--target "$@"); fi
    (
        cd "$REPO_ROOT"
        if [ ! -f "build/$preset/build.ninja" ]; then
            cmake --preset "$preset" >&2
        fi
        cmake --build --preset "$preset" -j "$(nproc)" "${targets[@]}" >&2
    )
}
