#!/usr/bin/env bash
# Runs a scripted session in the real window (servers started, pages fetched,
# the client pane talking to the echo server) under Xvfb with a window
# manager (openbox), on the screens people have, and photographs each:
#
#   docs/screenshot.png                    1366x768, as the window opens
#   docs/screenshot-1280x720.png           1280x720, maximised
#   docs/screenshot-1920x1080-scale150.png 1920x1080 at QT_SCALE_FACTOR=1.5
#   docs/relay-card.png                    1366x768, a relay card with its fault editor open
#
# The session checks that nothing is off-screen, hidden or scrolled sideways;
# a problem is printed and the script fails. Usage: screenshot.sh [OUT_DIR]
set -euo pipefail
WIREBENCH_EXTRA_PACKAGES="xvfb xauth imagemagick openbox x11-utils fonts-noto-cjk"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# Only the session's binary: the rest of the tree is not needed here.
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    generator=()
    command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
    cmake -S "$REPO_DIR" -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DWIREBENCH_BUILD_TOOLS=ON
else
    cmake -S "$REPO_DIR" -B "$BUILD_DIR" -DWIREBENCH_BUILD_TOOLS=ON >/dev/null
fi
cmake --build "$BUILD_DIR" --target demosession -j"${WIREBENCH_JOBS:-$(nproc)}"

out_dir="${1:-$REPO_DIR/docs}"
mkdir -p "$out_dir"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=xcb

failed=0
# name, screen, QT_SCALE_FACTOR, session options
shoot() {
    local name="$1" screen="$2" scale="$3" options="$4"
    local log
    log=$(mktemp)
    xvfb-run -a -s "-screen 0 ${screen}x24" bash -c '
        openbox > "$5.wm" 2>&1 &
        wm=$!
        # The window manager has to be there before the window maps.
        for _ in $(seq 1 100); do
            xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break
            sleep 0.1
        done
        QT_SCALE_FACTOR="$3" "$1" $4 > "$5" 2>/dev/null &
        session=$!
        for _ in $(seq 1 200); do grep -q "^ready" "$5" && break; sleep 0.1; done
        sleep 1
        kill -0 $wm 2>/dev/null || { echo "layout problem: the window manager stopped:"; cat "$5.wm"; } >> "$5"
        import -window root "$2"
        kill $session $wm 2>/dev/null
        wait
    ' _ "$BUILD_DIR/tools/demosession" "$out_dir/$name" "$scale" "$options" "$log"
    sed "s/^/  $name: /" "$log"
    if ! grep -q "^ready" "$log" || grep -q "^layout problem" "$log"; then
        failed=1
    fi
    rm -f "$log" "$log.wm"
    echo "Saved $out_dir/$name"
}

shoot screenshot.png 1366x768 1 ""
shoot screenshot-1280x720.png 1280x720 1 ""
shoot screenshot-1920x1080-scale150.png 1920x1080 1.5 ""
shoot relay-card.png 1366x768 1 "--relay-card"
if [ "$failed" -ne 0 ]; then
    echo "The window did not fit every screen: see the problems above." >&2
    exit 1
fi
