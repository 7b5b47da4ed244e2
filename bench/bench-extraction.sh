#!/usr/bin/env bash
# bench-extraction.sh — how fast Casefile reads documents (text, metadata,
# in helper processes under limits), next to poppler's own pdftotext on the
# same PDFs, one process per file as a user would run it, sequentially and
# with as many at once as Casefile uses.
#
# Usage: bench/bench-extraction.sh [BUILD_DIR]
# Environment: BENCH_DIR (default /tmp/casefile-bench-extract),
#   BENCH_PDFS (default 500), BENCH_PAGES (pages per PDF, default 5).
set -euo pipefail

build=${1:-_build}
cli=$(realpath "$build/src/cli/casefile-cli")
gen=$(realpath "$build/bench/gen-pdf-corpus")
scratch=${BENCH_DIR:-/tmp/casefile-bench-extract}
n=${BENCH_PDFS:-500}
pages=${BENCH_PAGES:-5}
jobs=$(nproc)
export CASEFILE_NO_PROGRESS=1 LC_ALL=C.UTF-8

command -v pdftotext > /dev/null || { echo "missing pdftotext (poppler-utils)"; exit 2; }
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch"

echo "Generating $n PDFs of $pages pages (Korean and English text)…"
"$gen" pdfs "$n" "$pages"
bytes=$(du -sb pdfs | cut -f1)
cat pdfs/* > /dev/null

"$cli" new case --title "Extraction benchmark" > /dev/null
"$cli" import case pdfs --no-extract > /dev/null

now () { date +%s.%N; }
s=$(now); "$cli" reextract case > /dev/null; e=$(now)
t_cf=$(python3 -c "print($e - $s)")
chars=$(python3 -c "
import sqlite3
db = sqlite3.connect('file:case/casefile.sqlite?mode=ro', uri=True)
print(db.execute('select sum(length(text)) from extractions').fetchone()[0])")

mkdir -p out1 outp
s=$(now)
for f in pdfs/*.pdf; do pdftotext -q "$f" "out1/$(basename "$f").txt"; done
e=$(now); t_seq=$(python3 -c "print($e - $s)")
s=$(now)
find pdfs -name '*.pdf' -print0 | xargs -0 -P "$jobs" -I{} sh -c 'pdftotext -q "$1" "outp/$(basename "$1").txt"' _ {}
e=$(now); t_par=$(python3 -c "print($e - $s)")

python3 - "$n" "$pages" "$bytes" "$chars" "$t_cf" "$t_seq" "$t_par" "$jobs" <<'PY'
import sys
n, pages, size, chars = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
t_cf, t_seq, t_par, jobs = float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
mb = size / 1048576
print(f"Corpus: {n} PDFs, {n * pages} pages, {mb:.0f} MiB; {chars} characters of text read")
print(f"casefile reextract ({jobs} helpers, limits on) {t_cf:7.2f} s  {n / t_cf:7.1f} docs/s  {n * pages / t_cf:7.1f} pages/s  {mb / t_cf:6.1f} MiB/s")
print(f"pdftotext, one after another      {t_seq:7.2f} s  {n / t_seq:7.1f} docs/s  {n * pages / t_seq:7.1f} pages/s")
print(f"pdftotext, {jobs} at a time             {t_par:7.2f} s  {n / t_par:7.1f} docs/s  {n * pages / t_par:7.1f} pages/s")
print(f"ratio casefile / pdftotext (same parallelism)  {t_cf / t_par:.2f}x")
PY
rm -rf "$scratch"
