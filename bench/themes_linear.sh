#!/usr/bin/env bash
# The theme stage on the inputs that were superlinear (issues 12 and 13), at n, 2n and 4n:
# wall time of `briefing build --no-cache` on each generated project. Near-linear means each
# doubling about doubles the time.
#
#   bench/themes_linear.sh [N]        # default N = 4000
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/briefing
n=${1:-4000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

project() { # $1 = dir; writes a config with one arms theme
    mkdir -p "$1/in"
    cat > "$1/briefing.toml" <<TOML
title = "linear"
input = "in"
output = "out"
language = "id"
[[themes]]
id = "arms"
title = "Senjata"
terms = ["senjata", "amunisi"]
exclude = ["senjata nuklir"]
TOML
}

make() { # $1 = case, $2 = size, $3 = dir
    project "$3"
    python3 - "$1" "$2" "$3/in" <<'PY'
import sys, random
case, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(7)
word = lambda: "".join(rnd.choice("bcdfghjklmnprstvw") + rnd.choice("aiueo") for _ in range(4))
if case == "shared-words":      # n one-sentence articles sharing six words, each four of its own
    for i in range(n):
        own = " ".join(word() for _ in range(4))
        open(f"{out}/{i:06}.txt", "w").write(f"Pasokan senjata amunisi gudang perbatasan utara {own}.\n")
elif case == "theme-sentences":  # one article of n different theme sentences
    with open(f"{out}/one.txt", "w") as f:
        for i in range(n):
            f.write(f"Senjata {word()} {word()} dikirim ke {word()} {word()}.\n\n")
elif case == "repeated":         # one article of the same sentence n times
    with open(f"{out}/one.txt", "w") as f:
        f.write("Rusia menerima pasokan senjata dan amunisi dari Korea Utara.\n\n" * n)
elif case == "exclusion":        # one sentence: "senjata nuklir" x n then "senjata" x n
    with open(f"{out}/one.txt", "w") as f:
        f.write("senjata nuklir " * n + "senjata " * n + ".\n")
PY
}

printf '| case | n | seconds | vs n |\n|---|---:|---:|---:|\n'
for case in shared-words theme-sentences repeated exclusion; do
    base=
    for k in 1 2 4; do
        size=$((n * k))
        dir=$work/$case-$size
        make "$case" "$size" "$dir"
        start=$(date +%s.%N)
        "$bin" build -q --no-cache -C "$dir" >/dev/null 2>&1 || { echo "build failed: $case $size" >&2; exit 1; }
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc -l)
        [ -z "$base" ] && base=$t
        printf '| %s | %d | %.2f | %.1fx |\n' "$case" "$size" "$t" "$(echo "$t / $base" | bc -l)"
    done
done
