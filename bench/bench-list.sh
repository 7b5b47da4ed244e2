#!/usr/bin/env bash
# bench-list.sh — the app's document list on the 100,000-document case that
# bench-search.sh keeps (BENCH_KEEP=1): the time from a search starting to
# its rows shown and drawn, one search after another, back to the list,
# and sorting the list. Runs under Xvfb when there is no display.
#
# Usage: bench/bench-list.sh [BUILD_DIR (configured with -Dgui=true)] [REPEAT]
# Environment: BENCH_DIR (default /tmp/casefile-bench-search).
set -euo pipefail

build=$(realpath "${1:-_build-gui}")
repeat=${2:-3}
scratch=${BENCH_DIR:-/tmp/casefile-bench-search}
bench=$build/bench/bench-list

[ -x "$bench" ] || { echo "no $bench: configure the build with -Dgui=true"; exit 2; }
[ -d "$scratch/case" ] && [ -f "$scratch/queries.tsv" ] ||
  { echo "no case in $scratch: run BENCH_KEEP=1 bench/bench-search.sh first"; exit 2; }

export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" CASEFILE_LOCALEDIR="$build/po"
export NO_AT_BRIDGE=1 GTK_A11Y=none LC_ALL=C.UTF-8
if [ -n "${DISPLAY:-}" ]; then
  "$bench" "$scratch/case" "$scratch/queries.tsv" "$repeat"
else
  # The software renderer, as under the GUI tests: steadier than GL
  # through llvmpipe.
  GSK_RENDERER=cairo xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- "$bench" "$scratch/case" "$scratch/queries.tsv" "$repeat"
fi
