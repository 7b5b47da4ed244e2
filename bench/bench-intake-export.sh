#!/usr/bin/env bash
# bench-intake-export.sh — how fast Casefile imports and exports, measured
# against the plain tools doing the least comparable work on the same files:
#   import  vs  sha256sum + cp (and + sync, since import makes every file durable)
#   export  vs  bsdtar writing a ZIP of the same files
# and the peak memory of importing and exporting one multi-gigabyte file.
#
# Usage: bench/bench-intake-export.sh [BUILD_DIR]
# Environment: BENCH_DIR (scratch space, default /tmp/casefile-bench),
#   BENCH_SMALL (number of small files, default 5000), BENCH_MEDIUM (default 20),
#   BENCH_BIG_MB (size of the big file, default 3072).
set -euo pipefail

build=${1:-_build}
cli=$(realpath "$build/src/cli/casefile-cli")
scratch=${BENCH_DIR:-/tmp/casefile-bench}
n_small=${BENCH_SMALL:-5000}
n_medium=${BENCH_MEDIUM:-20}
big_mb=${BENCH_BIG_MB:-3072}
export CASEFILE_NO_PROGRESS=1 LC_ALL=C.UTF-8

for tool in sha256sum bsdtar /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run build-aux/setup-debian.sh --tests)"; exit 2; }
done

rm -rf "$scratch"
mkdir -p "$scratch/data/small" "$scratch/data/medium" "$scratch/big"
cd "$scratch"

echo "Generating $n_small small files, $n_medium medium files and a ${big_mb} MiB file…"
python3 - "$n_small" "$n_medium" <<'PY'
import os, random, sys
n_small, n_medium = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(20261128)
words = "위수탁 계약서 개인정보 제3자 제공 동의 안전성 확보조치 암호화 fraud scoring partner transfer log".split()
for i in range(n_small):
    # Text (compressible) and binary (not), 1 KiB to 96 KiB
    size = rnd.randint(1024, 96 * 1024)
    sub = f"data/small/{i // 500:02d}"
    os.makedirs(sub, exist_ok=True)
    if i % 2:
        text = " ".join(rnd.choice(words) for _ in range(size // 8))
        open(f"{sub}/문서-{i:05d}.txt", "w", encoding="utf-8").write(text)
    else:
        open(f"{sub}/scan-{i:05d}.jpg", "wb").write(b"\xff\xd8\xff\xe0" + os.urandom(size))
for i in range(n_medium):
    size = rnd.randint(5, 50) * 1024 * 1024
    with open(f"data/medium/녹취록-{i:03d}.pdf", "wb") as f:
        f.write(b"%PDF-1.4\n")
        f.write(os.urandom(size))
PY
head -c $((big_mb * 1024 * 1024)) /dev/urandom > big/large-scan.tif
data_bytes=$(du -sb data | cut -f1)
n_files=$(find data -type f | wc -l)
echo "Data: $n_files files, $((data_bytes / 1024 / 1024)) MiB (plus the big file)"

# Warm the page cache once so every contender reads from memory alike.
cat $(find data -type f) big/large-scan.tif > /dev/null

seconds () { python3 -c "import sys; print(f'{float(sys.argv[1]):.2f}')" "$1"; }
timeit () { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); python3 -c "print($e - $s)"; }

echo
echo "== Import =="
"$cli" new case --title "Benchmark" > /dev/null
t_import=$(timeit "$cli" import case data)
t_sha=$(timeit sh -c 'find data -type f -print0 | xargs -0 sha256sum')
rm -rf copy; t_cp=$(timeit cp -r data copy)
rm -rf copy; t_cp_sync=$(timeit sh -c 'cp -r data copy && sync')
ratio=$(python3 -c "print(f'{$t_import / ($t_sha + $t_cp):.2f}')")
ratio_sync=$(python3 -c "print(f'{$t_import / ($t_sha + $t_cp_sync):.2f}')")
mbps=$(python3 -c "print(f'{$data_bytes / $t_import / 1048576:.0f}')")
printf "casefile-cli import          %8s s  (%s MiB/s, %d files)\n" "$(seconds $t_import)" "$mbps" "$n_files"
printf "sha256sum + cp -r            %8s s\n" "$(seconds $(python3 -c "print($t_sha + $t_cp)"))"
printf "sha256sum + cp -r + sync     %8s s\n" "$(seconds $(python3 -c "print($t_sha + $t_cp_sync)"))"
printf "ratio import / (sha256sum + cp)         %s×\n" "$ratio"
printf "ratio import / (sha256sum + cp + sync)  %s×\n" "$ratio_sync"

echo
echo "== Export =="
"$cli" claim add case "Benchmark claim" > /dev/null
n_docs=$("$cli" list case --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
"$cli" tag case --claim 1 $(seq 1 "$n_docs") > /dev/null
"$cli" number case > /dev/null
rm -f bundle.zip ref.zip
t_export=$(timeit "$cli" export case bundle.zip)
t_bsdtar=$(timeit bsdtar --format zip -cf ref.zip data)
ratio=$(python3 -c "print(f'{$t_export / $t_bsdtar:.2f}')")
printf "casefile-cli export (zip)    %8s s  (%s MiB bundle, verified after writing)\n" \
  "$(seconds $t_export)" "$(( $(stat -c %s bundle.zip) / 1024 / 1024 ))"
printf "bsdtar --format zip          %8s s  (%s MiB)\n" "$(seconds $t_bsdtar)" "$(( $(stat -c %s ref.zip) / 1024 / 1024 ))"
printf "ratio export / bsdtar        %s×\n" "$ratio"

echo
echo "== Peak memory, one ${big_mb} MiB file =="
"$cli" new bigcase --title "Big" > /dev/null
/usr/bin/time -f "%M %e" -o time-import.txt "$cli" import bigcase big/large-scan.tif > /dev/null
"$cli" claim add bigcase "Big" > /dev/null
"$cli" tag bigcase --claim 1 1 > /dev/null
"$cli" number bigcase > /dev/null
/usr/bin/time -f "%M %e" -o time-export.txt "$cli" export bigcase big.zip > /dev/null
read -r rss_i sec_i < time-import.txt
read -r rss_e sec_e < time-export.txt
printf "import: peak RSS %6d KiB in %s s (%s MiB/s)\n" "$rss_i" "$sec_i" \
  "$(python3 -c "print(f'{$big_mb / max($sec_i, 0.01):.0f}')")"
printf "export: peak RSS %6d KiB in %s s\n" "$rss_e" "$sec_e"

echo
echo "== Hashing alone =="
t_sha_big=$(timeit sha256sum big/large-scan.tif)
printf "sha256sum of the big file    %8s s  (%s MiB/s)\n" "$(seconds $t_sha_big)" \
  "$(python3 -c "print(f'{$big_mb / $t_sha_big:.0f}')")"

rm -rf "$scratch"
