#!/usr/bin/env bash
# Accuracy on plain `pdftotext` text (no -layout) of gen's positioned PDFs:
# users who run pdftotext themselves feed us this text. For each SEED it
# generates one list per positioned preset as PDF, turns every page (the
# `attachment` preset's pages left out) into X.txt with
# `pdftotext -enc UTF-8`, keeps X.gold.csv beside it, runs `pledges eval
# --gold` on the text and prints accuracy and wrong rows left unflagged per
# seed and overall.
#
# Usage: benches/plain_pdftotext.sh SEED...        e.g. 21 22 23 24 25 26 27
#        OUT=dir benches/plain_pdftotext.sh 21       (keep pages, rows and errors)
#        EXTRACT_BIN=path/pledges benches/plain_pdftotext.sh 21   (another build)
# Seeds 1-99 are for development; hold out higher ones and score them once.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: benches/plain_pdftotext.sh SEED..." >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is not installed" >&2; exit 2; }
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/target/release/pledges"
[ -n "${EXTRACT_BIN:-}" ] || (cd "$root" && cargo build --release --quiet)
extract_bin="${EXTRACT_BIN:-$bin}"
out="${OUT:-$(mktemp -d)}"
[ -n "${OUT:-}" ] || trap 'rm -rf "$out"' EXIT
printf '%-6s %6s %6s %9s %10s %13s\n' seed gold right accuracy unflagged right_flagged
for seed in "$@"; do
    dir="$out/$seed"
    rm -rf "$dir"
    "$extract_bin" gen --positioned pdf --all-presets --count 1 --seed "$seed" --out "$dir/pdf" >/dev/null 2>&1
    mkdir -p "$dir/text"
    for pdf in "$dir"/pdf/pdf/*.pdf; do
        name=$(basename "$pdf" .pdf)
        case "$name" in *_attachment_*) continue ;; esac
        pdftotext -enc UTF-8 "$pdf" "$dir/text/$name.txt"
        cp "$dir/pdf/pdf/$name.gold.csv" "$dir/text/$name.gold.csv"
    done
    "$extract_bin" eval --gold "$dir/text" "$dir/text" --json --errors "$dir/errors.csv" >"$dir/eval.json"
    python3 - "$seed" "$dir/eval.json" <<'PY'
import json, sys
seed, path = sys.argv[1], sys.argv[2]
s = json.load(open(path))["overall"]
rows, flags = s["rows"], s.get("flags") or {}
print(f"{seed:<6} {rows['total']:>6} {rows['correct']:>6} {rows['accuracy']:>9.4f} "
      f"{flags.get('wrong_unflagged', '-'):>10} {flags.get('right_flagged', '-'):>13}")
PY
done
[ -z "${OUT:-}" ] || echo "pages, rows and errors kept in $out (SEED/errors.csv)"
