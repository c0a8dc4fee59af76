#!/usr/bin/env bash
# One machine, several processes: N shares of an archive through GNU
# parallel, then one merge. The merged output is the same bytes as one
# `pledges extract` over the whole archive (tests/it/cli.rs runs this script).
#
#   deploy/parallel.sh ARCHIVE_DIR OUT_DIR [SHARES] [PLEDGES_BIN]
set -euo pipefail
archive=$1 out=$2 shares=${3:-4} bin=${4:-pledges}
mkdir -p "$out"
# Exit code 1 means "some page had problems", not a failed run.
seq 1 "$shares" | parallel --halt now,fail=1 \
    "'$bin' extract '$archive' --out '$out/shard-{}' --shard {}/$shares --jobs 1 --quiet || [ \$? -eq 1 ]"
"$bin" merge $(seq -f "$out/shard-%g" 1 "$shares") --out "$out/all"
