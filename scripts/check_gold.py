#!/usr/bin/env python3
"""Validate the hand-annotated relation gold standard in data/eval/.

Checks every gold file (default: data/eval/masakhanews-dev/*.json):

  * the file is JSON with the fields article, url, annotator, entities, relations
    (not_annotated optional) and its name is {article}.json;
  * entity ids are unique, entity types are allowed, states and alliances carry a
    Wikidata QID (alliances may lack one when the lexicon has none), aliases are a
    list of strings;
  * every relation names existing entities, its predicate is in the vocabulary of
    data/ontology.ttl and its subject/object types fit the predicate's domain and
    range; title/former/optional/note have the right types; no relation is listed twice;
  * evidence spans have at most 8 words and, when the MasakhaNEWS dev.tsv is
    available, text[start:end] == evidence for every relation (and not_annotated
    entry), every alias occurs in the text, and url matches the TSV row.

The article text is headline + "\\n\\n" + text of data row N (0-based, header
excluded) for id mn-dev-N, exactly as scripts/masakhanews_to_jsonl.py builds it.

Usage (from the repository root):
    python3 scripts/check_gold.py [--tsv PATH] [--summary] [FILE|DIR ...]
Exit status: 0 all files valid, 1 validation errors, 2 bad usage.
"""

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))
from masakhanews_to_jsonl import DEFAULT_TSV, load_articles  # noqa: E402

DEFAULT_GOLD = REPO_ROOT / "data" / "eval" / "masakhanews-dev"
ONTOLOGY = REPO_ROOT / "data" / "ontology.ttl"
MAX_EVIDENCE_WORDS = 8

ENTITY_TYPES = ("person", "state", "alliance", "organisation", "place")
SCORED_TYPES = ("person", "state", "alliance")
ALL = set(ENTITY_TYPES)
ORG_LIKE = {"state", "alliance", "organisation"}
# Domain and range of each relation, following data/ontology.ttl (alliances are
# organisations; schema:Thing admits every type).
SIGNATURES = {
    "holdsPositionIn": ({"person"}, ORG_LIKE),
    "memberOf": ({"state"}, {"alliance"}),
    "partOf": ({"organisation"}, ORG_LIKE),
    "metWith": ({"person", "state"}, {"person", "state"}),
    "cooperatesWith": ({"state", "alliance"}, {"state", "alliance"}),
    "signedAgreementWith": ({"state"}, {"state"}),
    "hosted": (ALL, ALL),
    "visited": (ALL, {"state"}),
    "criticized": (ALL, ALL),
    "supports": (ALL, ALL),
    "threatened": (ALL, ALL),
    "sanctioned": (ALL, ALL),
    "attacked": (ALL, ALL),
    "appointed": ({"person"}, {"person"}),
    "succeeded": ({"person"}, {"person"}),
}
SYMMETRIC = {"metWith", "cooperatesWith", "signedAgreementWith"}
TITLED = {"holdsPositionIn", "appointed", "succeeded"}
REL_KEYS = {"subject", "predicate", "object", "title", "former", "optional", "evidence", "start",
            "end", "note"}
ENTITY_KEYS = {"id", "type", "name", "qid", "aliases", "note"}
DOC_KEYS = {"article", "url", "annotator", "entities", "relations", "not_annotated"}


def ontology_vocabulary(path: Path):
    """The ng: object properties declared in the ontology (None if it cannot be read)."""
    try:
        ttl = path.read_text(encoding="utf-8")
    except OSError:
        return None
    return set(re.findall(r"^ng:(\w+)\s*\n\s*a owl:ObjectProperty", ttl, flags=re.M))


def word_count(s: str) -> int:
    return len(s.split())


