#!/usr/bin/env bash
# bench-remove.sh — removing documents imported by mistake from a large
# case: the time for 1, 1,000 and 10,000 documents, next to the time the
# same command takes to open the case and change nothing (an edit of one
# title), and fsck afterwards.
#
# Usage: bench/bench-remove.sh [BUILD_DIR]
# Environment: BENCH_DIR (default /tmp/casefile-bench-remove),
#   BENCH_DOCS (default 50000).
set -euo pipefail

build=$(realpath "${1:-_build}")
cli=$build/src/cli/casefile-cli
here=$(dirname "$(realpath "$0")")
scratch=${BENCH_DIR:-/tmp/casefile-bench-remove}
n=${BENCH_DOCS:-50000}
export CASEFILE_NO_PROGRESS=1 LC_ALL=C.UTF-8

command -v python3 > /dev/null || { echo "missing python3"; exit 2; }
command -v sqlite3 > /dev/null || { echo "missing sqlite3 (apt install sqlite3)"; exit 2; }
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch"

now () { date +%s.%N; }
since () { python3 -c "print(f'{$(now) - $1:.2f}')"; }

echo "Generating and importing $n documents…"
python3 "$here/gen-text-corpus.py" docs "$n"
"$cli" new case --title "Removal benchmark" > /dev/null
s=$(now); "$cli" import case docs --no-extract > /dev/null; echo "import (store only)      $(since "$s") s"

# The newest top-level documents still in the case.
ids () { sqlite3 case/casefile.sqlite \
           "SELECT id FROM documents WHERE parent_id IS NULL ORDER BY id DESC LIMIT $1"; }

first=$(ids 1)
s=$(now); "$cli" edit case "$first" --title "bench" > /dev/null; t_open=$(since "$s")
echo "open + one edit          $t_open s   (what every write command pays on this case)"
for count in 1 1000 10000; do
  # shellcheck disable=SC2046
  s=$(now); "$cli" rm case $(ids "$count") --reason bench > /dev/null; t=$(since "$s")
  per=$(python3 -c "print(f'{max($t - $t_open, 0) / $count * 1000:.2f}')")
  printf 'remove %-6s documents %s s   (%s ms per document beyond opening)\n' "$count" "$t" "$per"
done
s=$(now); "$cli" fsck case | tail -1; echo "fsck                     $(since "$s") s"
rm -rf "$scratch"
