#!/usr/bin/env bash
# Instructions per input byte of `briefing summarize --jsonl`, in total and per step, counted by
# callgrind on one thread, against `wc -w` on the same input.
#
#   bench/per_byte.sh [N]        (default N=5000 articles, about 10 MB; valgrind needed)
#
# The corpus comes from examples/make_corpus (Indonesian news). Each step is the inclusive count
# of the function that runs it (a function the compiler inlined is reported as missing); a
# step's count includes its one-off start (regexes compiled, tables built on first use), shown
# apart on its own line, which large inputs make negligible. KEEP=DIR keeps the callgrind output in DIR for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null ||
    { echo "per_byte.sh: valgrind and callgrind_annotate needed: apt-get install valgrind" >&2; exit 2; }

cargo build --release --quiet --bins --example make_corpus
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BIN="$TARGET/release/briefing"
GEN="$TARGET/release/examples/make_corpus"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefing-per-byte.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$GEN" --articles "$N" --jsonl "$WORK/corpus.jsonl" 2>/dev/null
bytes=$(stat -c %s "$WORK/corpus.jsonl")

# callgrind OUT CMD...: runs CMD on the corpus under callgrind, writing its profile to OUT.
callgrind() {
    local out=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" <"$WORK/corpus.jsonl" \
        >/dev/null 2>"$WORK/valgrind.err" ||
        { cat "$WORK/valgrind.err" >&2; echo "per_byte.sh: failed: $*" >&2; exit 1; }
}
total() { sed -n 's/^summary: *//p' "$1"; }

callgrind "$WORK/wc.out" wc -w
RAYON_NUM_THREADS=1 callgrind "$WORK/briefing.out" "$BIN" summarize --jsonl
wc_total=$(total "$WORK/wc.out")
all=$(total "$WORK/briefing.out")
# Inclusive counts by function name: "count<TAB>name".
callgrind_annotate --inclusive=yes --threshold=100 "$WORK/briefing.out" 2>/dev/null |
    sed -n 's/^ *\([0-9,]*\) ([ 0-9.%]*) *[^:]*:\(.*\) \[.*\]$/\1\t\2/p' | tr -d , >"$WORK/inclusive"

per() { awk -v n="$1" -v b="$bytes" 'BEGIN { printf "%.1f", n / b }'; }
share() { awk -v n="$1" -v t="$all" 'BEGIN { printf "%.1f%%", 100 * n / t }'; }
# count NAME...: the summed inclusive count of the named functions (they do not call each other).
# A NAME may be `A~B`: A's count, or B's where the compiler inlined A into its caller.
count() {
    local sum=0 name alt n
    for name in "$@"; do
        n=
        IFS='~' read -r -a alts <<<"$name"
        for alt in "${alts[@]}"; do
            n=$(awk -F'\t' -v f="$alt" '$2 == f { print $1; exit }' "$WORK/inclusive")
            [[ -n $n ]] && break
        done
        [[ -n $n ]] || { echo "per_byte.sh: no function $name in the profile (inlined?)" >&2; n=0; }
        sum=$((sum + n))
    done
    echo "$sum"
}

echo "$N articles, $bytes bytes, one thread (RAYON_NUM_THREADS=1), callgrind instructions"
echo
echo "| step | instructions per byte | share |"
echo "|---|---:|---:|"
steps=(
    "reading: lines, JSON parsing|<briefing::bounded::Lines<R> as core::iter::traits::iterator::Iterator>::next|serde_json::de::from_trait~<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::deserialize_string"
    "paragraphs, datelines, boilerplate|briefing::corpus::from_text"
    "language detection|briefing::text::language::detect_readable_declared"
    "sentence splitting|briefing::text::sentences::split"
    "notices and author tags|briefing::corpus::notices::furniture_in|briefing::corpus::notices::clues::Clues::of|briefing::corpus::boilerplate::is_author_tag"
    "whitespace folding|briefing::segment::fold_whitespace"
    "tokenizer|briefing::text::tokenizer::Tokenizer::tokens"
    "key terms|briefing::summary::terms::extract_terms"
    "content stems, sentence features|briefing::theme_terms::content_stems|briefing::summary::features::fixed"
    "discourse links|briefing::text::discourse::continues"
    "summary scoring|briefing::summary::summarize"
    "learn (one article)|briefing::learn::Learner::learn_one"
    "themes of each sentence|briefing::learn::evidence::<impl briefing::learn::Learned>::assign_viewed"
    "article model|briefing::model::build::article::article_model"
    "JSON writing|briefing::commands::summarize::write_result"
)
listed=0
for step in "${steps[@]}"; do
    IFS='|' read -r -a parts <<<"$step"
    n=$(count "${parts[@]:1}")
    listed=$((listed + n))
    printf '| %s | %s | %s |\n' "${parts[0]}" "$(per "$n")" "$(share "$n")"
done
rest=$((all - listed))
printf '| everything else | %s | %s |\n' "$(per "$rest")" "$(share "$rest")"
printf '| **total `summarize --jsonl`** | **%s** | 100%% |\n' "$(per "$all")"
once=$(count "std::sync::once::Once::call_once_force::{{closure}}")
printf '| (one-off start: regexes and tables, inside the steps above) | %s | %s |\n' "$(per "$once")" "$(share "$once")"
printf '| `wc -w` | %s | %.2fx fewer than summarize |\n' "$(per "$wc_total")" \
    "$(awk -v a="$all" -v w="$wc_total" 'BEGIN { print a / w }')"
if [[ -n ${KEEP:-} ]]; then
    mkdir -p "$KEEP" && cp "$WORK/briefing.out" "$WORK/wc.out" "$KEEP/"
fi
