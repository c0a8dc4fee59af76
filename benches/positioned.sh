#!/usr/bin/env bash
# Accuracy on positioned pages: generates `COUNT` lists per positioned preset
# in every format (pdf, tsv, hocr, alto, paddle) with seed SEED, runs
# `pledges extract` on each format's folder and `pledges eval` (with
# --ocr-tolerant for the OCR formats), and prints row accuracy and wrong
# rows left unflagged per format and preset.
#
# Usage: benches/positioned.sh SEED [COUNT]      (COUNT defaults to 2)
#        OUT=dir benches/positioned.sh 7          (keep pages and rows in dir)
#        EXTRACT_BIN=path/pledges benches/positioned.sh 7   (another build's extract)
# Seeds 1-99 are for development; hold out higher ones and score them once.
set -euo pipefail
seed="${1:?usage: benches/positioned.sh SEED [COUNT]}"
count="${2:-2}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/target/release/pledges"
extract_bin="${EXTRACT_BIN:-$bin}"
(cd "$root" && cargo build --release --quiet)
out="${OUT:-$(mktemp -d)}"
[ -n "${OUT:-}" ] || trap 'rm -rf "$out"' EXIT
rm -rf "$out/pages" "$out/rows"
"$bin" gen --positioned all --all-presets --count "$count" --seed "$seed" --out "$out/pages" 2>/dev/null
printf '%-8s %-18s %6s %6s %9s %10s %s\n' format preset gold right accuracy unflagged note
for format in pdf tsv hocr alto paddle; do
    tolerant=()
    [ "$format" = pdf ] || tolerant=(--ocr-tolerant)
    files=$(find "$out/pages/$format" -type f ! -name '*.gold.csv' | wc -l)
    status=0
    "$extract_bin" extract "$out/pages/$format" --out "$out/rows/$format" --quiet 2>"$out/$format.stderr" || status=$?
    rows=0
    [ -f "$out/rows/$format/rows.csv" ] && rows=$(($(wc -l <"$out/rows/$format/rows.csv") - 1))
    if [ "$rows" -le 0 ]; then
        printf '%-8s %-18s %6s %6s %9s %10s %s\n' "$format" all - - - - \
            "extract exit $status, 0 rows from $files files $(head -c 160 "$out/$format.stderr" | tr '\n' ' ')"
        continue
    fi
    "$bin" eval "$out/pages/$format" "$out/rows/$format/rows.csv" --by-preset --json "${tolerant[@]}" >"$out/$format.json"
    python3 - "$format" "$out/$format.json" <<'PY'
import json, sys
fmt, path = sys.argv[1], sys.argv[2]
report = json.load(open(path))
def line(name, s):
    rows = s["rows"]
    unflagged = (s.get("flags") or {}).get("wrong_unflagged", "-")
    print(f"{fmt:<8} {name:<18} {rows['total']:>6} {rows['correct']:>6} {rows['accuracy']:>9.4f} {unflagged:>10}")
for name, s in sorted(report.get("presets", {}).items()):
    line(name, s)
line("ALL", report["overall"])
PY
done
[ -z "${OUT:-}" ] || echo "pages and rows kept in $out"
