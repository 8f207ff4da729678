#!/usr/bin/env bash
# Builds the Debian package (CPack, Depends from dpkg-shlibdeps), checks it
# (control fields, desktop file, AppStream metadata, man page), installs it
# with apt-get, runs the installed program (--version and a headless smoke
# test on a free loopback port), and removes it again. Needs root, as apt-get
# does; CI runs it after the test suite. The package is left in build/deb/.
set -euo pipefail
WIREBENCH_EXTRA_PACKAGES="dpkg-dev file desktop-file-utils appstream man-db"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
if [ "$(id -u)" -ne 0 ]; then
    echo "package.sh installs the package with apt-get: run it as root." >&2
    exit 1
fi
configure_and_build

rm -rf "$BUILD_DIR/deb"
(cd "$BUILD_DIR" && cpack -G DEB >/dev/null)
deb="$(ls "$BUILD_DIR"/deb/wirebench_*.deb)"
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"

# Control fields: Depends must name the Qt libraries the binary links.
depends="$(dpkg-deb -f "$deb" Depends)"
echo "package: Depends: $depends"
for library in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 qt6-qpa-plugins; do
    grep -q "$library" <<<"$depends" || { echo "package: Depends lacks $library" >&2; exit 1; }
done

# The files inside, checked with the tools desktops and app stores use.
contents="$(mktemp -d)"
installed=0
cleanup() {
    rm -rf "$contents"
    if [ "$installed" -eq 1 ]; then
        apt-get remove -y -qq wirebench >/dev/null || true
    fi
}
trap cleanup EXIT
dpkg-deb -x "$deb" "$contents"
desktop-file-validate "$contents/usr/share/applications/org.wirebench.Wirebench.desktop"
appstreamcli validate --no-net "$contents/usr/share/metainfo/org.wirebench.Wirebench.metainfo.xml" >/dev/null
file "$contents/usr/bin/wirebench" | grep -q ', stripped'
MANWIDTH=80 man -l "$contents/usr/share/man/man1/wirebench.1.gz" 2>/dev/null | grep -q -- '--web-port'
echo "package: desktop file, AppStream metadata and man page check out"

# Install it as a user would, run it from where it landed, remove it.
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >/dev/null
installed=1
[ "$(command -v wirebench)" = /usr/bin/wirebench ] || { echo "package: wirebench is not /usr/bin/wirebench" >&2; exit 1; }
bash -c 'source /usr/share/bash-completion/completions/wirebench && complete -p wirebench' >/dev/null
"$REPO_DIR/scripts/smoke.sh" /usr/bin/wirebench /usr/share/wirebench/site
apt-get remove -y -qq wirebench >/dev/null
installed=0
if [ -e /usr/bin/wirebench ] || [ -e /usr/share/wirebench ]; then
    echo "package: files left behind after apt-get remove" >&2
    exit 1
fi
echo "package: installed, smoke-tested and removed $(basename "$deb")"
