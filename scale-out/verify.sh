#!/usr/bin/env bash
# Checks that `briefing summarize --jsonl` gives the same records run locally and run through
# Spark (local[2] mode, scale-out/spark_summarize.py), then how both handle a bad input line.
#
#   scale-out/verify.sh              (ARTICLES=1000 by default; KEEP=1 keeps the work folder)
#
# Needs: cargo, java (17+ for Spark 4), GNU time, and a Python with pyspark:
#   SPARK_VENV      a venv with pyspark (default /work/venv-spark), made by
#                   python3 -m venv /work/venv-spark && /work/venv-spark/bin/pip install --require-hashes -r scale-out/requirements.txt
#   PYSPARK_PYTHON  the Python to run the driver and the workers (default $SPARK_VENV/bin/python)
#
# Steps:
#   1. build the release binary and examples/make_corpus;
#   2. make an ARTICLES-article corpus (JSON lines plus the corpus's briefing.toml) from SOURCE
#      (default ../shared/eval/dev.jsonl, else the repository's tests/fixtures/eval/dev-slice.jsonl);
#   3. run `briefing summarize --jsonl` locally, from the corpus folder (./briefing.toml), and
#      via Spark with the binary given by a RELATIVE path (shipped to the workers) and the
#      briefing.toml shipped with --ship; time both with /usr/bin/time;
#   4. compare the records sorted by id (the merge step must not depend on part order) and,
#      for information only, say whether the part files in name order kept the input order;
#   5. the same with `summarize --jsonl --partial`, then `build --from-jsonl` on each set of
#      records: the two briefings must be byte-identical;
#   6. the cross-article steps on Spark (scale-out/spark_aggregate.py over Spark's records),
#      then `build --from-jsonl --state` on the contributions it made: byte-identical too;
#   7. insert a bad line: locally briefing must write the other records and exit 1; via Spark
#      the job must fail by default, and keep the other records with --allow-bad-lines
#      (this run gives the binary by an ABSOLUTE path, the other way of naming it).
# Exits non-zero on any mismatch or unexpected exit status.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ARTICLES=${ARTICLES:-1000}
SPARK_VENV=${SPARK_VENV:-/work/venv-spark}
PYSPARK_PYTHON=${PYSPARK_PYTHON:-$SPARK_VENV/bin/python}
export PYSPARK_PYTHON
# Keep Spark's driver and block manager on the loopback interface.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
TIME=/usr/bin/time

die() { echo "verify.sh: $*" >&2; exit 1; }

[[ -x $PYSPARK_PYTHON ]] ||
    die "no Python at $PYSPARK_PYTHON; make the venv (python3 -m venv $SPARK_VENV && $SPARK_VENV/bin/pip install pyspark) or set SPARK_VENV / PYSPARK_PYTHON"
"$PYSPARK_PYTHON" -c 'import pyspark' 2>/dev/null ||
    die "pyspark is missing from $PYSPARK_PYTHON; install it: $PYSPARK_PYTHON -m pip install pyspark"
