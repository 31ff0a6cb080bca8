#!/usr/bin/env bash
# Fixture: installs the build into a fresh prefix, as `cmake --install BUILD --prefix PREFIX`.
#   install_prefix.sh CMAKE BUILD_DIR PREFIX
set -euo pipefail
cmake="$1" build="$2" prefix="$3"
rm -rf "$prefix"
"$cmake" --install "$build" --prefix "$prefix" >/dev/null
for program in bin/reqlanes-cli bin/reqlanes-server libexec/reqlanes/reqlanes-worker; do
    [ -x "$prefix/$program" ] || { echo "not installed: $program" >&2; exit 1; }
done
echo "installed into $prefix"
