#!/usr/bin/env bash
# One share of an archive per Slurm array task, then one merge.
#
#   sbatch --array=0-15 deploy/slurm-array.sh ARCHIVE_DIR OUT_DIR
#   # when all tasks are done (or chain it: sbatch --dependency=afterok:JOBID ...):
#   pledges merge OUT_DIR/shard-* --out OUT_DIR/all
#
# `pledges extract` reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and
# SLURM_ARRAY_TASK_MIN itself when --shard is not given, so every task runs
# the same command line. Shares are contiguous in sorted file order, and
# `merge` joins lists continued across them: the merged output is the same
# bytes as one run over the whole archive.
#SBATCH --job-name=pledges
#SBATCH --cpus-per-task=4
#SBATCH --mem=1G
#SBATCH --time=02:00:00
set -euo pipefail
archive=$1 out=$2
exec pledges extract "$archive" --out "$out/shard-$SLURM_ARRAY_TASK_ID" --jobs "${SLURM_CPUS_PER_TASK:-0}" --quiet