if [[ -n ${JAVA_HOME:-} ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=$(command -v java || true); fi
[[ -n $JAVA && -x $JAVA ]] || die "no java (Spark needs a JDK 17+): apt-get install openjdk-17-jre-headless, or set JAVA_HOME"
"$TIME" -f '%e' -o /dev/null true 2>/dev/null || die "GNU time needed: apt-get install time"

echo "== versions"
echo "pyspark $("$PYSPARK_PYTHON" -c 'import pyspark; print(pyspark.__version__)') ($("$PYSPARK_PYTHON" --version 2>&1), $PYSPARK_PYTHON)"
"$JAVA" -version 2>&1 | head -1
cargo --version

echo "== build"
cargo build --release --quiet --bins --example make_corpus
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BIN="$TARGET/release/briefing"
GEN="$TARGET/release/examples/make_corpus"
# The same binary named relative to this folder (the driver's working directory): exercises
# spark_summarize.py's "relative path: ship it to the workers" case.
REL_BIN=$(realpath --relative-to="$ROOT" "$BIN")
[[ $REL_BIN == */* ]] || REL_BIN="./$REL_BIN"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/briefing-spark.XXXXXX")
if [[ -n ${KEEP:-} ]]; then echo "work folder kept: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

echo "== corpus"
# Made from IndoSum's dev articles beside the repository when they are there (../shared/eval),
# else from the five of the repository's own test fixture (a clean clone on its own).
SOURCE=${SOURCE:-$ROOT/../shared/eval/dev.jsonl}
if [[ ! -f $SOURCE ]]; then
    echo "no $SOURCE: the corpus is made from tests/fixtures/eval/dev-slice.jsonl"
    SOURCE=$ROOT/tests/fixtures/eval/dev-slice.jsonl
fi
"$GEN" --articles "$ARTICLES" --out "$WORK/corpus" --jsonl "$WORK/corpus.jsonl" --source "$SOURCE"
CONFIG="$WORK/corpus/briefing.toml"

# sorted_records FILE...: the records of the files, sorted by id (then by the whole line), as
# they were written (no re-serialisation, so the comparison is byte for byte).
sorted_records() {
    "$PYSPARK_PYTHON" - "$@" <<'EOF'
import json, sys
lines = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        lines.extend(line.rstrip("\n") for line in f if line.strip())
keyed = sorted((json.dumps(json.loads(l)["id"]), l) for l in lines)
sys.stdout.write("".join(l + "\n" for _, l in keyed))
EOF
}

# spark OUTPUT_DIR LOG ARGS...: runs the driver in local[2] mode, timed; sets SPARK_STATUS.
spark() {
    local out=$1 log=$2
    shift 2
    SPARK_STATUS=0
    "$TIME" -f '%e' -o "$WORK/spark.time" "$PYSPARK_PYTHON" scale-out/spark_summarize.py \
        --master 'local[2]' --conf spark.ui.enabled=false --output "$out" "$@" >"$log" 2>&1 ||
        SPARK_STATUS=$?
    # GNU time puts "Command exited with non-zero status N" before the time on failure.
    SPARK_WALL=$(tail -1 "$WORK/spark.time")
}

echo "== local: briefing summarize --jsonl (in the corpus folder, ./briefing.toml)"
(cd "$WORK/corpus" && "$TIME" -f '%e' -o "$WORK/local.time" "$BIN" summarize --jsonl \
    <"$WORK/corpus.jsonl" >"$WORK/local.jsonl" 2>"$WORK/local.err") ||
    { cat "$WORK/local.err" >&2; die "local summarize failed"; }
LOCAL_WALL=$(tail -1 "$WORK/local.time")
echo "local: $(wc -l <"$WORK/local.jsonl") records, ${LOCAL_WALL}s wall"

echo "== spark local[2]: --command \"$REL_BIN summarize --jsonl\" --ship briefing.toml"
spark "$WORK/spark" "$WORK/spark.log" --input "$WORK/corpus.jsonl" \
    --command "$REL_BIN summarize --jsonl" --ship "$CONFIG"
MAIN_SPARK_WALL=$SPARK_WALL
((SPARK_STATUS == 0)) || { tail -30 "$WORK/spark.log" >&2; die "the Spark run failed (exit $SPARK_STATUS)"; }
grep '^spark_summarize:' "$WORK/spark.log" || true
PARTS=("$WORK"/spark/part-*)
echo "spark: ${#PARTS[@]} part file(s), $(cat "${PARTS[@]}" | wc -l) records, ${MAIN_SPARK_WALL}s wall (JVM start included)"

echo "== compare (sorted by id)"
sorted_records "$WORK/local.jsonl" >"$WORK/local.sorted"
sorted_records "${PARTS[@]}" >"$WORK/spark.sorted"
n=$(wc -l <"$WORK/local.sorted")
((n == ARTICLES)) || die "local output has $n records, expected $ARTICLES"
ids=$("$PYSPARK_PYTHON" -c 'import json,sys; print(len({json.dumps(json.loads(l)["id"]) for l in open(sys.argv[1])}))' "$WORK/local.sorted")
((ids == ARTICLES)) || die "local output has $ids distinct ids for $ARTICLES records"
cmp "$WORK/local.sorted" "$WORK/spark.sorted" || die "MISMATCH: Spark's records differ from the local run's"
echo "OK: the $n records are identical"
if cat "${PARTS[@]}" | cmp -s - "$WORK/local.jsonl"; then
    echo "(info) the part files in name order also keep the input order (not relied on)"
else
    echo "(info) the part files in name order do NOT keep the input order (fine: merge by id)"
fi

echo "== merge: summarize --jsonl --partial (local and Spark), then build --from-jsonl"
(cd "$WORK/corpus" && "$BIN" summarize --jsonl --partial <"$WORK/corpus.jsonl" >"$WORK/partial.jsonl")
spark "$WORK/spark-partial" "$WORK/spark-partial.log" --input "$WORK/corpus.jsonl" \
    --command "$REL_BIN summarize --jsonl --partial" --ship "$CONFIG"
((SPARK_STATUS == 0)) || { tail -30 "$WORK/spark-partial.log" >&2; die "the Spark --partial run failed"; }
"$TIME" -f '%e' -o "$WORK/merge.time" "$BIN" build -C "$WORK/corpus" --quiet --from-jsonl "$WORK/partial.jsonl"
mv "$WORK/corpus/out" "$WORK/out-local"
"$BIN" build -C "$WORK/corpus" --quiet --from-jsonl "$WORK"/spark-partial/part-*
diff -r "$WORK/out-local" "$WORK/corpus/out" >/dev/null ||
    die "MISMATCH: the briefing merged from Spark's records differs from the one merged from the local run's"
echo "OK: the briefing built --from-jsonl from Spark's $(cat "$WORK"/spark-partial/part-* | wc -l) records is byte-identical to the one from the local records (merge: $(tail -1 "$WORK/merge.time")s)"

echo "== the cross-article steps on Spark: spark_aggregate.py, then build --from-jsonl --state"
rm -rf "$WORK/corpus/out"
AGG_STATUS=0
"$TIME" -f '%e' -o "$WORK/aggregate.time" "$PYSPARK_PYTHON" scale-out/spark_aggregate.py \
    --master 'local[2]' --conf spark.ui.enabled=false --input "$WORK/spark-partial/part-*" \
    --output "$WORK/spark-finish" --work "$WORK/steps" --briefing "$REL_BIN" --config "$CONFIG" \
    >"$WORK/aggregate.log" 2>&1 || AGG_STATUS=$?
((AGG_STATUS == 0)) || { tail -30 "$WORK/aggregate.log" >&2; die "spark_aggregate.py failed (exit $AGG_STATUS)"; }
grep '^spark_aggregate:' "$WORK/aggregate.log" | sed 's/^/    /'
"$TIME" -f '%e %M' -o "$WORK/final.time" "$BIN" build -C "$WORK/corpus" --quiet \
    --state "$WORK/steps/state-final.json" --from-jsonl "$WORK"/spark-finish/part-*
diff -r "$WORK/out-local" "$WORK/corpus/out" >/dev/null ||
    die "MISMATCH: the briefing merged from Spark's contributions differs from the one merged from the local records"
echo "OK: the briefing merged from the contributions Spark made ($(cat "$WORK"/spark-finish/part-* | wc -l) lines, $(du -cb "$WORK"/spark-finish/part-* | tail -1 | cut -f1) bytes; the records: $(du -cb "$WORK"/spark-partial/part-* | tail -1 | cut -f1) bytes) is byte-identical (Spark steps $(tail -1 "$WORK/aggregate.time")s; final merge $(cut -d' ' -f1 "$WORK/final.time")s, $(( $(cut -d' ' -f2 "$WORK/final.time") / 1024 )) MB peak)"

echo "== a bad line"
# Three quarters in: in the second of the two partitions, so briefing's "line N" (counted within
# its partition) differs from the line number in the file.
BAD_AT=$((ARTICLES * 3 / 4))
awk -v at="$BAD_AT" 'NR == at { print "this is not JSON" } { print }' "$WORK/corpus.jsonl" >"$WORK/bad.jsonl"
status=0
(cd "$WORK/corpus" && "$BIN" summarize --jsonl <"$WORK/bad.jsonl" >"$WORK/bad-local.jsonl" 2>"$WORK/bad-local.err") || status=$?
echo "local: exit $status, $(wc -l <"$WORK/bad-local.jsonl") records; stderr:"
sed 's/^/    /' "$WORK/bad-local.err"
((status == 1)) || die "local summarize with a bad line: expected exit 1, got $status"
sorted_records "$WORK/bad-local.jsonl" | cmp -s - "$WORK/local.sorted" ||
    die "local summarize with a bad line: the good records differ"

spark "$WORK/spark-bad" "$WORK/spark-bad.log" --input "$WORK/bad.jsonl" \
    --command "$BIN summarize --jsonl" --ship "$CONFIG"
echo "spark (default): exit $SPARK_STATUS in ${SPARK_WALL}s; output folder $([[ -e $WORK/spark-bad/_SUCCESS ]] && echo committed || echo 'not committed')"
{ grep -E '^\[partition [0-9]+\]' "$WORK/spark-bad.log" | head -3
    sed -n '/^spark_summarize: job failed/,$p' "$WORK/spark-bad.log" | head -6; } | cut -c1-300 | sed 's/^/    /'
((SPARK_STATUS != 0)) || die "Spark with a bad line: expected the job to fail, it succeeded"
[[ ! -e $WORK/spark-bad/_SUCCESS ]] || die "Spark with a bad line: a failed job committed its output"

spark "$WORK/spark-bad2" "$WORK/spark-bad2.log" --input "$WORK/bad.jsonl" \
    --command "$BIN summarize --jsonl" --ship "$CONFIG" --allow-bad-lines
echo "spark (--allow-bad-lines): exit $SPARK_STATUS in ${SPARK_WALL}s"
grep -E '^\[partition [0-9]+\]|^spark_summarize:' "$WORK/spark-bad2.log" | head -5 | cut -c1-300 | sed 's/^/    /'
((SPARK_STATUS == 0)) || { tail -30 "$WORK/spark-bad2.log" >&2; die "Spark --allow-bad-lines failed"; }
sorted_records "$WORK"/spark-bad2/part-* | cmp -s - "$WORK/local.sorted" ||
    die "Spark --allow-bad-lines: the good records differ from the local run's"
echo "OK: bad line: local exit 1 with $ARTICLES good records; Spark fails the job by default, keeps the $ARTICLES good records with --allow-bad-lines"

echo "== timings (wall seconds, $ARTICLES articles, $(stat -c %s "$WORK/corpus.jsonl") bytes)"
echo "local summarize --jsonl: $LOCAL_WALL"
echo "spark local[2]:          $MAIN_SPARK_WALL"
echo "verify.sh: all checks passed"
