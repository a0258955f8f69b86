#!/usr/bin/env python3
"""Run `briefing summarize --jsonl` (or any JSON-lines filter) over a corpus with Spark.

    spark_summarize.py --input corpus.jsonl --output DIR
        [--command "briefing summarize --jsonl"] [--partitions N]
        [--ship FILE ...] [--env KEY=VALUE ...] [--threads N]
        [--allow-bad-lines] [--master URL] [--conf KEY=VALUE ...]

Run it with `spark-submit spark_summarize.py ...` on a cluster, or with a Python that has
pyspark installed (`python spark_summarize.py ...`, local mode, `--master local[2]`).

What it does:
  1. reads --input as text, one record (one JSON article) per line, split into partitions;
  2. pipes each partition through --command, a fresh process per partition, exactly like
     Hadoop Streaming's mapper (one line in, one line out per article, order kept);
  3. writes the command's stdout as part files DIR/part-00000, part-00001, ... (saveAsTextFile;
     DIR must not exist yet).

ORDERING. Within a partition the output is in input order: the command (briefing) keeps the
order of its stdin, and nothing here reorders. `textFile` splits the input into contiguous byte
ranges and there is no shuffle, so today part-00000, part-00001, ... concatenated happen to give
the input order back. Do NOT rely on that: a repartition, a different input format, several
input files or another engine breaks it. The merge step (`briefing build --from-jsonl`, pending)
must sort/merge the records by their "id" and never depend on the order of the part files or of
the lines in them. verify.sh compares records sorted by id for the same reason.

THE PROGRAM. The first word of --command is the program; where it comes from:
  * a relative path with a slash (target/release/briefing, ./briefing): a file on the driver,
    shipped to every worker with SparkContext.addFile (the same mechanism as spark-submit's
    --files) and run from the worker's copy. This is the choice for clusters: nothing needs to
    be installed on the workers (but the binary must run there: same OS/libc as where it was
    built, or a static musl build);
  * an absolute path: used as is, so it must exist at that path on every worker (installed by
    the cluster's image, or local mode, where the worker is this machine);
  * a bare name (briefing): a file of that name shipped with --ship or spark-submit --files
    if there is one, else looked up on the worker's PATH (installed on every worker). In
    cluster deploy mode, where the driver itself runs on the cluster and no local relative
    path exists, ship the binary with `spark-submit --files target/release/briefing` and give
    the bare name: `--command "briefing summarize --jsonl"`.

THE WORKING DIRECTORY of the command is the directory where shipped files land
(SparkFiles.getRootDirectory(): the executor's working directory on a cluster, a temporary
userFiles-* directory in local mode). So ship the configuration with `--ship briefing.toml`
and briefing finds it as ./briefing.toml, or name it by its base name
(`--command "briefing summarize --jsonl --config briefing.toml"`). This mirrors Hadoop
Streaming, whose -files land in the task's working directory. Without a shipped briefing.toml
briefing uses its built-in defaults, which may differ from a local run in a project folder.

WHY NOT `RDD.pipe` ITSELF. PySpark's `rdd.pipe(command)` is the obvious call, and what follows is
the same thing (a process per partition fed by a thread) with four differences that matter here:
  * `rdd.pipe` runs the command with an EMPTY environment unless `env=` is given, and `env=` is
    a dict built on the driver (the driver's PATH and HOME are wrong on a cluster). Here the
    command gets the worker's own environment, plus --env overrides;
  * `rdd.pipe` ignores the exit status unless `checkCode=True`: with the default, a partition
    in which briefing failed silently loses records. Here a non-zero exit fails the task (and
    so the job, after Spark's retries) unless --allow-bad-lines accepts exit status 1 (see below);
  * the program path can only be resolved on the worker (SparkFiles.get), after `rdd.pipe` has
    already taken its command string;
  * `rdd.pipe` lets the command's stderr through unmarked; here each stderr line is prefixed
    with the partition number, because briefing's "line N" counts lines of ITS stdin, i.e. of
    the partition, not of the whole input file.
(Spark's Scala/Java `RDD.pipe(String)` is different again: it splits the command on whitespace,
without shell quoting, and always fails the task on a non-zero exit.)

BAD LINES. `briefing summarize --jsonl` writes every good article, reports each bad line on
stderr and then exits 1. By default that fails the task; Spark retries it
(spark.task.maxFailures, 4 on a cluster, 1 in local[N] mode) and the retries fail the same way,
so the job fails with the last stderr lines in the error. With --allow-bad-lines an exit status
of 1 is accepted: the good records of that partition are kept, the bad lines are only in the
executor's stderr, and the driver reports how many input lines had no output line. Any other
non-zero exit (2: usage, config or I/O error) always fails.

THREADS. briefing summarises in parallel (rayon, one thread per core by default). Spark already
runs one task per core, so each command gets RAYON_NUM_THREADS = --threads (default:
spark.task.cpus, 1 unless configured) to avoid N tasks x N threads on N cores.
"""

