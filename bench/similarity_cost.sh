#!/usr/bin/env bash
# What similarity (on by default) costs: this build's `briefing build --no-cache` on one
# generated corpus of N articles (examples/make_corpus) with the default config and with
# `[grouping] similarity = false`, measured in the same run, taken in turns: median wall time of
# REPEAT=3 runs each, peak RSS, and the ratio on / off (issue 12 allows 1.5x).
#
#   bench/similarity_cost.sh [N]      # default N = 100000
#   BIN=/path/to/briefing bench/similarity_cost.sh [N]   # another build (e.g. main's, to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
REPEAT=${REPEAT:-3}
cargo build --release --quiet --bins --example make_corpus
BIN=${BIN:-target/release/briefing}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefing-similarity.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
target/release/examples/make_corpus --articles "$N" --out "$WORK/on" 2>/dev/null
mkdir "$WORK/off"
cp -al "$WORK/on/articles" "$WORK/off/articles"
{ cat "$WORK/on/briefing.toml"; printf '\n[grouping]\nsimilarity = false\n'; } >"$WORK/off/briefing.toml"
declare -A walls peak
for ((r = 0; r < REPEAT; r++)); do
    for which in off on; do
        start=$EPOCHREALTIME
        /usr/bin/time -f '%M' -o "$WORK/time" "$BIN" build -C "$WORK/$which" --no-cache --quiet 2>"$WORK/err" ||
            { cat "$WORK/err" >&2; exit 1; }
        end=$EPOCHREALTIME
        walls[$which]+="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') "
        rss=$(($(cat "$WORK/time") / 1024))
        ((rss > ${peak[$which]:-0})) && peak[$which]=$rss
    done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }'; }
off=$(median "${walls[off]}"); on=$(median "${walls[on]}")
echo "runs (s): off ${walls[off]}; on ${walls[on]}"
echo "| similarity | articles | wall s (median of $REPEAT) | peak RSS MB |"
echo "|---|---:|---:|---:|"
echo "| off | $N | $off | ${peak[off]} |"
echo "| on (default) | $N | $on | ${peak[on]} |"
awk -v a="$off" -v b="$on" 'BEGIN { printf "on / off: %.2fx wall\n", b / a }'
