#!/usr/bin/env bash
# Regenerates the positioned fixtures with the real tools:
#   pdf/        pages `pledges gen --positioned pdf` writes (seeds 11–15), with gold
#   pdftotext/  poppler's `pdftotext -tsv` of each of those PDFs
#   tesseract/  `pdftoppm -r 300` + `tesseract -l chi_sim … tsv hocr alto` of
#               the first two PDFs, one folder per output kind (the PNGs
#               are not kept)
# Every file has its `.gold.csv` beside it (the gold of the PDF it came from:
# the true printed text). Needs poppler-utils, poppler-data,
# tesseract-ocr, tesseract-ocr-chi-sim and fonts-wqy-microhei.
# Usage: corpus/positioned/make.sh   (from anywhere; builds pledges if needed)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$root/target/release/pledges"
[ -x "$bin" ] || (cd "$root" && cargo build --release)
for tool in pdftotext pdftoppm tesseract; do
    command -v "$tool" >/dev/null || { echo "make.sh: $tool is missing (apt-get install poppler-utils poppler-data tesseract-ocr tesseract-ocr-chi-sim)" >&2; exit 1; }
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
rm -rf "$here/pdf" "$here/pdftotext" "$here/tesseract"
mkdir -p "$here/pdf" "$here/pdftotext" "$here/tesseract/tsv" "$here/tesseract/hocr" "$here/tesseract/alto"
# Small lists (2–3 tables of at most 4 rows a category) keep every file
# well under 200 KB, the OCR outputs included.
small=(--tables-min 2 --tables-max 3 --max-rows-per-category 4 --count 1)
seed=10
for preset in pdf-2col pdf-4col pdf-ruled top-aligned predefined-font; do
    seed=$((seed + 1))  # one seed per preset: pages must differ in date/page
    "$bin" gen --positioned pdf --preset "$preset" "${small[@]}" --seed "$seed" --out "$tmp/$preset" 2>/dev/null
    for f in "$tmp/$preset"/pdf/*.pdf; do
        stem="$(basename "$f" .pdf)"
        # The index restarts at g0001 per run; the preset keeps names apart.
        cp "$f" "$here/pdf/$stem.pdf"
        cp "$tmp/$preset/pdf/$stem.gold.csv" "$here/pdf/$stem.gold.csv"
        pdftotext -tsv "$f" "$here/pdftotext/$stem.tsv"
        cp "$here/pdf/$stem.gold.csv" "$here/pdftotext/$stem.gold.csv"
    done
done
# Two pages through a 300-dpi scan and Tesseract.
for f in $(ls "$here"/pdf/*.pdf | head -2); do
    stem="$(basename "$f" .pdf)"
    pdftoppm -r 300 -png -singlefile "$f" "$tmp/$stem"
    # Run inside the scratch folder so the outputs name the image, not its path.
    (cd "$tmp" && tesseract "$stem.png" "$stem" -l chi_sim --psm 3 tsv hocr alto >/dev/null 2>&1)
    mv "$tmp/$stem.tsv" "$here/tesseract/tsv/$stem.tsv"
    mv "$tmp/$stem.hocr" "$here/tesseract/hocr/$stem.hocr"
    mv "$tmp/$stem.xml" "$here/tesseract/alto/$stem.alto.xml"
    for kind in tsv hocr alto; do cp "$here/pdf/$stem.gold.csv" "$here/tesseract/$kind/$stem.gold.csv"; done
done
du -sh "$here"