import argparse
import os
import shlex
import subprocess
import sys
import threading
from collections import deque

# briefing's exit status for "some input lines could not be summarised; the others were".
BAD_LINES_EXIT = 1
# How many of the command's last stderr lines go into a task failure's message.
STDERR_TAIL = 20


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Pipe a JSON-lines corpus through briefing with Spark.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--input", required=True, help="JSON-lines corpus (any Hadoop path or glob)")
    p.add_argument("--output", required=True, help="output directory for part files (must not exist)")
    p.add_argument(
        "--command",
        default="briefing summarize --jsonl",
        help='the per-partition command, shell-quoted (default: "%(default)s")',
    )
    p.add_argument(
        "--partitions", type=int, default=None,
        help="minimum number of input splits (textFile minPartitions; no shuffle)",
    )
    p.add_argument(
        "--ship", action="append", default=[], metavar="FILE",
        help="a file to copy into every command's working directory (e.g. briefing.toml); repeatable",
    )
    p.add_argument(
        "--env", action="append", default=[], metavar="KEY=VALUE",
        help="an environment variable for the command, on top of the worker's own; repeatable",
    )
    p.add_argument(
        "--threads", type=int, default=None,
        help="RAYON_NUM_THREADS for each command (default: spark.task.cpus)",
    )
    p.add_argument(
        "--allow-bad-lines", action="store_true",
        help="accept exit status 1 (bad input lines, reported on stderr) instead of failing the job",
    )
    p.add_argument(
        "--master", default=None,
        help="Spark master; default: spark-submit's, else local[*]",
    )
    p.add_argument(
        "--conf", action="append", default=[], metavar="KEY=VALUE",
        help="a Spark setting, as spark-submit --conf (e.g. spark.ui.enabled=false); repeatable",
    )
    args = p.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be at least 1")
    if args.threads is not None and args.threads < 1:
        p.error("--threads must be at least 1")
    try:
        args.argv = shlex.split(args.command)  # shell-safe: quotes and escapes, no shell run
    except ValueError as e:
        p.error(f"--command: {e}")
    if not args.argv:
        p.error("--command is empty")
    for flag, items in (("--env", args.env), ("--conf", args.conf)):
        for item in items:
            if "=" not in item or item.startswith("="):
                p.error(f"{flag} {item!r}: expected KEY=VALUE")
    for path in args.ship:
        if not os.path.isfile(path):
            p.error(f"--ship {path}: no such file")
    return args


def plan_program(program, shipped_names):
    """Decides, on the driver, where the program comes from.

    Returns (file_to_ship or None, how) where `how` is ("shipped", base name), ("path", path)
    or ("name", name): see THE PROGRAM above."""
    if os.path.isabs(program):
        return None, ("path", program)
    if "/" in program:
        local = os.path.abspath(program)
        if not os.path.isfile(local):
            raise SystemExit(f"spark_summarize: {program}: no such file (relative to {os.getcwd()})")
        if not os.access(local, os.X_OK):
            raise SystemExit(f"spark_summarize: {program}: not executable")
        return local, ("shipped", os.path.basename(local))
    if program in shipped_names:
        return None, ("shipped", program)
    return None, ("name", program)


