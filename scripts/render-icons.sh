#!/usr/bin/env bash
# Renders the app icon's PNG sizes from resources/icons/org.wirebench.Wirebench.svg
# into resources/icons/hicolor/. The PNGs are committed, so a build needs no SVG
# renderer: run this after changing the SVG, then look at the results.
set -euo pipefail
WIREBENCH_EXTRA_PACKAGES="librsvg2-bin"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

icons="$REPO_DIR/resources/icons"
for size in 16 22 24 32 48 64 128 256; do
    dir="$icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    rsvg-convert -w "$size" -h "$size" "$icons/org.wirebench.Wirebench.svg" -o "$dir/org.wirebench.Wirebench.png"
done
echo "Rendered $(ls "$icons"/hicolor/*/apps/*.png | wc -l) PNGs under $icons/hicolor"
