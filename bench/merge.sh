#!/usr/bin/env bash
# The merge benchmark: `briefing build --from-jsonl` (the merge step of a scale-out run) on the
# per-article records of N articles made by examples/make_corpus, within the memory budget
# (`--memory`, default 2GiB) and, where HELD=1, held in memory (`--memory 1TiB`) for comparison.
#
#   bench/merge.sh [N ...]        (default: 100000)
#
# For each N: makes the corpus (JSON lines) and its records with `summarize --jsonl --partial`
# (timed too), then merges them; prints wall seconds and peak RSS (GNU time) of each step, the
# merge's RSS per record, and checks that the held and the budgeted merge write the same bytes
# (HELD=1). Needs disk for the records: about 4x the corpus (a 1,000,000-article corpus is 2.1 GB,
# its records about 8 GB); WORK=DIR puts them there (default: a temporary folder in TMPDIR).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
((${#SIZES[@]} > 0)) || SIZES=(100000)
TIME=/usr/bin/time
"$TIME" -f '%e' -o /dev/null true 2>/dev/null || { echo "merge.sh: GNU time needed: apt-get install time" >&2; exit 2; }

cargo build --release --quiet --bins --example make_corpus
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BIN="$TARGET/release/briefing"
GEN="$TARGET/release/examples/make_corpus"
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/briefing-merge.XXXXXX")}
mkdir -p "$WORK"
trap 'rm -rf "$WORK"/c* "$WORK"/out*' EXIT

# timed NAME CMD...: runs CMD once; sets WALL (s) and RSS (MB).
timed() {
    local start end
    start=$EPOCHREALTIME
    "$TIME" -f '%M' -o "$WORK/time" "$@" 2>"$WORK/err" || { cat "$WORK/err" >&2; echo "merge.sh: failed: $*" >&2; exit 1; }
    end=$EPOCHREALTIME
    WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    RSS=$(($(cat "$WORK/time") / 1024))
}

echo "| articles | step | wall s | peak RSS MB | RSS per record |"
echo "|---:|---|---:|---:|---:|"
for n in "${SIZES[@]}"; do
    c="$WORK/c$n"
    mkdir -p "$c"
    "$GEN" --articles "$n" --out "$c" --jsonl "$c.jsonl" --force >/dev/null 2>&1
    rm -rf "$c/articles"
    timed sh -c "cd '$c' && '$BIN' summarize --jsonl --partial < '$c.jsonl' > '$c.records'"
    echo "| $n | \`summarize --jsonl --partial\` | $WALL | $RSS | |"
    rm -f "$c.jsonl"
    timed "$BIN" build -C "$c" --from-jsonl "$c.records" --quiet
    echo "| $n | \`build --from-jsonl\` (2 GiB budget) | $WALL | $RSS | $(awk -v r="$RSS" -v n="$n" 'BEGIN { printf "%.2f KiB", r * 1024 / n }') |"
    if [[ -n ${HELD:-} ]]; then
        mv "$c/out" "$c/out-budget"
        timed "$BIN" build -C "$c" --from-jsonl "$c.records" --quiet --memory 1TiB
        echo "| $n | \`build --from-jsonl\` (held) | $WALL | $RSS | $(awk -v r="$RSS" -v n="$n" 'BEGIN { printf "%.2f KiB", r * 1024 / n }') |"
        for f in briefing.json briefing.html briefing.md; do
            cmp -s "$c/out/$f" "$c/out-budget/$f" || { echo "merge.sh: $f differs between the held and the budgeted merge" >&2; exit 1; }
        done
        echo "| $n | held and budgeted outputs identical | | | |"
    fi
    rm -rf "$c" "$c.records"
done
