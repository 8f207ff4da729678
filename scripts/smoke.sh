#!/usr/bin/env bash
# Smoke test of an installed wirebench: --version answers, and headless on a
# free loopback port (port 0) it serves the demo site from where it was
# installed. Stops it with SIGTERM and expects exit code 0.
# Usage: scripts/smoke.sh BINARY EXPECTED_SITE_DIR
set -euo pipefail
binary="$1"
expected_site="$(realpath "$2")"

fail() { echo "smoke: $*" >&2; exit 1; }

version="$("$binary" --version)"
[[ "$version" == "wirebench "* ]] || fail "--version printed '$version'"
echo "smoke: $version"

out="$(mktemp)"; err="$(mktemp)"
"$binary" --headless --web-port 0 --no-echo --no-udp-echo --quiet >"$out" 2>"$err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out" "$err"' EXIT

# "web: listening on http://127.0.0.1:PORT/ (root DIR)", within 10 s.
for _ in $(seq 1 100); do
    grep -q '^web: listening on ' "$out" && break
    kill -0 "$pid" 2>/dev/null || fail "wirebench exited: $(cat "$err")"
    sleep 0.1
done
line="$(grep -m1 '^web: listening on ' "$out")" || fail "no 'listening' line after 10 s: $(cat "$err")"
url="$(sed -E 's/^web: listening on ([^ ]+) .*/\1/' <<<"$line")"
root="$(sed -E 's/.* \(root (.*)\)$/\1/' <<<"$line")"
[ "$root" = "$expected_site" ] || fail "serves $root, expected $expected_site"
[[ "$url" == http://127.0.0.1:* ]] || fail "listens on $url, expected loopback"

page="$(curl -fsS --noproxy "*" --max-time 10 "$url")" || fail "GET $url failed"
grep -q '<title>Wirebench' <<<"$page" || fail "GET $url did not return the demo page"
echo "smoke: GET $url served the demo page from $root"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
trap 'rm -f "$out" "$err"' EXIT
[ "$status" -eq 0 ] || fail "exit code $status after SIGTERM"
echo "smoke: passed"
