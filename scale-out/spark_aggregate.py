#!/usr/bin/env python3
"""Run briefing's cross-article steps with Spark: the map of every step on the workers, the
reduce on the driver, and the articles' contributions to the model made on the workers.

    spark_aggregate.py --input 'parts/part-*' --output DIR --work DIR
        --briefing target/release/briefing --config briefing.toml
        [--partitions N] [--threads N] [--master URL] [--conf KEY=VALUE ...]

--input is the per-article records of `briefing summarize --jsonl --partial` (for instance the
part files of `spark_summarize.py --command "briefing summarize --jsonl --partial"`). Then:

  1. the records are read once and kept by Spark (persist, memory and disk);
  2. each step: every partition is piped through `briefing aggregate --state STATE` (the map:
     one line, the partition's part of the step), the parts are collected on the driver and
     `briefing aggregate --combine` adds them up into the next state (the reduce: counts and
     fixed-point sums, so neither the partitioning nor the order of the parts matters), which
     is shipped to the workers for the next step. The steps: which articles are kept, the
     document frequencies with the learn stage's first pass, the learn stage's other passes,
     the learned words' forms: about nine, each a pass over the records;
  3. the finish step: every partition gives each kept article's contribution to the model (its
     entry, its offers of theme points, quotes and dates), written as part files to --output;
  4. the merge, on one machine, reads only those:
         briefing build --state WORK/state-final.json --from-jsonl 'OUTPUT/part-*'
     (printed at the end). It holds per article its id and what the model keeps.

--work holds the states and the collected parts of each step, on the driver's disk.
The program and the configuration are shipped to the workers as spark_summarize.py ships them
(see THE PROGRAM there): --briefing is a path on the driver, and the driver runs the reduce
with the same binary. Every step must use the same briefing.toml: the states carry its key
and a step run with another is refused.
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from spark_summarize import make_partition_runner, start_spark  # noqa: E402  (the same pipe)

# More steps than the tool ever needs: a state that never finishes is a bug, not a long run.
MAX_STEPS = 30


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="records of summarize --jsonl --partial (path or glob)")
    p.add_argument("--output", required=True, help="folder for the finish step's part files (must not exist)")
    p.add_argument("--work", required=True, help="folder on the driver for the states and parts")
    p.add_argument("--briefing", required=True, help="the briefing binary on the driver (shipped to workers)")
    p.add_argument("--config", required=True, help="briefing.toml (shipped to workers)")
    p.add_argument("--partitions", type=int, default=None, help="minimum number of input splits")
    p.add_argument("--threads", type=int, default=None, help="RAYON_NUM_THREADS per command (default: spark.task.cpus)")
    p.add_argument("--master", default=None, help="Spark master; default: spark-submit's, else local[*]")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting; repeatable")
    args = p.parse_args(argv)
    for path in (args.briefing, args.config):
        if not os.path.isfile(path):
            p.error(f"{path}: no such file")
    return args


def combine(binary, config, state, parts, out):
    """The reduce, on the driver: the parts into the next state, written to `out`."""
    command = [binary, "aggregate", "--combine", "--config", config]
    if state:
        command += ["--state", state]
    with open(out, "wb") as f:
        done = subprocess.run(command + parts, stdout=f, stderr=subprocess.PIPE)
    sys.stderr.write(done.stderr.decode("utf-8", "replace"))
    if done.returncode != 0:
        raise SystemExit(f"spark_aggregate: the reduce failed (exit {done.returncode}): {' '.join(command)}")


def stage(path):
    import json

    with open(path, encoding="utf-8") as f:
        return json.load(f)["stage"]


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark import StorageLevel

    spark = start_spark("briefing-aggregate", args.master, args.conf)
    sc = spark.sparkContext
    sc.addPyFile(os.path.join(HERE, "spark_summarize.py"))

    binary = os.path.abspath(args.briefing)
    config = os.path.abspath(args.config)
    sc.addFile(binary)
    sc.addFile(config)
    name, config_name = os.path.basename(binary), os.path.basename(config)
    threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    env = {"RAYON_NUM_THREADS": str(threads)}

    os.makedirs(args.work, exist_ok=True)
    if args.partitions:
        records = sc.textFile(args.input, minPartitions=args.partitions)
    else:
        records = sc.textFile(args.input)
    records.persist(StorageLevel.MEMORY_AND_DISK)

    state = None
    for step in range(MAX_STEPS):
        argv = [name, "aggregate", "--config", config_name]
        if state:
            # Each state has its own name: Spark ships a file name once.
            argv += ["--state", os.path.basename(state)]
        counters = (sc.accumulator(0), sc.accumulator(0))
        runner = make_partition_runner(argv, ("shipped", name), env, False, counters)
        lines = records.mapPartitionsWithIndex(runner).collect()
        parts = []
        for i, line in enumerate(lines):
            path = os.path.join(args.work, f"part-{step:02d}-{i:05d}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(line + "\n")
            parts.append(path)
        following = os.path.join(args.work, f"state-{step:02d}.json")
        combine(binary, config, state, parts, following)
        state = following
        print(f"spark_aggregate: step {step}: {len(parts)} part(s) -> next: {stage(state)}", file=sys.stderr)
        if stage(state) == "finish":
            break
        sc.addFile(os.path.abspath(state))
    else:
        raise SystemExit(f"spark_aggregate: no finish after {MAX_STEPS} steps")

    final = os.path.join(args.work, "state-final.json")
    os.replace(state, final)
    sc.addFile(os.path.abspath(final))
    argv = [name, "aggregate", "--config", config_name, "--state", "state-final.json"]
    counters = (sc.accumulator(0), sc.accumulator(0))
    runner = make_partition_runner(argv, ("shipped", name), env, False, counters)
    records.mapPartitionsWithIndex(runner).saveAsTextFile(args.output)
    print(
        f"spark_aggregate: {records.getNumPartitions()} partition(s), {counters[1].value} "
        f"contribution(s) -> {args.output}; merge with:\n"
        f"  briefing build --state {final} --from-jsonl {args.output}/part-*",
        file=sys.stderr,
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
