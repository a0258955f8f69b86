#!/usr/bin/env bash
# The scale benchmark: `briefing summarize --jsonl` and `briefing build` on corpora of N articles
# made by examples/make_corpus, against `wc -w` on the same input, measured in the same run.
#
#   bench/scale.sh [N ...]        (default: 1000 10000 100000)
#
# For each N prints wall seconds (median of REPEAT=3 runs), MB/s, articles/s and peak RSS (GNU
# time), and each command's throughput as a ratio of wc -w's. Goals (issue 6): summarize >= 50% of wc -w; its RSS
# independent of N and <= 100 MB; build within 2x of summarize; cost linear in N.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
((${#SIZES[@]} > 0)) || SIZES=(1000 10000 100000)
TIME=/usr/bin/time
"$TIME" -f '%e' -o /dev/null true 2>/dev/null || { echo "scale.sh: GNU time needed: apt-get install time" >&2; exit 2; }

cargo build --release --quiet --bins --example make_corpus
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BIN="$TARGET/release/briefing"
GEN="$TARGET/release/examples/make_corpus"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefing-scale.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# run INPUT CMD...: runs CMD reading INPUT on stdin REPEAT times; WALL is the median wall time in
# seconds (measured with bash's microsecond clock), RSS the largest peak RSS in MB (GNU time).
REPEAT=${REPEAT:-3}
run() {
    local input=$1 walls=() peak=0 start end rss_kb
    shift
    for ((r = 0; r < REPEAT; r++)); do
        start=$EPOCHREALTIME
        "$TIME" -f '%M' -o "$WORK/time" "$@" <"$input" >/dev/null 2>"$WORK/err" ||
            { cat "$WORK/err" >&2; echo "scale.sh: failed: $*" >&2; exit 1; }
        end=$EPOCHREALTIME
        walls+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
        read -r rss_kb <"$WORK/time"
        ((rss_kb > peak)) && peak=$rss_kb
    done
    WALL=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }')
    RSS=$((peak / 1024))
}
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }'; }
per() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

echo "| articles | MB | command | wall s | MB/s | articles/s | peak RSS MB | vs wc -w |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|"
for n in "${SIZES[@]}"; do
    corpus="$WORK/c$n"
    "$GEN" --articles "$n" --out "$corpus" --jsonl "$corpus.jsonl" 2>/dev/null
    bytes=$(stat -c %s "$corpus.jsonl")
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    run "$corpus.jsonl" wc -w
    wc_wall=$WALL
    printf '| %s | %s | `wc -w` | %s | %s | %s | %s | 1.00 |\n' "$n" "$mb" "$WALL" "$(rate "$bytes" "$WALL")" "$(per "$n" "$WALL")" "$RSS"
    run "$corpus.jsonl" "$BIN" summarize --jsonl
    sum_wall=$WALL
    ratio=$(awk -v w="$wc_wall" -v s="$WALL" 'BEGIN { printf "%.3f", (s > 0 ? w / s : 0) }')
    printf '| %s | %s | `summarize --jsonl` | %s | %s | %s | %s | %s |\n' "$n" "$mb" "$WALL" "$(rate "$bytes" "$WALL")" "$(per "$n" "$WALL")" "$RSS" "$ratio"
    run /dev/null "$BIN" build -C "$corpus" --no-cache --quiet
    ratio=$(awk -v w="$wc_wall" -v s="$WALL" 'BEGIN { printf "%.3f", (s > 0 ? w / s : 0) }')
    printf '| %s | %s | `build --no-cache` (%.1fx summarize) | %s | %s | %s | %s | %s |\n' "$n" "$mb" \
        "$(awk -v b="$WALL" -v s="$sum_wall" 'BEGIN { print (s > 0 ? b / s : 0) }')" "$WALL" \
        "$(rate "$bytes" "$WALL")" "$(per "$n" "$WALL")" "$RSS" "$ratio"
    rm -rf "$corpus" "$corpus.jsonl"
done
