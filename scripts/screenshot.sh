#!/usr/bin/env bash
# Runs a scripted session in the real window under Xvfb (servers started,
# pages fetched, the client pane talking to the echo server) and saves a
# photograph of the screen to docs/screenshot.png. Further arguments go to
# the session (e.g. --web-port 18600 --echo-port 18601); it speaks the
# language LANG names, e.g. LANG=zh_CN.UTF-8 (needs fonts-noto-cjk).
set -euo pipefail
WIREBENCH_EXTRA_PACKAGES="xvfb xauth imagemagick fonts-noto-cjk"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
configure_and_build -DWIREBENCH_BUILD_TOOLS=ON

out="${1:-$REPO_DIR/docs/screenshot.png}"
shift || true
mkdir -p "$(dirname "$out")"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
xvfb-run -a -s "-screen 0 1600x960x24" bash -c '
    "$1" "${@:4}" > "$3" 2>/dev/null &
    session=$!
    for _ in $(seq 1 100); do grep -q ready "$3" && break; sleep 0.1; done
    sleep 1
    import -window root "$2"
    kill $session
' _ "$BUILD_DIR/tools/demosession" "$out" "$(mktemp)" "$@"
echo "Saved $out"
