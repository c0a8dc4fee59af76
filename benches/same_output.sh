#!/usr/bin/env bash
# Byte-identical check for changes that must not change output (restructures,
# speed work): runs two builds of `pledges` over the same inputs and `cmp`s
# every output file.
#
#   benches/same_output.sh OLD_BIN NEW_BIN [SEED]
#
# Inputs: corpus/, every gen preset (5 pages each, seed SEED, default 604),
# and a 1,000-page archive; each extracted with --jobs 1 and --jobs 2.
set -euo pipefail
old=$1 new=$2 seed=${3:-604}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$old" gen --all-presets --count 5 --seed "$seed" --out "$work/presets" >/dev/null
"$old" gen --archive 1000 --seed "$seed" --out "$work/archive" >/dev/null
status=0
for input in corpus "$work/presets" "$work/archive"; do
    for jobs in 1 2; do
        for bin in old new; do
            out="$work/out-$bin"
            rm -rf "$out"
            "${!bin}" extract "$input" --out "$out" --jobs "$jobs" --quiet 2>/dev/null || true
        done
        for f in "$work/out-old"/*; do
            name=$(basename "$f")
            if cmp -s "$f" "$work/out-new/$name"; then
                echo "same      $input jobs=$jobs $name"
            else
                echo "DIFFERENT $input jobs=$jobs $name"; status=1
            fi
        done
    done
done
exit $status
