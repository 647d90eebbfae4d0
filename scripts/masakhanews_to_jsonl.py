#!/usr/bin/env python3
"""Convert MasakhaNEWS Swahili dev.tsv to newsgraph JSON Lines (on stdout).

Each data row (0-based index among data rows, header excluded) becomes
{"id": "mn-dev-{row}", "title": headline, "text": headline + "\\n\\n" + text,
 "url": url, "lang": "sw"}. The text field is exactly the string that the gold
files in data/eval/masakhanews-dev/ give character offsets into.

The output contains BBC article text: use it for evaluation, never commit it.

Usage (from the repository root):
    python3 scripts/masakhanews_to_jsonl.py [PATH] [--category politics] > /tmp/mn-dev.jsonl
PATH defaults to ../shared/data/masakhanews/dev.tsv relative to the repository root.
"""

import argparse
import csv
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TSV = REPO_ROOT / ".." / "shared" / "data" / "masakhanews" / "dev.tsv"
HEADER = ["category", "headline", "text", "url"]


def article_text(headline: str, text: str) -> str:
    """The text that gold offsets refer to."""
    return headline + "\n\n" + text


def read_rows(path: Path):
    """Yield (row_index, row_dict) for every data row of a MasakhaNEWS TSV."""
    csv.field_size_limit(10**9)
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader, None)
        if header is None:
            raise ValueError(f"{path}: empty file")
        if [h.strip() for h in header] != HEADER:
            raise ValueError(f"{path}: unexpected header {header!r}, expected {HEADER!r}")
        for row_index, row in enumerate(reader):
            if len(row) != len(HEADER):
                raise ValueError(
                    f"{path}: data row {row_index} has {len(row)} fields, expected {len(HEADER)}"
                )
            yield row_index, dict(zip(HEADER, row))


def load_articles(path: Path, category=None):
    """Return {article_id: record} for the rows of the given category (all if None)."""
    out = {}
    for row_index, row in read_rows(path):
        if category is not None and row["category"] != category:
            continue
        out[f"mn-dev-{row_index}"] = {
            "id": f"mn-dev-{row_index}",
            "title": row["headline"],
            "text": article_text(row["headline"], row["text"]),
            "url": row["url"],
            "lang": "sw",
        }
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tsv", nargs="?", default=str(DEFAULT_TSV),
                        help="MasakhaNEWS dev.tsv (default: %(default)s)")
    parser.add_argument("--category", help="keep only rows of this category, e.g. politics")
    args = parser.parse_args(argv)
    path = Path(args.tsv)
    try:
        articles = load_articles(path, args.category)
    except (OSError, ValueError) as e:
        print(f"masakhanews_to_jsonl: {e}", file=sys.stderr)
        return 2
    try:
        for record in articles.values():
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
