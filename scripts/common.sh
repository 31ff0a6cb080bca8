# Shared by scripts/run and scripts/test: install what is missing, configure, build.
# Sourced, not executed.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQLANES_PACKAGES=(cmake g++ ninja-build pkg-config qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n fonts-noto-cjk libqcustomplot-dev
    qcoro-qt6-dev libgtest-dev xvfb xauth)

missing_packages() {
    local pkg missing=()
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    echo "${missing[@]:-}"
}

# Installs the Debian packages the build needs; as a normal user prints the one line to run.
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
        echo "reqlanes: missing packages. Run this once, then try again:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
        exit 1
    fi
}

# Configures (once) and builds a CMake preset; quick when nothing changed.
build_preset() {
    local preset="$1"
    cd "$REPO_ROOT"
    if [ ! -f "build/$preset/build.ninja" ]; then
        cmake --preset "$preset" >&2
    fi
    cmake --build --preset "$preset" -j "$(nproc)" >&2
}
