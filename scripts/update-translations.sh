#!/usr/bin/env bash
# Brings translations/wirebench_*.ts up to date with the sources: lupdate scans
# app/, widgets/ and netcore/ (every tr(), QCoreApplication::translate() and
# QT_TRANSLATE_NOOP()), adds new strings as unfinished, drops vanished ones,
# then lists what is still unfinished. Translate those (Qt Linguist, or edit
# the .ts: fill <translation> and remove type="unfinished"), run this again
# until it reports none, and commit the .ts. tst_translations fails while any
# string is unfinished; it runs lupdate with the options below.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

LUPDATE="${LUPDATE:-$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)}"
cd "$REPO_DIR"
status=0
for ts in translations/wirebench_*.ts; do
    "$LUPDATE" -locations none -no-obsolete -silent app widgets netcore -ts "$ts"
    unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
    total=$(grep -c '<message' "$ts" || true)
    echo "$ts: $total messages, $unfinished unfinished"
    if [ "$unfinished" -gt 0 ]; then
        status=1
        # Each unfinished message with its context, for the translator.
        awk '/<name>/ { gsub(/.*<name>|<\/name>.*/, ""); context = $0 }
             /<source>/ { source = $0; gsub(/.*<source>|<\/source>.*/, "", source) }
             /type="unfinished"/ { print "  " context ": " source }' "$ts"
    fi
done
exit $status
