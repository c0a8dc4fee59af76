#!/usr/bin/env bash
# Whole-run throughput and memory of `pledges extract` over generated
# archives of 1,000, 10,000 and 100,000 pages (1 in 10 with pledge tables),
# with 1 and 2 worker threads. Prints one line per run:
#   pages  jobs  MB  seconds  MB/s  pages/s  peak-RSS-MB
# Usage: benches/archive.sh [PAGES...]   (default: 1000 10000 100000)
# Needs /usr/bin/time (Debian package `time`); writes under ${TMPDIR:-/tmp}.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/pledges
work="${TMPDIR:-/tmp}/pledges-archive-bench"
mkdir -p "$work"
printf '%8s %4s %8s %8s %8s %9s %8s\n' pages jobs MB seconds MB/s pages/s RSS-MB
for pages in "${@:-1000 10000 100000}"; do
  for n in $pages; do
    dir="$work/a$n"
    [ -d "$dir" ] || "$bin" gen --archive "$n" --seed 5 --out "$dir" >/dev/null 2>&1
    mb=$(du -sm --apparent-size "$dir" | cut -f1)
    for jobs in 1 2; do
      # Warm the page cache once so the figure is about parsing, not the disk.
      cat "$dir"/*.txt >/dev/null 2>&1 || find "$dir" -name '*.txt' -exec cat {} + >/dev/null
      # Exit code 1 (some page had problems) is expected on a generated archive.
      /usr/bin/time -f '%e %M' -o "$work/time" "$bin" extract "$dir" --out "$work/out" --jobs "$jobs" -q 2>/dev/null || true
      read -r secs rss < <(tail -n 1 "$work/time")
      awk -v p="$n" -v j="$jobs" -v mb="$mb" -v s="$secs" -v r="$rss" \
        'BEGIN { printf "%8d %4d %8d %8.2f %8.1f %9.0f %8.1f\n", p, j, mb, s, mb / s, p / s, r / 1024 }'
    done
  done
done
