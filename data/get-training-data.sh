#!/usr/bin/env bash
# Makes the training files the summary weights are fitted on (data/TRAINING.md), outside the
# repository: nothing here is committed but the recipe.
#
#   data/get-training-data.sh INDOSUM2_MIRROR KAGGLE_SAMPLE_MIRROR NEUSUM_MIRROR FRANK_MIRROR [OUT_DIR]
#
# Each MIRROR is a git clone (bare or not) of, in order: CalDev-id/INDOSUM2 (at 9280c93),
# EileenFeng/Text-Summarization-NLP (at 5bfee8b), magic282/cnndm_acl18 (at aebb722) and
# artidoro/frank (holding 5860706). OUT_DIR (default /tmp/briefing-training) gets id-train.jsonl,
# en-train.jsonl, en-train-cnn.jsonl and en-train-clean.jsonl. Every article of
# ../shared/eval/dev.jsonl and en-dev.jsonl (by id and by opening) is dropped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -lt 4 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
out="${5:-/tmp/briefing-training}"
eval_dir="${EVAL_DIR:-$here/../../shared/eval}"
mkdir -p "$out"
python3 "$here/make_training_data.py" "$1" "$2" "$3" "$4" "$eval_dir" "$out"
echo "fit with:"
echo "  cargo run --release --example fit_weights -- $out/id-train.jsonl"
echo "  head -n 126 $out/en-train-cnn.jsonl > $out/en-train-cnn-126.jsonl  # the shipped English fit's"
echo "  cargo run --release --example fit_weights -- $out/en-train-cnn-126.jsonl --stem --positions"
echo "  cargo run --release --example fit_weights -- $out/en-train-cnn-126.jsonl --stem"
echo "  FIT_PARAGRAPH=0 cargo run --release --example fit_weights -- $out/en-train-cnn.jsonl --stem [--logistic]  # the shipped English weights"
