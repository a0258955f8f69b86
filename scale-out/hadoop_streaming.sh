#!/usr/bin/env bash
# `briefing summarize --jsonl` as a map-only Hadoop Streaming job: the Hadoop equivalent of
# spark_summarize.py. NOT RUN: Hadoop is not installed where this was written; the flags below
# follow Hadoop Streaming's documented behaviour and are untested.
#
#   scale-out/hadoop_streaming.sh INPUT OUTPUT [BRIEFING_BIN] [CONFIG]
#
#   INPUT         the JSON-lines corpus on the cluster's file system (a file, folder or glob)
#   OUTPUT        the output folder (must not exist)
#   BRIEFING_BIN  the local briefing binary to ship (default: target/release/briefing)
#   CONFIG        the briefing.toml to ship (default: ./briefing.toml; "" to ship none and use
#                 briefing's built-in defaults)
#
# Environment:
#   HADOOP_STREAMING_JAR  the streaming jar (default: the first
#                         $HADOOP_HOME/share/hadoop/tools/lib/hadoop-streaming-*.jar)
#   MAPPER_ARGS           the command's arguments (default: "summarize --jsonl"; later
#                         "summarize --jsonl --partial", pending: that flag does not exist yet)
#   DRY_RUN=1             print the hadoop command instead of running it
#
# How it maps onto Hadoop Streaming:
#   * -files ships the binary and the config; each lands, under its base name, in every map
#     task's working directory. Streaming makes a relative program executable (chmod a+x) and
#     looks it up in the working directory, so `-mapper "briefing summarize --jsonl"` runs the
#     shipped copy, and briefing finds ./briefing.toml there. The binary must run on the
#     workers: build it on the same OS/libc or as a static musl binary.
#   * -numReduceTasks 0: map-only. Each input split is piped through one briefing process, in
#     order; part-00000, part-00001, ... come out one per map task. Their order, and which lines
#     go in which, depend on the splits: the merge step sorts/merges by "id" and must not depend
#     on part order.
#   * TextInputFormat hands the mapper the lines only (the byte-offset keys are dropped).
#   * Output: streaming splits each output line at the first TAB into key and value. briefing's
#     JSON never holds a raw TAB (serde_json writes "\t" inside strings), so the whole line is
#     the key and the value is empty, and TextOutputFormat then writes "LINE<TAB>": every output
#     line ends in a TAB. JSON allows whitespace after a value, so JSON readers accept it; the
#     gather step below strips it anyway.
#   * Exit status: by default (stream.non.zero.exit.is.failure=true) a mapper that exits
#     non-zero fails the task; Hadoop retries it (mapreduce.map.maxattempts, 4) and then fails
#     the job. `briefing summarize --jsonl` exits 1 when any line is bad (after writing the good
#     ones), so ONE bad line fails the whole job. To keep the good records instead, add
#       -D stream.non.zero.exit.is.failure=false
#     (this accepts every non-zero exit, config errors too: check the task logs). The bad lines
#     are reported in each task's stderr log, with line numbers counted within that split.
#   * -cmdenv RAYON_NUM_THREADS=1: briefing would otherwise start one thread per core in every
#     map task, while YARN already runs one task per vcore.
#   * Stderr of the mapper goes to the task's stderr log (yarn logs -applicationId ...).
#
# Gather the results on one machine and (pending) build the briefing:
#   hdfs dfs -cat "$OUTPUT/part-*" | sed 's/\t$//' > summaries.jsonl
#   briefing build --from-jsonl summaries.jsonl        # pending: --from-jsonl does not exist yet
set -euo pipefail

(($# >= 2 && $# <= 4)) || { sed -n '6,12p' "$0" >&2; exit 2; }
INPUT=$1
OUTPUT=$2
BIN=${3:-target/release/briefing}
CONFIG=${4-briefing.toml}
MAPPER_ARGS=${MAPPER_ARGS:-summarize --jsonl}

if [[ -z ${HADOOP_STREAMING_JAR:-} ]]; then
    for jar in "${HADOOP_HOME:-/opt/hadoop}"/share/hadoop/tools/lib/hadoop-streaming-*.jar; do
        [[ -f $jar ]] && HADOOP_STREAMING_JAR=$jar && break
    done
fi
[[ -n ${HADOOP_STREAMING_JAR:-} ]] || { echo "hadoop_streaming.sh: set HADOOP_STREAMING_JAR (or HADOOP_HOME)" >&2; exit 2; }
[[ -x $BIN ]] || { echo "hadoop_streaming.sh: $BIN: not an executable (build it: cargo build --release)" >&2; exit 2; }

FILES=$BIN
if [[ -n $CONFIG ]]; then
    [[ -f $CONFIG ]] || { echo "hadoop_streaming.sh: $CONFIG: no such file (pass \"\" to ship no config)" >&2; exit 2; }
    # Shipped under its base name; briefing reads ./briefing.toml only under that exact name.
    [[ $(basename "$CONFIG") == briefing.toml ]] || MAPPER_ARGS="$MAPPER_ARGS --config $(basename "$CONFIG")"
    FILES="$FILES,$CONFIG"
fi

# -D options (generic options) must come before the streaming options.
cmd=(hadoop jar "$HADOOP_STREAMING_JAR"
    -D mapreduce.job.name="briefing summarize"
    -files "$FILES"
    -input "$INPUT"
    -output "$OUTPUT"
    -mapper "$(basename "$BIN") $MAPPER_ARGS"
    -numReduceTasks 0
    -cmdenv RAYON_NUM_THREADS=1)

if [[ -n ${DRY_RUN:-} ]]; then
    printf '%q ' "${cmd[@]}"
    echo
else
    "${cmd[@]}"
fi
