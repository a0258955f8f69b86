#!/usr/bin/env bash
# The cross-article steps as a batch engine runs them (`briefing aggregate`), against the merge
# on one machine (`build --from-jsonl`), on N make_corpus articles split into P partitions:
#
#   bench/aggregate.sh [N …]        (default 10000; P=4 partitions; WORK=DIR keeps the files)
#
# For each size: the records (`summarize --jsonl --partial`), then
#   - `build --from-jsonl` on all records (the merge on one machine): wall, peak RSS;
#   - the engine's steps run here one partition after another (a driver's loop: every
#     partition's map, then the reduce), timed per step kind, with the CPU seconds of all maps
#     (what workers would share) and of the reduces (the driver's);
#   - the finish step's contributions, and the final merge from them
#     (`build --from-jsonl … --state`): wall, peak RSS;
#   - the two briefings compared byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
((${#SIZES[@]})) || SIZES=(10000)
P=${P:-4}
TIME=/usr/bin/time
cargo build --release --quiet --bins --example make_corpus
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BIN="$TARGET/release/briefing"
GEN="$TARGET/release/examples/make_corpus"
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/briefing-aggregate.XXXXXX")}
mkdir -p "$WORK"
[[ -n ${KEEP:-} ]] || trap 'rm -rf "$WORK"' EXIT

# timed CMD…: runs CMD; adds to WALL, USER (s) and sets RSS (MB) to the max seen.
WALL=0 CPU=0 RSS=0
timed() {
    "$TIME" -f '%e %U %S %M' -o "$WORK/time" "$@" || { echo "aggregate.sh: failed: $*" >&2; exit 1; }
    read -r e u s m <"$WORK/time"
    WALL=$(awk -v a="$WALL" -v b="$e" 'BEGIN { print a + b }')
    CPU=$(awk -v a="$CPU" -v u="$u" -v s="$s" 'BEGIN { print a + u + s }')
    ((m / 1024 > RSS)) && RSS=$((m / 1024)) || true
}
reset() { WALL=0 CPU=0 RSS=0; }

echo "| articles | what | wall s | CPU s | peak RSS MB |"
echo "|---:|---|---:|---:|---:|"
for n in "${SIZES[@]}"; do
    c="$WORK/c$n"
    mkdir -p "$c"
    "$GEN" --articles "$n" --out "$c" --jsonl "$c.jsonl" --force >/dev/null 2>&1
    rm -rf "$c/articles"
    (cd "$c" && "$BIN" summarize --jsonl --partial <"$c.jsonl" >"$c.records")
    rm -f "$c.jsonl"
    reset
    timed "$BIN" build -C "$c" --from-jsonl "$c.records" --quiet 2>/dev/null
    echo "| $n | \`build --from-jsonl\` (the merge on one machine) | $WALL | $CPU | $RSS |"
    mv "$c/out" "$c/out-one"
    split -n "l/$P" -d "$c.records" "$c.p-"
    rm -f "$c.records"
    state=() maps_wall=0 maps_cpu=0 maps_rss=0 reduce_wall=0 reduce_cpu=0 steps=0
    while :; do
        reset
        for part in "$c".p-??; do
            timed sh -c "cd '$c' && '$BIN' aggregate ${state[*]} '$part' > '$part.out'"
        done
        maps_wall=$(awk -v a="$maps_wall" -v b="$WALL" 'BEGIN { print a + b }')
        maps_cpu=$(awk -v a="$maps_cpu" -v b="$CPU" 'BEGIN { print a + b }')
        ((RSS > maps_rss)) && maps_rss=$RSS
        reset
        timed sh -c "cd '$c' && '$BIN' aggregate --combine ${state[*]} '$c'.p-??.out > '$c.state-$steps' 2>/dev/null"
        reduce_wall=$(awk -v a="$reduce_wall" -v b="$WALL" 'BEGIN { print a + b }')
        reduce_cpu=$(awk -v a="$reduce_cpu" -v b="$CPU" 'BEGIN { print a + b }')
        state=(--state "$c.state-$steps")
        steps=$((steps + 1))
        grep -q '"stage":"finish"' "$c.state-$((steps - 1))" && break
        ((steps < 30)) || { echo "aggregate.sh: no finish after 30 steps" >&2; exit 1; }
    done
    echo "| $n | $steps steps, the maps of $P partitions one after another | $maps_wall | $maps_cpu | $maps_rss |"
    echo "| $n | $steps steps, the reduces | $reduce_wall | $reduce_cpu | |"
    reset
    for part in "$c".p-??; do
        timed sh -c "cd '$c' && '$BIN' aggregate ${state[*]} '$part' > '$part.finish'"
    done
    echo "| $n | the finish step's maps ($(du -cb "$c".p-??.finish | tail -1 | cut -f1) bytes of contributions; records $(du -cb "$c".p-?? | tail -1 | cut -f1)) | $WALL | $CPU | $RSS |"
    reset
    timed "$BIN" build -C "$c" --quiet "${state[@]}" --from-jsonl "$c".p-??.finish 2>/dev/null
    echo "| $n | the final merge (\`build --from-jsonl … --state\`) | $WALL | $CPU | $RSS |"
    for f in briefing.json briefing.html briefing.md; do
        cmp -s "$c/out/$f" "$c/out-one/$f" || { echo "aggregate.sh: $f differs from the merge on one machine" >&2; exit 1; }
    done
    echo "| $n | the two briefings byte-identical | | | |"
    rm -rf "$c" "$c".*
done
