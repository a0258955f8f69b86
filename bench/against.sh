#!/usr/bin/env bash
# This build's `briefing build --no-cache` against another binary's, on one generated corpus of
# N articles (examples/make_corpus), measured in the same run: median wall time of REPEAT=3
# runs each (taken in turns), peak RSS, and the ratio new / old.
#
#   bench/against.sh OLD_BINARY [N]      # default N = 100000
#
# An older binary is made from a worktree: git worktree add /tmp/old REV && cargo build
# --release --manifest-path /tmp/old/Cargo.toml
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: bench/against.sh OLD_BINARY [N]}
N=${2:-100000}
REPEAT=${REPEAT:-3}
cargo build --release --quiet --bins --example make_corpus
NEW=target/release/briefing
WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefing-against.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
target/release/examples/make_corpus --articles "$N" --out "$WORK/c" --jsonl "$WORK/c.jsonl" 2>/dev/null
declare -A walls peak
for ((r = 0; r < REPEAT; r++)); do
    for which in old new; do
        bin=$OLD; [ "$which" = new ] && bin=$NEW
        start=$EPOCHREALTIME
        /usr/bin/time -f '%M' -o "$WORK/time" "$bin" build -C "$WORK/c" --no-cache --quiet 2>"$WORK/err" ||
            { cat "$WORK/err" >&2; exit 1; }
        end=$EPOCHREALTIME
        walls[$which]+="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') "
        rss=$(($(cat "$WORK/time") / 1024))
        ((rss > ${peak[$which]:-0})) && peak[$which]=$rss
    done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }'; }
o=$(median "${walls[old]}"); n=$(median "${walls[new]}")
echo "| binary | articles | wall s (median of $REPEAT) | peak RSS MB |"
echo "|---|---:|---:|---:|"
echo "| old ($OLD) | $N | $o | ${peak[old]} |"
echo "| new | $N | $n | ${peak[new]} |"
awk -v o="$o" -v n="$n" 'BEGIN { printf "new / old: %.2fx wall\n", n / o }'
