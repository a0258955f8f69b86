#!/usr/bin/env bash
# The real-page measure: briefing on the 181 saved pages of scrapinghub/article-extraction-benchmark
# (MIT), against the benchmark's own ground truth (each page's article body, marked by people).
#
#   eval/pages/run.sh MIRROR      # MIRROR: a git clone or mirror of the benchmark (e.g. `fetch`ed)
#
# Builds a project of the pages (language "auto": pages in languages briefing does not read are
# left out, with a warning each) and prints two figures:
#   1. the benchmark's shingle F1 / precision / recall (its own evaluate.py) of the text briefing
#      keeps of each page (every sentence of briefing.json, in order; a page left out counts as
#      empty);
#   2. how many of the summaries' sentences are sentences of the ground-truth body (whitespace
#      and quote marks folded): a caption, a credit, a sign-up box or a fragment is not.
# Needs python3 (standard library only). Writes nothing outside a temporary folder.
set -euo pipefail
usage="usage: eval/pages/run.sh MIRROR   (a clone or mirror of scrapinghub/article-extraction-benchmark)"
[[ $# -eq 1 ]] || { echo "$usage" >&2; exit 2; }
MIRROR=$1
cd "$(dirname "$0")/../.."
command -v python3 >/dev/null || { echo "run.sh: python3 is needed" >&2; exit 2; }
GIT=(git --git-dir="$MIRROR")
[[ -d $MIRROR/.git ]] && GIT=(git -C "$MIRROR")
"${GIT[@]}" rev-parse --verify -q HEAD:ground-truth.json >/dev/null ||
    { echo "run.sh: $MIRROR holds no ground-truth.json at HEAD; $usage" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefing-pages.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/project/pages" "$WORK/eval/output"
"${GIT[@]}" show HEAD:ground-truth.json >"$WORK/eval/ground-truth.json"
"${GIT[@]}" show HEAD:evaluate.py >"$WORK/eval/evaluate.py"
"${GIT[@]}" ls-tree --name-only HEAD html/ | while read -r gz; do
    name=$(basename "$gz" .gz)
    "${GIT[@]}" show "HEAD:$gz" | gzip -dc >"$WORK/project/pages/$name"
done
cat >"$WORK/project/briefing.toml" <<'TOML'
title = "article-extraction-benchmark"
input = "pages"
output = "out"
language = "auto"
TOML
cargo build --release --quiet
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
"$TARGET/release/briefing" build -q --no-cache -C "$WORK/project" 2>/dev/null || true
[[ -s $WORK/project/out/briefing.json ]] || { echo "run.sh: the build wrote no briefing.json" >&2; exit 1; }
python3 eval/pages/score.py "$WORK/project/out/briefing.json" "$WORK/eval"
(cd "$WORK/eval" && python3 evaluate.py --n-bootstrap 100)
