#!/usr/bin/env bash
# The rebuild benchmark: how long `briefing build` takes when nothing or one article changed,
# against a cold build, on an N-article corpus made by examples/make_corpus (default N=10000).
#
#   bench/rebuild.sh [N]
#
# Steps, each timed with GNU time (wall seconds, peak RSS):
#   a. cold, no cache:      briefing clean; briefing build --no-cache        (median of COLD_RUNS)
#   b. cold, filling cache: briefing clean; briefing build                   (median of COLD_RUNS)
#   c. no-change rebuild:   briefing build                                (median of RUNS)
#   d. one article changed: append a sentence to one article outside the sample the
#      cross-article steps learn from (grouping.sample); build          (median of RUNS)
#   e. one article of the sample changed: the same, to an article in it (median of RUNS)
#   f. a theme's terms edited: a common word added to the first theme's terms in briefing.toml;
#      build (every article's cached work is kept, its theme terms matched again) (median of RUNS)
# RUNS and COLD_RUNS default to 3 (RUNS=5 bench/rebuild.sh for five; a and b run in turn).
# Prints a Markdown table on stdout (progress on stderr) and the verdict for the goal "no-change rebuild < 5% of cold (b)".
# "Cold" means without briefing's cache; the OS file cache stays warm. The machine's other
# load shows in every number: compare figures from one run, not across runs.
set -euo pipefail

