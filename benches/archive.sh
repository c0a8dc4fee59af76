#!/usr/bin/env bash
# Whole-run throughput and memory of `pledges extract` over generated
# archives, in two mixes side by side:
#   small  `gen --archive N` as it was: 1 page in 10 with small tables (≈ 30 rows);
#   full   1 page in 10 a full pledge page like the real one (≈ 100 rows, 7–11 KB);
#   tables every page a full pledge page (N/10 pages).
# Each run is paired with `cat DIR/*.txt | wc -m` over the same files in the
# same minute; MB counts the input text (*.txt) only, not the .gold.csv files.
# Prints one line per run:
#   mix  pages  jobs  MB  seconds  MB/s  pages/s  peak-RSS-MB  wc-seconds  x-wc
# Usage: benches/archive.sh [PAGES...]   (default: 1000 10000)
# Needs /usr/bin/time (Debian package `time`); writes under ${TMPDIR:-/tmp}.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/pledges
work="${TMPDIR:-/tmp}/pledges-archive-bench"
mkdir -p "$work"
printf '%6s %7s %4s %7s %8s %7s %8s %8s %8s %6s\n' mix pages jobs MB seconds MB/s pages/s RSS-MB wc-s x-wc
for n in ${@:-1000 10000}; do
  for mix in small full tables; do
    case $mix in
      small) pages=$n; flags=(--table-rate 0.1) ;;
      full) pages=$n; flags=(--table-rate 0.1 --table-size full) ;;
      tables) pages=$((n / 10)); flags=(--table-rate 1 --table-size full) ;;
    esac
    dir="$work/$mix$pages"
    [ -d "$dir" ] || "$bin" gen --archive "$pages" --seed 5 "${flags[@]}" --out "$dir" >/dev/null 2>&1
    mb=$(find "$dir" -name '*.txt' -print0 | du -cb --files0-from=- | tail -n 1 | awk '{print $1 / 1e6}')
    for jobs in 1 2; do
      # Warm the page cache so both figures are about reading, not the disk.
      find "$dir" -name '*.txt' -exec cat {} + >/dev/null
      /usr/bin/time -f '%e' -o "$work/wc-time" sh -c "find '$dir' -name '*.txt' -exec cat {} + | wc -m >/dev/null"
      # Exit code 1 (some page had problems) is expected on a generated archive.
      /usr/bin/time -f '%e %M' -o "$work/time" "$bin" extract "$dir" --out "$work/out" --jobs "$jobs" -q 2>/dev/null || true
      read -r secs rss < <(tail -n 1 "$work/time")
      wc_secs=$(tail -n 1 "$work/wc-time")
      awk -v m="$mix" -v p="$pages" -v j="$jobs" -v mb="$mb" -v s="$secs" -v r="$rss" -v w="$wc_secs" \
        'BEGIN { printf "%6s %7d %4d %7.1f %8.2f %7.1f %8.0f %8.1f %8.2f %6.2f\n", m, p, j, mb, s, mb / s, p / s, r / 1024, w, s / w }'
    done
  done
done