class Checker:
    def __init__(self, articles, vocabulary):
        self.articles = articles  # None when dev.tsv is unavailable
        self.vocabulary = vocabulary
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def check_file(self, path: Path):
        where = str(path)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            self.err(where, f"cannot parse JSON: {e}")
            return None
        if not isinstance(doc, dict):
            self.err(where, "top level is not an object")
            return None
        for k in ("article", "url", "annotator", "entities", "relations"):
            if k not in doc:
                self.err(where, f"missing field {k!r}")
        for k in doc:
            if k not in DOC_KEYS:
                self.err(where, f"unknown field {k!r}")
        aid = doc.get("article")
        if not isinstance(aid, str) or not re.fullmatch(r"mn-dev-\d+", aid):
            self.err(where, f"article id {aid!r} is not mn-dev-N")
        elif path.stem != aid:
            self.err(where, f"file name does not match article id {aid!r}")
        text = None
        if self.articles is not None and isinstance(aid, str):
            rec = self.articles.get(aid)
            if rec is None:
                self.err(where, f"{aid} is not a row of dev.tsv")
            else:
                text = rec["text"]
                if doc.get("url") != rec["url"]:
                    self.err(where, f"url {doc.get('url')!r} differs from dev.tsv {rec['url']!r}")

        entities = {}
        ents = doc.get("entities")
        if not isinstance(ents, list):
            self.err(where, "entities is not a list")
            ents = []
        for i, e in enumerate(ents):
            ew = f"{where}: entities[{i}]"
            if not isinstance(e, dict):
                self.err(ew, "not an object")
                continue
            for k in e:
                if k not in ENTITY_KEYS:
                    self.err(ew, f"unknown field {k!r}")
            eid = e.get("id")
            if not isinstance(eid, str) or not eid:
                self.err(ew, "missing id")
                continue
            if eid in entities:
                self.err(ew, f"duplicate entity id {eid!r}")
            entities[eid] = e
            etype = e.get("type")
            if etype not in ENTITY_TYPES:
                self.err(ew, f"type {etype!r} not in {ENTITY_TYPES}")
            if not isinstance(e.get("name"), str) or not e["name"].strip():
                self.err(ew, "missing name")
            qid = e.get("qid")
            if qid is not None and not (isinstance(qid, str) and re.fullmatch(r"Q\d+", qid)):
                self.err(ew, f"bad qid {qid!r}")
            if etype == "state" and qid is None:
                self.err(ew, "state without qid")
            aliases = e.get("aliases")
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
                self.err(ew, "aliases must be a list of non-empty strings")
                aliases = []
            if len(set(aliases)) != len(aliases):
                self.err(ew, "duplicate aliases")
            if text is not None:
                for a in aliases:
                    if a not in text:
                        self.err(ew, f"alias {a!r} does not occur in the text")

        seen = {}
        rels = doc.get("relations")
        if not isinstance(rels, list):
            self.err(where, "relations is not a list")
            rels = []
        for i, r in enumerate(rels):
            key = self.check_relation(f"{where}: relations[{i}]", r, entities, text, negative=False)
            if key is not None:
                if key in seen:
                    self.err(f"{where}: relations[{i}]", f"duplicate of relations[{seen[key]}]")
                seen.setdefault(key, i)
        neg = doc.get("not_annotated", [])
        if not isinstance(neg, list):
            self.err(where, "not_annotated is not a list")
            neg = []
        for i, r in enumerate(neg):
            self.check_relation(f"{where}: not_annotated[{i}]", r, entities, text, negative=True)
        return doc

    def check_relation(self, where, r, entities, text, negative):
        if not isinstance(r, dict):
            self.err(where, "not an object")
            return None
        allowed = REL_KEYS | ({"reason"} if negative else set())
        for k in r:
            if k not in allowed:
                self.err(where, f"unknown field {k!r}")
        if negative and not (isinstance(r.get("reason"), str) and r["reason"].strip()):
            self.err(where, "not_annotated entry without reason")
        pred = r.get("predicate")
        if pred not in SIGNATURES or (self.vocabulary is not None and pred not in self.vocabulary):
            self.err(where, f"predicate {pred!r} not in the vocabulary")
        ok = True
        for end in ("subject", "object"):
            eid = r.get(end)
            if eid not in entities:
                self.err(where, f"{end} {eid!r} is not an entity of this article")
                ok = False
        # not_annotated entries may break the signature: that is often why they are not annotated
        if ok and pred in SIGNATURES and not negative:
            dom, rng = SIGNATURES[pred]
            st, ot = entities[r["subject"]].get("type"), entities[r["object"]].get("type")
            if st not in dom:
                self.err(where, f"{pred} subject {r['subject']} has type {st}, expected {sorted(dom)}")
            if ot not in rng:
                self.err(where, f"{pred} object {r['object']} has type {ot}, expected {sorted(rng)}")
            if r["subject"] == r["object"]:
                self.err(where, "subject and object are the same entity")
        if "title" in r:
            if not (isinstance(r["title"], str) and r["title"].strip()):
                self.err(where, "title must be a non-empty string")
            if pred not in TITLED:
                self.err(where, f"title on {pred}")
        elif pred == "holdsPositionIn" and not negative:
            self.err(where, "holdsPositionIn without title")
        for flag in ("former", "optional"):
            if flag in r and r[flag] is not True:
                self.err(where, f"{flag} must be true when present")
        if "former" in r and pred != "holdsPositionIn":
            self.err(where, f"former on {pred}")
        if "note" in r and not isinstance(r["note"], str):
            self.err(where, "note must be a string")
        ev, start, end = r.get("evidence"), r.get("start"), r.get("end")
        if not isinstance(ev, str) or not ev.strip():
            self.err(where, "missing evidence")
        else:
            if word_count(ev) > MAX_EVIDENCE_WORDS:
                self.err(where, f"evidence has {word_count(ev)} words (max {MAX_EVIDENCE_WORDS})")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            self.err(where, f"bad offsets start={start!r} end={end!r}")
        elif isinstance(ev, str):
            if end - start != len(ev):
                self.err(where, f"end - start = {end - start} but evidence has {len(ev)} characters")
            if text is not None and text[start:end] != ev:
                self.err(where, f"text[{start}:{end}] = {text[start:end]!r} != evidence {ev!r}")
        if not ok or negative:
            return None
        s, o = r["subject"], r["object"]
        if pred in SYMMETRIC:
            s, o = sorted((s, o))
        return (s, pred, o, r.get("title"), r.get("former", False))