usage="usage: bench/rebuild.sh [N]   (N: number of articles, default 10000)"
N="${1:-10000}"
RUNS="${RUNS:-3}"
COLD_RUNS="${COLD_RUNS:-3}"
[[ $# -le 1 && $N =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ && $COLD_RUNS =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
GOAL_PERCENT=5

cd "$(dirname "$0")/.."
say() { printf 'rebuild.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 2; }

# GNU time gives peak RSS; bash's `time` keyword and BusyBox time do not.
TIME=/usr/bin/time
if [[ ! -x $TIME ]] || ! "$TIME" -f '%e %M' -o /dev/null true 2>/dev/null; then
    die "GNU time is needed at $TIME to measure peak memory; install it with: sudo apt-get install time"
fi
command -v cargo >/dev/null || die "cargo not found: install Rust (rustup)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefing-rebuild.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "building the release binary and the corpus generator"
cargo build --release --quiet --bins --example make_corpus --example sample_member
TARGET=$(cargo metadata --format-version 1 --no-deps |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BIN="$TARGET/release/briefing"
GEN="$TARGET/release/examples/make_corpus"
MEMBER="$TARGET/release/examples/sample_member"
[[ -x $BIN && -x $GEN && -x $MEMBER ]] || die "no $BIN, $GEN or $MEMBER after cargo build"

# The flags this benchmark exists to measure; say plainly when the binary predates them.
missing=()
build_help=$("$BIN" build --help)
grep -q -- '--no-cache' <<<"$build_help" || missing+=("build --no-cache")
grep -q -- '--verbose' <<<"$build_help" || missing+=("build --verbose")
"$BIN" clean --help >/dev/null 2>&1 || missing+=("clean")
if ((${#missing[@]} > 0)); then
    printf -v list '%s, ' "${missing[@]}"
    die "this briefing lacks ${list%, }: the build cache is not in this checkout yet"
fi

CORPUS="$WORK/corpus"
say "generating $N articles into $CORPUS"
"$GEN" --articles "$N" --out "$CORPUS" 2>"$WORK/gen.err" || {
    cat "$WORK/gen.err" >&2
    die "the corpus generator failed"
}
CORPUS_BYTES=$(sed -n 's/.* articles, \([0-9]*\) bytes.*/\1/p' "$WORK/gen.err")

# measure LABEL CMD...: runs CMD under GNU time; sets WALL (s), RSS (MB), PROCESSED (the
# "N processed" count of the build's summary line; 0 when it reports "up to date"; else ?),
# REUSED (yes when --verbose said the last build's cross-article results were reused) and
# WARNINGS; stops on failure.
measure() {
    local label=$1
    shift
    local err="$WORK/$label.err"
    # Each step starts with nothing left to write back from the one before: the kernel
    # would otherwise still be flushing a gigabyte of cache and briefing while it runs.
    sync
    if ! "$TIME" -f '%e %M' -o "$WORK/time" "$@" >"$WORK/$label.out" 2>"$err"; then
        say "error: step $label failed: $*"
        tail -n 20 "$err" | sed 's/^/  | /' >&2
        exit 1
    fi
    read -r WALL rss_kb < <(tail -n 1 "$WORK/time")
    RSS=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')
    PROCESSED=$(sed -n 's/.*(\([0-9][0-9]*\) processed, .*/\1/p' "$err" | tail -n 1)
    if [[ -z $PROCESSED ]] && grep -q 'is up to date' "$err"; then PROCESSED=0; fi
    PROCESSED=${PROCESSED:-?}
    REUSED=$(grep -q '^reused the last build' "$err" && echo yes || echo no)
    WARNINGS=$(grep -c '^warning' "$err" || true)
    if ((WARNINGS > 0)); then
        say "warning: step $label printed $WARNINGS warnings, e.g.:"
        grep -m 3 '^warning' "$err" | sed 's/^/  | /' >&2
    fi
    say "$label: ${WALL}s, ${RSS} MB, processed $PROCESSED"
}

median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }

# For steps d and e, the middle article outside the sample and the middle one in it (a corpus
# of up to grouping.sample articles is all sample: step d is then skipped).
declare -A changed
while read -r kind path; do
    [[ $path == - ]] || changed[$kind]="$CORPUS/$path"
done < <("$MEMBER" "$CORPUS")
[[ -n ${changed[inside]:-} ]] || die "sample_member found no article in $CORPUS"

declare -A wall rss processed warnings reused
record() { wall[$1]=$WALL rss[$1]=$RSS processed[$1]=$PROCESSED warnings[$1]=$WARNINGS reused[$1]=$REUSED; }

# The cold builds, in turn, each from a clean project: a spell of the machine's load in one
# run moved b by half (17.5 s against 40 s at 50,000 articles), and b is every ratio's base.
cold_walls_a=() cold_walls_b=() cold_rss_a=() cold_rss_b=()
for ((i = 1; i <= COLD_RUNS; i++)); do
    "$BIN" clean -C "$CORPUS" >/dev/null || die "briefing clean failed"
    measure "a$i" "$BIN" build -C "$CORPUS" --no-cache --verbose
    cold_walls_a+=("$WALL") cold_rss_a+=("$RSS")
    record a
    "$BIN" clean -C "$CORPUS" >/dev/null || die "briefing clean failed"
    measure "b$i" "$BIN" build -C "$CORPUS" --verbose
    cold_walls_b+=("$WALL") cold_rss_b+=("$RSS")
    record b
done
wall[a]=$(median "${cold_walls_a[@]}") rss[a]=$(median "${cold_rss_a[@]}")
wall[b]=$(median "${cold_walls_b[@]}") rss[b]=$(median "${cold_rss_b[@]}")

steps=(c e f)
[[ -n ${changed[outside]:-} ]] && steps=(c d e f)
for step in "${steps[@]}"; do
    walls=() rsss=() procs=() reuses=() warns=0
    for ((i = 1; i <= RUNS; i++)); do
        case $step in
        d) target=${changed[outside]} ;;
        e) target=${changed[inside]} ;;
        *) target= ;;
        esac
        if [[ -n $target ]]; then
            printf 'Kalimat tambahan nomor %d ditulis untuk uji bangun ulang.\n' "$i" >>"$target"
        fi
        if [[ $step == f ]]; then
            words=(presiden menteri polisi warga kota)
            sed -i "0,/^terms = \[/s//terms = [\"${words[$(((i - 1) % 5))]}\", /" "$CORPUS/briefing.toml"
        fi
        measure "$step$i" "$BIN" build -C "$CORPUS" --verbose --timings
        walls+=("$WALL") rsss+=("$RSS") procs+=("$PROCESSED") reuses+=("$REUSED")
        warns=$((warns + WARNINGS))
    done
    wall[$step]=$(median "${walls[@]}")
    rss[$step]=$(median "${rsss[@]}")
    processed[$step]=$(printf '%s\n' "${procs[@]}" | sort -u | paste -sd/)
    reused[$step]=$(printf '%s\n' "${reuses[@]}" | sort -u | paste -sd/)
    warnings[$step]=$warns
done

ratio() { awk -v x="$1" -v b="${wall[b]}" 'BEGIN { if (b > 0) printf "%.3f", x / b; else print "n/a" }'; }

declare -A names=([a]="a. cold build, \`--no-cache\` (median of $COLD_RUNS)"
    [b]="b. cold build, filling the cache (median of $COLD_RUNS)"
    [c]="c. no-change rebuild (median of $RUNS)"
    [d]="d. one article outside the sample changed (median of $RUNS)"
    [e]="e. one article of the sample changed (median of $RUNS)"
    [f]="f. a theme's terms edited (median of $RUNS)")
if commit=$(git rev-parse --short HEAD 2>/dev/null); then
    git diff --quiet HEAD 2>/dev/null || commit="$commit+changes"
else
    commit=unknown
fi

echo "## Rebuild benchmark: $N articles"
echo
awk -v n="$N" -v b="$CORPUS_BYTES" -v c="$commit" -v cpus="$(nproc)" \
    -v v="$("$BIN" --version)" \
    'BEGIN { printf "%d articles, %.1f MB of text; %s at %s; %d CPUs\n", n, b / 1e6, v, c, cpus }'
echo
echo "| step | wall s | peak RSS MB | ratio to cold (b) | articles processed | reused | warnings |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for step in a b "${steps[@]}"; do
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${names[$step]}" "${wall[$step]}" \
        "${rss[$step]}" "$(ratio "${wall[$step]}")" "${processed[$step]}" "${reused[$step]:-}" \
        "${warnings[$step]}"
done
echo
if awk -v c="${wall[c]}" -v b="${wall[b]}" -v g="$GOAL_PERCENT" 'BEGIN { exit !(c < b * g / 100) }'; then
    verdict="met"
else
    verdict="NOT met"
fi
percent=$(awk -v c="${wall[c]}" -v b="${wall[b]}" 'BEGIN { printf "%.1f", (b > 0 ? 100 * c / b : 0) }')
echo "Goal \"no-change rebuild < ${GOAL_PERCENT}% of cold\": **$verdict** (c is ${percent}% of b)."
if [[ -n ${wall[d]:-} ]]; then
    percent=$(awk -v d="${wall[d]}" -v b="${wall[b]}" 'BEGIN { printf "%.1f", (b > 0 ? 100 * d / b : 0) }')
    if awk -v d="${wall[d]}" -v b="${wall[b]}" 'BEGIN { exit !(d <= b * 0.10) }'; then
        verdict="met"
    else
        verdict="NOT met"
    fi
    echo "Goal \"one article changed (outside the sample) ≤ 10% of cold\": **$verdict** (d is ${percent}% of b)."
fi
# Where the one-changed rebuilds spent their time: each phase's median over the runs.
phases_of() { sed -n '/^phase /,/^total /p' "$WORK/$1.err" | tail -n +2; }
for step in d e; do
    [[ -n ${wall[$step]:-} && -n $(phases_of "${step}1") ]] || continue
    echo
    echo "Phases of step $step (\`build --timings\`, median of $RUNS runs):"
    echo
    echo "| phase | wall s | CPU s |"
    echo "|---|---:|---:|"
    phases_of "${step}1" | while read -r line; do
        name=$(sed 's/ *[0-9.]* *[0-9.]*$//' <<<"$line")
        walls=() cpus=()
        for ((i = 1; i <= RUNS; i++)); do
            read -r w c < <(phases_of "$step$i" | grep -F "$name " | head -n 1 |
                awk '{ print $(NF-1), $NF }')
            walls+=("${w:-0}") cpus+=("${c:-0}")
        done
        printf '| %s | %s | %s |\n' "$name" "$(median "${walls[@]}")" "$(median "${cpus[@]}")"
    done
done
