#!/usr/bin/env bash
# Shared by run.sh and test.sh: make sure the Debian packages are there,
# then configure and build. Source it; it sets BUILD_DIR.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${WIREBENCH_BUILD_DIR:-$REPO_DIR/build}"
BUILD_TYPE="${WIREBENCH_BUILD_TYPE:-RelWithDebInfo}"

# What a fresh Debian 12 needs to build and test. libqt6opengl6-dev is only a
# Recommends of qt6-base-dev, but Qt's CMake packages look for it.
# Translations: qt6-tools-dev has the LinguistTools CMake package,
# qt6-l10n-tools lupdate/lrelease, qt6-translations-l10n Qt's own .qm files.
WIREBENCH_PACKAGES=(cmake ninja-build g++ pkg-config qt6-base-dev libqt6opengl6-dev libgl-dev
                    qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
                    fonts-dejavu-core curl ${WIREBENCH_EXTRA_PACKAGES:-})

missing_packages() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
    done
}

install_packages() {
    local missing
    missing=$(missing_packages "$@" | tr '\n' ' ')
    [ -z "${missing// /}" ] && return 0
    local line="apt-get update && apt-get install -y --no-install-recommends $missing"
    if [ "$(id -u)" -ne 0 ]; then
        echo "Wirebench needs these Debian packages first. Run as root:" >&2
        echo "  $line" >&2
        exit 1
    fi
    echo "Installing: $missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

configure_and_build() {
    local generator=()
    command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
    if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
        cmake -S "$REPO_DIR" -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "$@"
    elif [ $# -gt 0 ]; then
        cmake -S "$REPO_DIR" -B "$BUILD_DIR" "$@"
    fi
    cmake --build "$BUILD_DIR" -j"${WIREBENCH_JOBS:-$(nproc)}"
}

install_packages "${WIREBENCH_PACKAGES[@]}"