def collect(paths):
    files = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(p.glob("*.json")))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(p)
    return files


def row_of(doc):
    return int(doc["article"].rsplit("-", 1)[1])


def is_scored(doc, r):
    """A relation is scored when both ends are persons, states or alliances."""
    types = {e["id"]: e["type"] for e in doc["entities"]}
    return types[r["subject"]] in SCORED_TYPES and types[r["object"]] in SCORED_TYPES


def summary(docs):
    """Per-article and total counts (required relations; optional ones in brackets)."""
    lines = []
    tot_e, tot_r, tot_o = Counter(), Counter(), Counter()
    tot_scored = 0
    for doc in sorted(docs, key=row_of):
        e = Counter(x["type"] for x in doc["entities"])
        req = Counter(r["predicate"] for r in doc["relations"] if not r.get("optional"))
        opt = Counter(r["predicate"] for r in doc["relations"] if r.get("optional"))
        scored = sum(1 for r in doc["relations"] if not r.get("optional") and is_scored(doc, r))
        tot_e.update(e)
        tot_r.update(req)
        tot_o.update(opt)
        tot_scored += scored
        ents = ", ".join(f"{t} {e[t]}" for t in ENTITY_TYPES if e[t])
        rels = ", ".join(f"{p} {req[p]}" + (f" (+{opt[p]})" if opt[p] else "")
                         for p in SIGNATURES if req[p] or opt[p])
        lines.append(f"{doc['article']}: {sum(req.values())} relations ({scored} scored, "
                     f"+{sum(opt.values())} optional), {len(doc.get('not_annotated', []))} not_annotated; "
                     f"entities: {ents}; {rels}")
    lines.append(f"TOTAL {len(docs)} articles; entities: "
                 + ", ".join(f"{t} {tot_e[t]}" for t in ENTITY_TYPES)
                 + f"; relations {sum(tot_r.values())} ({tot_scored} scored, "
                 + f"+{sum(tot_o.values())} optional): "
                 + ", ".join(f"{p} {tot_r[p]}" + (f" (+{tot_o[p]})" if tot_o[p] else "")
                             for p in SIGNATURES if tot_r[p] or tot_o[p]))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", default=[str(DEFAULT_GOLD)],
                    help="gold files or directories (default: %(default)s)")
    ap.add_argument("--tsv", default=str(DEFAULT_TSV),
                    help="MasakhaNEWS dev.tsv for the offset checks (default: %(default)s)")
    ap.add_argument("--summary", action="store_true", help="print per-article and total counts")
    args = ap.parse_args(argv)
    try:
        files = collect(args.paths)
    except FileNotFoundError as e:
        print(f"check_gold: no such file or directory: {e}", file=sys.stderr)
        return 2
    if not files:
        print("check_gold: no gold files found", file=sys.stderr)
        return 2
    articles = None
    if Path(args.tsv).is_file():
        try:
            articles = load_articles(Path(args.tsv))
        except (OSError, ValueError) as e:
            print(f"check_gold: {e}", file=sys.stderr)
            return 2
    else:
        print(f"check_gold: {args.tsv} not found: offsets, aliases and urls are not checked against the text",
              file=sys.stderr)
    vocabulary = ontology_vocabulary(ONTOLOGY)
    if vocabulary is not None and vocabulary != set(SIGNATURES):
        print(f"check_gold: warning: ontology vocabulary {sorted(vocabulary)} differs from the checker's "
              f"{sorted(SIGNATURES)}", file=sys.stderr)
    checker = Checker(articles, vocabulary)
    docs = [d for d in (checker.check_file(f) for f in files) if d is not None]
    for e in checker.errors:
        print(e)
    if args.summary and not checker.errors:
        print(summary(docs))
    status = "ok" if not checker.errors else f"{len(checker.errors)} error(s)"
    print(f"check_gold: {len(files)} file(s), {status}"
          + ("" if articles is not None else " (text checks skipped)"), file=sys.stderr)
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
