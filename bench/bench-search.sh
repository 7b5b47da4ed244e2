#!/usr/bin/env bash
# bench-search.sh — search on a large case: index build throughput and
# query latency (p50/p95) for a mix of queries with snippets, next to
# Debian's recoll (recollindex/recollq, which also cuts Hangul into
# bigrams) on the same documents, with both engines' recall against the
# truth computed by scanning the files.
#
# Usage: bench/bench-search.sh [BUILD_DIR]
# Environment: BENCH_DIR (default /tmp/casefile-bench-search),
#   BENCH_DOCS (default 100000), BENCH_KEEP=1 keeps the case and the
#   documents afterwards (to time queries again with build/bench/bench-search).
set -euo pipefail

build=$(realpath "${1:-_build}")
cli=$build/src/cli/casefile-cli
searcher=$build/bench/bench-search
here=$(dirname "$(realpath "$0")")
scratch=${BENCH_DIR:-/tmp/casefile-bench-search}
n=${BENCH_DOCS:-100000}
export CASEFILE_NO_PROGRESS=1 LC_ALL=C.UTF-8

for tool in recollindex recollq python3; do
  command -v "$tool" > /dev/null || { echo "missing $tool (apt install recollcmd python3)"; exit 2; }
done
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch"

echo "Generating $n documents…"
python3 "$here/gen-text-corpus.py" docs "$n"
bytes=$(du -sb docs | cut -f1)

now () { date +%s.%N; }
since () { python3 -c "print(f'{$(now) - $1:.2f}')"; }

"$cli" new case --title "Search benchmark" > /dev/null
s=$(now); "$cli" import case docs --no-extract > /dev/null; t_import=$(since "$s")
s=$(now); "$cli" reextract case > /dev/null; t_read=$(since "$s")
t_rebuild=$("$searcher" --rebuild case)

cat > queries.tsv <<'Q'
common	개인정보
common	처리
common	partner
common	fraud
rare	사건00042호
rare	ref01234x
rare	사건01999호
rare	ref00007x
phrase	"개인정보 처리"
phrase	"fraud scoring"
phrase	"수탁자 업무"
two-syllable	동의
two-syllable	제공
two-syllable	위탁
two-syllable	파기
korean-word	위수탁계약서
korean-word	재위탁
korean-word	안전성
filter	from:partner 위수탁
filter	date:2018-04..2018-06 개인정보
filter	type:mail 동의
filter	type:html 암호화 -유출
boolean	유출 OR 과징금
boolean	위수탁 -미동의
Q

echo
echo "== Casefile =="
"$searcher" case queries.tsv 5 > ours.txt
grep -v "^hits" ours.txt
python3 - "$n" "$bytes" "$t_import" "$t_read" "$t_rebuild" <<'PY'
import sys
n, size = int(sys.argv[1]), int(sys.argv[2])
t_import, t_read, t_rebuild = map(float, sys.argv[3:6])
mb = size / 1048576
print(f"import (store only)      {t_import:8.1f} s  {n / t_import:8.0f} docs/s")
print(f"read + index             {t_read:8.1f} s  {n / t_read:8.0f} docs/s  {mb / t_read:6.1f} MiB/s")
print(f"index rebuild alone      {t_rebuild:8.1f} s  {n / t_rebuild:8.0f} docs/s  {mb / t_rebuild:6.1f} MiB/s")
PY
s=$(now); for i in 1 2 3 4 5; do "$cli" search case 개인정보 > /dev/null; done
echo "casefile-cli search (whole process, 5 runs): $(python3 -c "print(f'{($(now) - $s) / 5 * 1000:.0f}')") ms per query"

"$cli" list case --json > docs.json

echo
echo "== recoll =="
mkdir -p recoll-conf
cat > recoll-conf/recoll.conf <<R
topdirs = $scratch/docs
dbdir = $scratch/recoll-db
indexstemminglanguages =
R
s=$(now); recollindex -c recoll-conf -z > /dev/null 2>&1; t_recoll=$(since "$s")
echo "recollindex              $t_recoll s  $(python3 -c "print(f'{$n / $t_recoll:.0f}')") docs/s"
python3 - "$scratch" <<'PY'
import subprocess, sys, time, statistics, os, re
scratch = sys.argv[1]
queries = [l.split("\t", 1) for l in open(f"{scratch}/queries.tsv", encoding="utf-8").read().splitlines() if l]
import json
sources = {d["id"]: os.path.join(scratch, d["source"])
           for d in json.loads(open(f"{scratch}/docs.json", encoding="utf-8").read())}
ours = {}
for line in open(f"{scratch}/ours.txt", encoding="utf-8"):
    if line.startswith("hits\t"):
        _, q, k = line.rstrip("\n").split("\t")
        ours[q] = {sources[int(i)] for i in k.split(",") if i}

# The truth, for plain word and phrase queries: the files that contain it.
texts = {}
for root, _, files in os.walk(f"{scratch}/docs"):
    for f in files:
        texts[os.path.join(root, f)] = open(os.path.join(root, f), encoding="utf-8").read().lower()
def truth(q):
    if ":" in q or " OR " in q or "-" in q.split()[-1][:1]:
        return None
    needles = [q.strip('"').lower()] if q.startswith('"') else [w.lower() for w in q.split()]
    return {p for p, t in texts.items() if all(n in t for n in needles)}

times = []
print(f"{'query':28} {'truth':>7} {'casefile':>9} {'recoll':>7} {'recoll ms':>9}")
recall_ours, recall_theirs = [], []
for cls, q in queries:
    start = time.monotonic()
    out = subprocess.run(["recollq", "-c", f"{scratch}/recoll-conf", "-b", "-n", "0-1000000", q],
                         capture_output=True, text=True).stdout
    ms = (time.monotonic() - start) * 1000
    times.append(ms)
    found = {l[len("file://"):] for l in out.splitlines() if l.startswith("file://")}
    t = truth(q)
    tn = len(t) if t is not None else None
    if t:
        recall_theirs.append(len(found & t) / len(t))
        recall_ours.append(len(ours.get(q, set()) & t) / len(t))
    print(f"{q[:28]:28} {str(tn) if tn is not None else '-':>7} {len(ours.get(q, ())):>9} {len(found):>7} {ms:9.0f}")
times.sort()
print(f"recollq (whole process): p50 {times[len(times)//2]:.0f} ms  p95 {times[int(len(times)*0.95)]:.0f} ms")
if recall_ours:
    print(f"mean recall on word and phrase queries: casefile {statistics.mean(recall_ours):.3f}  recoll {statistics.mean(recall_theirs):.3f}")
PY
[ -n "${BENCH_KEEP:-}" ] || rm -rf "$scratch"
