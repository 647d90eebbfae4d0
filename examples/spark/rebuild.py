#!/usr/bin/env python3
"""Archive rebuild on Apache Spark: JSON Lines articles in, N-Quads parts out.

Each partition of the input lines is piped through `newsgraph extract --format nquads -`
(`RDD.pipe`), which reads JSON Lines on stdin a line at a time and writes each article's quads
as soon as it is extracted. The parts are then joined outside Spark by `newsgraph merge`, which
merges people across all articles; that gives the graph one `newsgraph ingest` of the same
articles gives (see README.md beside this file, and tests/spark.rs, which checks it).

Usage (local mode; on a cluster see README.md):
  spark-submit --master 'local[2]' examples/spark/rebuild.py \
      --newsgraph target/release/newsgraph --partitions 4 articles.jsonl parts/

Options:
  --newsgraph PATH   the newsgraph binary as the executors see it (default: $NEWSGRAPH, else
                     `newsgraph` on the PATH). With the binary shipped by `--files newsgraph`,
                     use `./newsgraph`: Spark puts shipped files in each executor's working
                     directory.
  --partitions N     how many parts (and so how many extract processes); default: Spark's
                     default parallelism.
  --extract-args=S   more `extract` options, as one string after `=` (argparse would take a
                     value starting with `--` for an option): `--extract-args='--rdf11 --lang
                     sw'`; also `--date 2024-01-01`, `--lexicon FILE`. Give `ingest` the same
                     ones if you compare.

Inputs are anything `SparkContext.textFile` reads (files, directories, globs, hdfs://, s3a://),
one JSON object per line. Blank lines are dropped; a line that is not a JSON object is counted
and dropped (as `ingest` skips it) rather than piped, because `extract` reads a stdin whose
first non-blank character is not `{` as one plain-text article. The output directory must not
exist yet.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import zlib

from pyspark.sql import SparkSession


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Extract JSON Lines articles to N-Quads parts with newsgraph on Spark."
    )
    p.add_argument("inputs", nargs="+", help="JSON Lines files, directories or globs")
    p.add_argument("output", help="directory for the N-Quads parts (must not exist)")
    p.add_argument("--newsgraph", default=os.environ.get("NEWSGRAPH", "newsgraph"))
    p.add_argument("--partitions", type=int, default=0)
    p.add_argument("--extract-args", default="")
    args = p.parse_args(argv)
    if args.partitions < 0:
        p.error("--partitions must not be negative (0: Spark's default parallelism)")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    spark = SparkSession.builder.appName("newsgraph-rebuild").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    # shlex.quote keeps a binary path with spaces one word: pipe splits its command with shlex.
    command = " ".join(
        [shlex.quote(args.newsgraph), "extract", "--format", "nquads"]
        + [shlex.quote(a) for a in shlex.split(args.extract_args)]
        + ["-"]
    )
    # pipe runs the command with exactly this environment (none when not given). PATH is passed
    # so that a bare `newsgraph` is looked up there; nothing else is needed by extract.
    env = {"PATH": os.environ.get("PATH", os.defpath)}

    dropped = sc.accumulator(0)

    def is_article(line: str) -> bool:
        stripped = line.strip()
        if not stripped:
            return False
        if not stripped.startswith("{"):
            dropped.add(1)
            return False
        return True

    lines = sc.textFile(",".join(args.inputs)).filter(is_article)
    partitions = args.partitions or sc.defaultParallelism
    # Lines are spread by a hash of their text, not with repartition: PySpark's repartition moves
    # batches of ten lines, so a small input would all land in one part. The same input always
    # puts the same lines in the same parts.
    spread = (
        lines.keyBy(lambda line: zlib.crc32(line.encode("utf-8")))
        .partitionBy(partitions, lambda key: key)
        .values()
    )
    # checkCode: a failing extract (a missing binary, a bad --extract-args) fails the task and so
    # the job, instead of leaving a part silently empty.
    quads = spread.pipe(command, env=env, checkCode=True)
    quads.saveAsTextFile(args.output)

    if dropped.value:
        print(
            f"rebuild: {dropped.value} line(s) dropped: not a JSON object",
            file=sys.stderr,
        )
    print(f"rebuild: {partitions} part(s) written to {args.output}", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
