#!/usr/bin/env bash
# `cmake --install` into a temporary prefix puts every file in its standard
# place, and the installed binary finds its installed demo site
# (bin/../share/wirebench/site), not the build tree's copy.
# Usage (from ctest): checkinstall.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"
source_dir="$2"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null

app_id=org.wirebench.Wirebench
expected=(
    bin/wirebench
    share/wirebench/site/index.html
    share/applications/$app_id.desktop
    share/metainfo/$app_id.metainfo.xml
    share/icons/hicolor/scalable/apps/$app_id.svg
    share/man/man1/wirebench.1.gz
    share/bash-completion/completions/wirebench
)
for size in 16 22 24 32 48 64 128 256; do
    expected+=("share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
missing=0
for file in "${expected[@]}"; do
    [ -f "$prefix/$file" ] || { echo "not installed: $file" >&2; missing=1; }
done
[ "$missing" -eq 0 ] || exit 1
echo "install: all ${#expected[@]} files in place under $prefix"

# The validators are there when scripts/package.sh has run; CI runs it.
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$prefix/share/applications/$app_id.desktop"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$prefix/share/metainfo/$app_id.metainfo.xml"
fi

"$source_dir/scripts/smoke.sh" "$prefix/bin/wirebench" "$prefix/share/wirebench/site"
