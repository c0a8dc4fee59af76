#!/usr/bin/env bash
# Time of `pledges extract` on a directory of PDFs against `pdftotext -tsv`
# alone on the same files, side by side in one run (issue #11: reading PDFs
# may cost at most 1.3x what pdftotext takes). Both run one file at a time
# on one thread (`extract --jobs 1`), each measured ROUNDS times alternately;
# the best round of each is compared, so a busy neighbour on a shared
# machine costs both sides alike.
#
# Usage: benches/pdf_vs_pdftotext.sh [DIR]   PDFs in DIR (default: generated)
#        COUNT=4 SEED=7 ROUNDS=3 benches/pdf_vs_pdftotext.sh
# Without DIR it generates COUNT lists per positioned preset as PDFs
# (`pledges gen --positioned pdf --all-presets`), seed SEED, into a temp dir.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${BIN:-$root/target/release/pledges}"
count="${COUNT:-3}"
seed="${SEED:-7}"
rounds="${ROUNDS:-3}"
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is not installed" >&2; exit 2; }
[ -n "${BIN:-}" ] || (cd "$root" && cargo build --release --quiet)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "${1:-}" ]; then
    dir="$1"
else
    dir="$work/pages"
    "$bin" gen --positioned pdf --all-presets --count "$count" --seed "$seed" --out "$dir" >/dev/null 2>&1
    dir="$dir/pdf"
fi
mapfile -t pdfs < <(find "$dir" -type f -iname '*.pdf' | sort)
[ "${#pdfs[@]}" -gt 0 ] || { echo "no PDFs in $dir" >&2; exit 2; }
bytes=$(cat "${pdfs[@]}" | wc -c)
now() { date +%s.%N; }
poppler_round() {
    local t0; t0=$(now)
    for f in "${pdfs[@]}"; do pdftotext -enc UTF-8 -tsv "$f" - >/dev/null; done
    python3 -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" "$(now)" "$t0"
}
extract_round() {
    local t0; t0=$(now)
    "$bin" extract "$dir" --out "$work/rows" --jobs 1 --quiet >/dev/null 2>"$work/stderr" || true
    python3 -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" "$(now)" "$t0"
}
ps=(); es=()
for r in $(seq "$rounds"); do
    p=$(poppler_round); e=$(extract_round)
    printf 'round %d: pdftotext -tsv %.3f s   pledges extract %.3f s\n' "$r" "$p" "$e"
    ps+=("$p"); es+=("$e")
done
rows=$(($(wc -l <"$work/rows/rows.csv") - 1))
python3 - "${ps[*]}" "${es[*]}" "${#pdfs[@]}" "$bytes" "$rows" <<'PY'
import sys
p, e = (min(map(float, a.split())) for a in sys.argv[1:3])
n, b, rows = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"{n} PDFs, {b/1e6:.1f} MB, {rows} rows; best of rounds, one thread")
print(f"pdftotext -tsv alone : {p:8.3f} s  ({n/p:7.1f} files/s)")
print(f"pledges extract      : {e:8.3f} s  ({n/e:7.1f} files/s)")
print(f"ratio extract/pdftotext: {e/p:.2f}x (goal <= 1.3x)")
PY
