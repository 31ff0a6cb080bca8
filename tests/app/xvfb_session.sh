# Sourced by the xvfb_*.sh tests: skips (exit 77, CTest's "skipped") where xvfb-run is not
# installed, and runs what follows in a throwaway home, so a test neither reads nor writes the
# user's settings. `in_xvfb SCREEN COMMAND...` runs COMMAND on a fresh X server of that size
# (e.g. 1280x1024), as the xcb platform, with at most 90 s.
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "xvfb-run not found: skipping $(basename "$0")"
    exit 77
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

in_xvfb() {
    screen=$1
    shift
    env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" \
        XDG_RUNTIME_DIR="$scratch" QT_QPA_PLATFORM=xcb \
        timeout 90 xvfb-run -a -s "-screen 0 ${screen}x24" "$@"
}