def make_partition_runner(argv, how, env_overrides, allow_bad_lines, counters):
    """The function run on the workers for each partition (mapPartitionsWithIndex)."""
    lines_in, lines_out = counters

    def run(index, lines):
        # Imported here: this runs in a Python worker process.
        from pyspark import SparkFiles

        workdir = SparkFiles.getRootDirectory()
        command = list(argv)
        kind, value = how
        if kind == "shipped":
            command[0] = os.path.join(workdir, value)
        elif kind == "name" and os.path.isfile(os.path.join(workdir, value)):
            # Shipped by spark-submit --files rather than --ship: the driver cannot tell.
            command[0] = os.path.join(workdir, value)
        # The worker's own environment (PATH, HOME, ...) passes through; --env overrides it.
        env = dict(os.environ)
        env.update(env_overrides)
        proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=workdir, env=env,
        )

        fed = [0]
        feed_error = []

        def feed():
            # Writes the partition's lines to the command's stdin, then closes it (EOF).
            try:
                for line in lines:
                    proc.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
                    fed[0] += 1
            except BrokenPipeError:
                pass  # the command exited early; its exit status says why
            except BaseException as e:  # reading the input failed: fail the task below
                feed_error.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        tail = deque(maxlen=STDERR_TAIL)

        def drain_stderr():
            # Forwards the command's stderr to the executor's stderr (the task's log), each
            # line marked with the partition: briefing's "line N" counts lines of this
            # partition, not of the whole input.
            for raw in proc.stderr:
                text = raw.decode("utf-8", "replace").rstrip("\n")
                tail.append(text)
                print(f"[partition {index}] {text}", file=sys.stderr, flush=True)

        feeder = threading.Thread(target=feed, daemon=True)
        reader = threading.Thread(target=drain_stderr, daemon=True)
        feeder.start()
        reader.start()

        produced = 0
        for raw in proc.stdout:  # streamed: the partition is never held in memory
            produced += 1
            yield raw.rstrip(b"\n").decode("utf-8")
        status = proc.wait()
        feeder.join()
        reader.join()
        lines_in.add(fed[0])
        lines_out.add(produced)
        if feed_error:
            raise RuntimeError(f"partition {index}: feeding the command failed: {feed_error[0]!r}")
        if status == 0 or (allow_bad_lines and status == BAD_LINES_EXIT):
            return
        last = "\n".join(tail) or "(no stderr)"
        raise RuntimeError(
            f"partition {index}: {shlex.join(command)} exited with status {status} "
            f"after {produced} output line(s) for {fed[0]} input line(s) "
            f"(a \"line N\" below counts lines of this partition); last stderr:\n{last}"
        )

    return run


def start_spark(app, master, confs):
    """A Spark session for a batch job: --master (else spark-submit's, else local[*]), the
    --conf KEY=VALUE settings, no console progress bar, warnings only in the log."""
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    conf = SparkConf()
    if master:
        conf.setMaster(master)
    elif not conf.contains("spark.master"):  # plain `python spark_summarize.py`
        conf.setMaster("local[*]")
    # A batch job: no progress bar (it would interleave with the forwarded stderr lines).
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    for item in confs:
        key, value = item.split("=", 1)
        conf.set(key, value)
    spark = SparkSession.builder.appName(app).config(conf=conf).getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)

    try:
        import pyspark  # noqa: F401  (start_spark imports what it needs)
    except ImportError:
        print(
            f"spark_summarize: pyspark is not installed for {sys.executable}; run this with "
            "spark-submit, or with a venv's python that has it (pip install pyspark)",
            file=sys.stderr,
        )
        return 2

    spark = start_spark("briefing-summarize", args.master, args.conf)
    sc = spark.sparkContext

    shipped_names = set()
    for path in args.ship:
        sc.addFile(os.path.abspath(path))
        shipped_names.add(os.path.basename(path))
    to_ship, how = plan_program(args.argv[0], shipped_names)
    if to_ship is not None:
        sc.addFile(to_ship)

    env = dict(item.split("=", 1) for item in args.env)
    if "RAYON_NUM_THREADS" not in env:
        threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
        env["RAYON_NUM_THREADS"] = str(threads)

    counters = (sc.accumulator(0), sc.accumulator(0))
    # textFile: one element per line, without the newline; contiguous splits, no shuffle.
    if args.partitions:
        lines = sc.textFile(args.input, minPartitions=args.partitions)
    else:
        lines = sc.textFile(args.input)
    runner = make_partition_runner(args.argv, how, env, args.allow_bad_lines, counters)
    results = lines.mapPartitionsWithIndex(runner, preservesPartitioning=True)

    try:
        results.saveAsTextFile(args.output)
    except Exception as e:  # Py4JJavaError and friends: keep the useful part
        # The JVM's message nests the Python traceback in Java stack traces: keep the first
        # RuntimeError raised by run() above (or Spark's own first line) and drop the rest.
        message = str(e)
        for marker in ("RuntimeError: partition", "Job aborted"):
            at = message.find(marker)
            if at >= 0:
                message = message[at:]
                break
        for end in ("\n SQLSTATE", "\n\tat ", "\nCaused by", "\n\t..."):
            cut = message.find(end)
            if cut >= 0:
                message = message[:cut]
        print(f"spark_summarize: job failed: {message[:4000]}", file=sys.stderr)
        spark.stop()
        return 1

    fed, produced = counters[0].value, counters[1].value
    # Accumulators count a retried task twice; with no failure they are exact.
    print(
        f"spark_summarize: {lines.getNumPartitions()} partition(s), {fed} input line(s), "
        f"{produced} output line(s) -> {args.output}",
        file=sys.stderr,
    )
    if produced < fed:
        print(
            f"spark_summarize: {fed - produced} input line(s) gave no output "
            "(accepted with --allow-bad-lines; see the [partition N] lines on stderr)",
            file=sys.stderr,
        )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
