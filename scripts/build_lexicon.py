#!/usr/bin/env python3
"""Build the entity lexicon: data/lexicon/entities/{states,alliances,places}.toml.

Inputs (read-only, outside the repository; default ../shared/data relative to the repo root):
  cldr/sw_territories.tsv          Unicode CLDR 49 territory names, English and Swahili (Unicode licence)
  wikidata/alias_en.txt            English names and aliases per Wikidata item (CC0)
  wikidata/alias_sw.txt            Swahili names per Wikidata item (CC0)
  wikidata/facts/P463.jsonl        "member of" facts (CC0)
  wikidata/facts/P36.jsonl         "capital" facts (CC0)
  wikidata/facts/P1376.jsonl       "capital of" facts (CC0)
and the hand-written files data/lexicon/curated/*.toml (roster, press forms, alliances, places, junk
filters). Only facts are taken from the outside sources: names, codes, QIDs, memberships, capitals.

The output is deterministic: entries are sorted by id, names keep a fixed order (canonical, curated,
CLDR, Wikidata in file order), and nothing depends on time or hashing. Re-running gives identical bytes.

Usage:
  python3 scripts/build_lexicon.py [--shared DIR] [--out DIR] [--check] [--quiet]

--check re-reads the written files with tomllib and verifies them (ids, members, QIDs, name collisions).
Python 3.11+, standard library only.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data"
CURATED = REPO / "data" / "lexicon" / "curated"
OUT = REPO / "data" / "lexicon" / "entities"

QID_RE = re.compile(r"^Q[1-9][0-9]*$")
SOURCES = [
    "# Sources: Unicode CLDR 49 territory names (cldr/sw_territories.tsv, Unicode licence); Wikidata",
    "# (CC0) names and aliases (alias_en.txt, alias_sw.txt) and facts P463 member of, P36 capital,",
    "# P1376 capital of; hand-curated data/lexicon/curated/*.toml. Facts only; see data/NOTICE.md.",
]

# Source ranks, used to resolve name collisions: curated names win over derived ones.
CURATED_SRC = "curated"
DERIVED_SRC = "derived"
KIND_RANK = {"state": 0, "alliance": 1, "place": 2}

warnings: list[str] = []


def warn(msg: str) -> None:
    warnings.append(msg)


# ----------------------------------------------------------------------------------------------------
# Loading


def load_alias_file(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and QID_RE.match(parts[0]):
                out[parts[0]] = [p for p in parts[1:] if p]
    return out


def load_facts(path: Path) -> list[tuple[str, str, str, str]]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            out.append((d["sub_uri"], d.get("sub_label", ""), d["obj_uri"], d.get("obj_label", "")))
    return out


def load_cldr(path: Path) -> dict[str, tuple[str, str]]:
    out = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["kind"] == "country":
                out[row["code"]] = (row["name_en"], row["name_sw"])
    return out


def load_curated(cdir: Path) -> dict:
    merged: dict = {"roster": {}, "state": [], "alliance": [], "place": [], "filters": {}, "capital_facts": {}}
    files = sorted(cdir.glob("*.toml"))
    if not files:
        sys.exit(f"no curated files in {cdir}")
    for path in files:
        with path.open("rb") as f:
            d = tomllib.load(f)
        for key, val in d.items():
            if key not in merged:
                sys.exit(f"{path.name}: unknown top-level key {key!r}")
            if isinstance(merged[key], list):
                merged[key].extend(val)
                continue
            for k, v in val.items():  # tables: lists are concatenated, other values must be unique
                if k not in merged[key]:
                    merged[key][k] = v
                elif isinstance(v, list) and isinstance(merged[key][k], list):
                    merged[key][k] = merged[key][k] + v
                else:
                    sys.exit(f"{path.name}: duplicate key {key}.{k}")
    for kind in ("state", "alliance", "place"):
        seen = set()
        for e in merged[kind]:
            if "id" not in e:
                sys.exit(f"curated {kind} without id: {e}")
            if e["id"] in seen:
                sys.exit(f"duplicate curated {kind} id {e['id']}")
            seen.add(e["id"])
    return merged


# ----------------------------------------------------------------------------------------------------
# Name handling

ALLOWED_PUNCT = set(" -'’.ʻ")


def is_latin_name(name: str) -> bool:
    for ch in name:
        if ch in ALLOWED_PUNCT:
            continue
        if not ch.isalpha():
            return False
        if "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def wikidata_name_ok(name: str) -> bool:
    """Generic junk filter for Wikidata aliases (curated names bypass it)."""
    if not name or name != name.strip() or "  " in name:
        return False
    if not name[0].isupper():  # lowercase codes ("jp"), "the US", ordinary words
        return False
    if not is_latin_name(name):  # flags, emoji, digits, commas, brackets, other scripts
        return False
    if not any(c.islower() for c in name):  # codes and acronyms: JPN, DPRK, U.S.A.
        return False
    if len(name) < 3:
        return False
    return True


def fold(name: str) -> str:
    """Key for spotting variants that differ only in case, accents, spacing or punctuation."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "".join(c for c in s.casefold() if c.isalnum())


def cldr_variants(name: str) -> list[str]:
    """Clean a CLDR display name into press-like names."""
    if not name:
        return []
    out = []
    n = name.replace(" & ", " and ")
    n = re.sub(r"\s+-\s+", "-", n)  # "Congo - Kinshasa" -> "Congo-Kinshasa"
    m = re.match(r"^(.*?) \((.*)\)$", n)  # "Myanmar (Burma)"
    parts = [m.group(1), m.group(2)] if m else [n]
    for p in parts:
        p = p.replace(" SAR China", "")
        if p.startswith("St. "):
            out.append("Saint " + p[4:])
        out.append(p)
        if "’" in p:
            out.append(p.replace("’", "'"))
    seen = []
    for p in out:
        if p not in seen:
            seen.append(p)
    return seen


class Names:
    """Ordered, de-duplicated list of names with their source."""

    def __init__(self, drop: set[str]):
        self.items: list[str] = []
        self.src: dict[str, str] = {}
        self.keys: set[str] = set()
        self.drop = drop

    def add_curated(self, name: str) -> None:
        name = name.strip()
        if not name:
            return
        if name in self.src:
            self.src[name] = CURATED_SRC
            return
        self.items.append(name)
        self.src[name] = CURATED_SRC
        self.keys.add(fold(name))

    def add_derived(self, name: str, check=wikidata_name_ok) -> None:
        name = name.strip()
        if not name or name in self.src or name in self.drop:
            return
        if check is not None and not check(name):
            return
        k = fold(name)
        if not k or k in self.keys:
            return
        self.items.append(name)
        self.src[name] = DERIVED_SRC
        self.keys.add(k)

    def remove(self, name: str) -> None:
        if name in self.src:
            self.items.remove(name)
            del self.src[name]
            self.keys = {fold(n) for n in self.items}


# ----------------------------------------------------------------------------------------------------
# Building


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def build_states(cur, cldr, al_en, al_sw, gdrop_en, gdrop_sw):
    roster = cur["roster"]
    by_id = {e["id"]: e for e in cur["state"]}
    for sid in by_id:
        if sid not in roster:
            sys.exit(f"curated state {sid} is not in roster.toml")
    states = {}
    for sid in sorted(roster):
        iso3, qid, status = roster[sid]
        if status not in ("member", "observer", "other"):
            sys.exit(f"roster {sid}: bad status {status}")
        if not QID_RE.match(qid):
            sys.exit(f"roster {sid}: bad QID {qid}")
        c = by_id.get(sid, {})
        cl_en, cl_sw = cldr.get(sid, ("", ""))
        en = c.get("en") or (cldr_variants(cl_en) or [None])[0]
        sw = c.get("sw") or (cldr_variants(cl_sw) or [None])[0]
        if not en or not sw:
            sys.exit(f"state {sid}: no English or Swahili name (add one to curated/states.toml)")
        if qid not in al_en:
            warn(f"state {sid}: {qid} not found in alias_en.txt")
        elif en not in al_en[qid] and cl_en not in al_en[qid]:
            warn(f"state {sid}: {qid} aliases do not contain {en!r}")
        drop_en = gdrop_en | set(c.get("drop_en", []))
        drop_sw = gdrop_sw | set(c.get("drop_sw", []))
        ne = Names(drop_en)
        ne.add_curated(en)
        for n in c.get("names_en", []):
            ne.add_curated(n)
        for n in cldr_variants(cl_en):
            ne.add_derived(n, check=None)
        for n in al_en.get(qid, []):
            ne.add_derived(n)
        ns = Names(drop_sw)
        ns.add_curated(sw)
        for n in c.get("names_sw", []):
            ns.add_curated(n)
        for n in cldr_variants(cl_sw):
            ns.add_derived(n, check=None)
        for n in al_sw.get(qid, []):
            ns.add_derived(n)
        states[sid] = {
            "id": sid,
            "iso3": iso3,
            "qid": qid,
            "status": status,
            "en": en,
            "sw": sw,
            "names_en": ne,
            "names_sw": ns,
            "demonyms_en": list(c.get("demonyms_en", [])),
            "demonyms_sw": list(c.get("demonyms_sw", [])),
            "cldr_sw": (cldr_variants(cl_sw) or [None])[0],
            "note": c.get("note"),
            "comment": c.get("comment"),
        }
    return states


def build_alliances(cur, states, al_en, al_sw, p463, gdrop_en, gdrop_sw):
    qid_to_state = {s["qid"]: sid for sid, s in states.items()}
    ids = {a["id"] for a in cur["alliance"]}
    out = {}
    for a in sorted(cur["alliance"], key=lambda e: e["id"]):
        aid = a["id"]
        qid = a.get("qid")
        if qid is not None:
            if not QID_RE.match(qid):
                sys.exit(f"alliance {aid}: bad QID {qid}")
            if qid not in al_en and a.get("qid_source") is None:
                warn(f"alliance {aid}: {qid} not in alias_en.txt (set qid_source to acknowledge)")
        else:
            warn(f"alliance {aid}: no QID (not in alias_en.txt)")
        if a.get("part_of") and a["part_of"] not in ids:
            sys.exit(f"alliance {aid}: part_of {a['part_of']} is not an alliance id")
        ne = Names(gdrop_en | set(a.get("drop_en", [])))
        ne.add_curated(a["en"])
        for n in a.get("names_en", []):
            ne.add_curated(n)
        for n in al_en.get(qid, []) if qid else []:
            ne.add_derived(n)
        ns = Names(gdrop_sw | set(a.get("drop_sw", [])))
        ns.add_curated(a["sw"])
        for n in a.get("names_sw", []):
            ns.add_curated(n)
        for n in al_sw.get(qid, []) if qid else []:
            ns.add_derived(n)

        members = set(a.get("members", []))
        if "members_from_roster" in a:
            st = a["members_from_roster"]
            members |= {sid for sid, s in states.items() if s["status"] == st}
        not_members = set(a.get("not_members", []))
        confirmed, added = set(), set()
        if qid:
            for sub, _sl, obj, _ol in p463:
                if obj == qid and sub in qid_to_state:
                    sid = qid_to_state[sub]
                    if sid in not_members:
                        continue
                    if sid in members:
                        confirmed.add(sid)
                    else:
                        added.add(sid)
        for sid in sorted(added):
            warn(f"alliance {aid}: P463 adds member {sid} not in the curated list")
        members |= added
        members -= not_members
        for sid in members:
            if sid not in states:
                sys.exit(f"alliance {aid}: member {sid} is not a state id")
        for sid in not_members:
            if sid not in states:
                sys.exit(f"alliance {aid}: not_members {sid} is not a state id")
        out[aid] = {
            "id": aid,
            "qid": qid,
            "en": a["en"],
            "sw": a["sw"],
            "names_en": ne,
            "names_sw": ns,
            "members": sorted(members),
            "p463_confirmed": sorted(confirmed | added),
            "part_of": a.get("part_of"),
            "as_of": a.get("as_of"),
            "comment": a.get("comment"),
        }
    return out


def clean_place_label(label: str) -> str:
    return label.split(",")[0].strip()


def place_alias_check(label: str):
    """Wikidata's English aliases of cities are full of historical and foreign names (Leopoldville,
    Pressburg, Wien). Keep only spelling variants of the label (Tirane, Berne, Asmera) and "<label> City"."""
    base = fold(label)

    def ok(name: str) -> bool:
        if not wikidata_name_ok(name):
            return False
        if name == label + " City":
            return True
        return difflib.SequenceMatcher(None, fold(name), base).ratio() >= 0.8

    return ok


def build_places(cur, states, al_en, al_sw, p36, p1376, gdrop_en, gdrop_sw):
    qid_to_state = {s["qid"]: sid for sid, s in states.items()}
    reject = {tuple(r) for r in cur["capital_facts"].get("reject", [])}
    for q, sid in reject:
        if sid not in states:
            sys.exit(f"capital_facts.reject: {sid} is not a state id")

    # capital candidates: city QID -> (state id, label), from P36 (preferred label) then P1376
    cands: dict[tuple[str, str], str] = {}
    for sub, _sl, obj, ol in p36:
        if sub in qid_to_state:
            key = (obj, qid_to_state[sub])
            cands.setdefault(key, ol)
    for sub, sl, obj, _ol in p1376:
        if obj in qid_to_state:
            key = (sub, qid_to_state[obj])
            cands.setdefault(key, sl)

    curated = {p["id"]: p for p in cur["place"]}
    cur_by_qid = {}
    for p in cur["place"]:
        if p.get("state") not in states:
            sys.exit(f"place {p['id']}: state {p.get('state')} is not a state id")
        if p["id"] != slug(p["id"]) or not p["id"]:
            sys.exit(f"place {p['id']}: id must be a lowercase ascii slug")
        if "qid" in p:
            if not QID_RE.match(p["qid"]):
                sys.exit(f"place {p['id']}: bad QID {p['qid']}")
            if p["qid"] in cur_by_qid:
                sys.exit(f"places {p['id']} and {cur_by_qid[p['qid']]['id']} share {p['qid']}")
            cur_by_qid[p["qid"]] = p
            if p["qid"] not in al_en:
                warn(f"place {p['id']}: {p['qid']} not in alias_en.txt")

    specs = []  # (id, qid, en, sw, curated names_en, names_sw, state, capital, metonym, comment, curated?)
    for p in cur["place"]:
        specs.append(dict(p, _curated=True))
    used_facts = 0
    for (cq, sid), label in sorted(cands.items()):
        if (cq, sid) in reject:
            continue
        used_facts += 1
        if cq in cur_by_qid:
            p = cur_by_qid[cq]
            if p["state"] != sid:
                warn(f"capital fact {cq} -> {sid} conflicts with curated place {p['id']} (state {p['state']})")
            continue
        if cq in qid_to_state:  # city-state: the capital is the state itself
            continue
        en = clean_place_label(label)
        specs.append({"id": slug(en), "qid": cq, "en": en, "state": sid, "capital": True,
                      "metonym": False, "_curated": False})
    # one generated place may serve two states (e.g. a capital fact listed twice): merge by qid
    merged: dict[str, dict] = {}
    for s in specs:
        key = s["id"]
        if key in merged:
            if merged[key].get("qid") == s.get("qid") and not s["_curated"]:
                warn(f"place {key}: capital of both {merged[key]['state']} and {s['state']}; kept {merged[key]['state']}")
                continue
            sys.exit(f"duplicate place id {key} ({merged[key].get('qid')} vs {s.get('qid')}); add a curated entry")
        merged[key] = s

    places = {}
    for pid in sorted(merged):
        s = merged[pid]
        qid = s.get("qid")
        en = s["en"]
        sw = s.get("sw") or en
        ne = Names(gdrop_en | set(s.get("drop_en", [])))
        ne.add_curated(en)
        for n in s.get("names_en", []):
            ne.add_curated(n)
        for n in al_en.get(qid, []) if qid else []:
            ne.add_derived(n, check=place_alias_check(en))
        ns = Names(gdrop_sw | set(s.get("drop_sw", [])))
        ns.add_curated(sw)
        for n in s.get("names_sw", []):
            ns.add_curated(n)
        if not s["_curated"]:
            ns.add_curated(en)  # Swahili news writes most foreign capitals as in English
        for n in al_sw.get(qid, []) if qid else []:
            ns.add_derived(n)
        places[pid] = {
            "id": pid,
            "qid": qid,
            "en": en,
            "sw": sw,
            "names_en": ne,
            "names_sw": ns,
            "state": s["state"],
            "capital": bool(s.get("capital", False)),
            "metonym": bool(s.get("metonym", False)),
            "comment": s.get("comment"),
        }
    with_cap = {p["state"] for p in places.values() if p["capital"]}
    no_cap = sorted(set(states) - with_cap)
    return places, used_facts, no_cap


def resolve_collisions(entities: dict[str, dict[str, dict]]):
    """Make every name (and demonym) belong to one entity. Returns a report of what was dropped."""
    owners: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)  # name -> [(kind, id, field, src)]
    for kind, ents in entities.items():
        for eid, e in ents.items():
            seen_here = set()
            for field in ("names_en", "names_sw"):
                for n in e[field].items:
                    owners[n].append((kind, eid, field, e[field].src[n]))
                    seen_here.add(n)
            for field in ("demonyms_en", "demonyms_sw"):
                for n in e.get(field, []):
                    owners[n].append((kind, eid, field, CURATED_SRC))
    report = []
    for name in sorted(owners):
        ents = {(k, i) for k, i, _f, _s in owners[name]}
        if len(ents) < 2:
            continue
        curated_ents = {(k, i) for k, i, _f, s in owners[name] if s == CURATED_SRC}
        canon_ents = {(k, i) for k, i, _f, _s in owners[name]
                      if name in (entities[k][i]["en"], entities[k][i]["sw"])}
        if len(curated_ents) > 1:
            sys.exit(f"name {name!r} is curated for several entities: {sorted(curated_ents)}")
        if curated_ents:
            keep = next(iter(curated_ents))
        elif len(canon_ents) == 1:
            keep = next(iter(canon_ents))
        else:
            best = min(KIND_RANK[k] for k, _i in ents)
            top = sorted(e for e in ents if KIND_RANK[e[0]] == best)
            keep = top[0] if len(top) == 1 else None
        for k, i, field, _s in owners[name]:
            if (k, i) == keep:
                continue
            if field.startswith("names"):
                if name in (entities[k][i]["en"], entities[k][i]["sw"]):
                    sys.exit(f"canonical name {name!r} of {k} {i} collides with {keep}")
                entities[k][i][field].remove(name)
        report.append(f"{name!r}: kept for {keep[0] + ' ' + keep[1] if keep else 'nobody'}, "
                      f"dropped from {', '.join(sorted(f'{k} {i}' for k, i in ents if (k, i) != keep))}")
    return report


# ----------------------------------------------------------------------------------------------------
# Writing

def q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def arr(key: str, values: list[str], width: int = 100) -> str:
    one = f"{key} = [{', '.join(q(v) for v in values)}]"
    if len(one) <= width:
        return one
    lines = [f"{key} = ["]
    cur = "  "
    for v in values:
        piece = q(v) + ","
        if len(cur) + len(piece) + 1 > width and cur.strip():
            lines.append(cur.rstrip())
            cur = "  "
        cur += piece + " "
    if cur.strip():
        lines.append(cur.rstrip())
    lines.append("]")
    return "\n".join(lines)


def comment_lines(text: str | None, width: int = 100) -> list[str]:
    if not text:
        return []
    words, lines, cur = text.split(), [], "#"
    for w in words:
        if len(cur) + 1 + len(w) > width and cur != "#":
            lines.append(cur)
            cur = "#"
        cur += " " + w
    lines.append(cur)
    return lines


def header(title: str, extra: list[str]) -> list[str]:
    return [
        "# Generated by scripts/build_lexicon.py from CLDR 49 and Wikidata — edit data/lexicon/curated/ instead",
        f"# {title}",
        *SOURCES,
        *extra,
        "",
    ]


def write_states(states, path: Path) -> None:
    out = header("States: UN members and observers, plus Taiwan, Kosovo, Western Sahara, Somaliland.", [
        "# id: ISO 3166-1 alpha-2; XK for Kosovo (user-assigned code); SOMALILAND (no ISO code, and no iso3 key).",
        "# names_*: canonical name first. Acronyms (US, UK, DRC, ...) are meant to be matched case-sensitively.",
        f"# {len(states)} states: {sum(1 for s in states.values() if s['status'] == 'member')} UN members, "
        f"{sum(1 for s in states.values() if s['status'] == 'observer')} observers, "
        f"{sum(1 for s in states.values() if s['status'] == 'other')} others.",
    ])
    for sid in sorted(states):
        s = states[sid]
        out.extend(comment_lines(s["comment"]))
        out.append("[[state]]")
        out.append(f"id = {q(sid)}")
        if s["iso3"]:
            out.append(f"iso3 = {q(s['iso3'])}")
        out.append(f"qid = {q(s['qid'])}")
        out.append(f"en = {q(s['en'])}")
        out.append(f"sw = {q(s['sw'])}")
        if s["cldr_sw"]:
            out.append(f"cldr_sw = {q(s['cldr_sw'])}")
        out.append(arr("names_en", s["names_en"].items))
        out.append(arr("names_sw", s["names_sw"].items))
        if s["demonyms_sw"]:
            out.append(arr("demonyms_sw", s["demonyms_sw"]))
        if s["demonyms_en"]:
            out.append(arr("demonyms_en", s["demonyms_en"]))
        if s["note"]:
            out.append(f"note = {q(s['note'])}")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def write_alliances(alliances, path: Path) -> None:
    out = header("Alliances and international organisations of states, and organs of them (part_of).", [
        "# members: state ids from states.toml. Membership is background fact: the curated current lists",
        "# (date basis in each entry's comment) united with Wikidata P463 \"member of\" facts.",
        "# All-capital acronyms (NATO, AU, EU, UN, AES, ...) are meant to be matched case-sensitively; no",
        "# lowercase forms are listed. Entries without qid: the item is not in the Wikidata extract used.",
    ])
    for aid in sorted(alliances):
        a = alliances[aid]
        out.extend(comment_lines(a["comment"]))
        if a["members"]:
            basis = f"membership as of {a['as_of']}" if a["as_of"] else "membership"
            conf = a["p463_confirmed"]
            out.append(f"# {basis}: {len(a['members'])} states; Wikidata P463 facts cover {len(conf)}"
                       + (f" ({', '.join(conf)})" if conf and len(conf) <= 12 else ""))
        out.append("[[alliance]]")
        out.append(f"id = {q(aid)}")
        if a["qid"]:
            out.append(f"qid = {q(a['qid'])}")
        out.append(f"en = {q(a['en'])}")
        out.append(f"sw = {q(a['sw'])}")
        out.append(arr("names_en", a["names_en"].items))
        out.append(arr("names_sw", a["names_sw"].items))
        out.append(arr("members", a["members"]))
        if a["part_of"]:
            out.append(f"part_of = {q(a['part_of'])}")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def write_places(places, path: Path) -> None:
    out = header("Places: capitals, seats of power and cities the press names.", [
        "# capital = true: an official capital of `state` or the seat of its government (a state may have",
        "# more than one). metonym = true: the name stands for the government when used as an actor.",
        "# Capitals come from Wikidata P36/P1376 facts plus curated entries; entries without qid: the item",
        "# is not in the Wikidata extract used.",
    ])
    for pid in sorted(places):
        p = places[pid]
        out.extend(comment_lines(p["comment"]))
        out.append("[[place]]")
        out.append(f"id = {q(pid)}")
        if p["qid"]:
            out.append(f"qid = {q(p['qid'])}")
        out.append(f"en = {q(p['en'])}")
        out.append(f"sw = {q(p['sw'])}")
        out.append(arr("names_en", p["names_en"].items))
        out.append(arr("names_sw", p["names_sw"].items))
        out.append(f"state = {q(p['state'])}")
        out.append(f"capital = {'true' if p['capital'] else 'false'}")
        out.append(f"metonym = {'true' if p['metonym'] else 'false'}")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


# ----------------------------------------------------------------------------------------------------
# Checking the written files


def check(out_dir: Path) -> list[str]:
    errors = []
    data = {}
    for kind, fname in (("state", "states.toml"), ("alliance", "alliances.toml"), ("place", "places.toml")):
        with (out_dir / fname).open("rb") as f:
            data[kind] = tomllib.load(f).get(kind, [])
    states = {s["id"]: s for s in data["state"]}
    alliances = {a["id"]: a for a in data["alliance"]}
    for kind, ents in data.items():
        ids = [e["id"] for e in ents]
        if len(ids) != len(set(ids)):
            errors.append(f"{kind}: duplicate ids")
        for e in ents:
            if "qid" in e and not QID_RE.match(e["qid"]):
                errors.append(f"{kind} {e['id']}: bad qid {e['qid']}")
            for key in ("en", "sw", "names_en", "names_sw"):
                if key not in e:
                    errors.append(f"{kind} {e['id']}: missing {key}")
            if e.get("names_en", [None])[0] != e.get("en") or e.get("names_sw", [None])[0] != e.get("sw"):
                errors.append(f"{kind} {e['id']}: canonical name is not first")
    if len(states) < 197:
        errors.append(f"only {len(states)} states")
    if states.get("JP", {}).get("qid") != "Q17":
        errors.append("Japan is not Q17")
    if alliances.get("NATO", {}).get("qid") != "Q7184":
        errors.append("NATO is not Q7184")
    for aid in ("AUKUS", "QUAD", "EAC", "AU", "UN", "EU", "NATO"):
        if not alliances.get(aid, {}).get("members"):
            errors.append(f"alliance {aid} missing or without members")
    for a in data["alliance"]:
        for m in a.get("members", []):
            if m not in states:
                errors.append(f"alliance {a['id']}: member {m} not in states.toml")
        if "part_of" in a and a["part_of"] not in alliances:
            errors.append(f"alliance {a['id']}: part_of {a['part_of']} unknown")
    for p in data["place"]:
        if p.get("state") not in states:
            errors.append(f"place {p['id']}: state {p.get('state')} not in states.toml")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p["id"]):
            errors.append(f"place {p['id']}: id is not a slug")
    owner = {}
    for kind, ents in data.items():
        for e in ents:
            for key in ("names_en", "names_sw", "demonyms_en", "demonyms_sw"):
                for n in e.get(key, []):
                    o = (kind, e["id"])
                    if n in owner and owner[n] != o:
                        errors.append(f"name {n!r} shared by {owner[n]} and {o}")
                    owner.setdefault(n, o)
    return errors


# ----------------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help="folder with cldr/ and wikidata/ (default: ../shared/data from the repo root)")
    ap.add_argument("--curated", type=Path, default=CURATED, help="curated TOML folder")
    ap.add_argument("--out", type=Path, default=OUT, help="output folder for the generated TOML")
    ap.add_argument("--check", action="store_true", help="verify the written files afterwards")
    ap.add_argument("--quiet", action="store_true", help="print only errors")
    args = ap.parse_args()

    sh = args.shared
    cldr = load_cldr(sh / "cldr" / "sw_territories.tsv")
    al_en = load_alias_file(sh / "wikidata" / "alias_en.txt")
    al_sw = load_alias_file(sh / "wikidata" / "alias_sw.txt")
    p463 = load_facts(sh / "wikidata" / "facts" / "P463.jsonl")
    p36 = load_facts(sh / "wikidata" / "facts" / "P36.jsonl")
    p1376 = load_facts(sh / "wikidata" / "facts" / "P1376.jsonl")
    cur = load_curated(args.curated)
    gdrop_en = set(cur["filters"].get("drop_en", []))
    gdrop_sw = set(cur["filters"].get("drop_sw", []))

    states = build_states(cur, cldr, al_en, al_sw, gdrop_en, gdrop_sw)
    alliances = build_alliances(cur, states, al_en, al_sw, p463, gdrop_en, gdrop_sw)
    places, used_facts, no_cap = build_places(cur, states, al_en, al_sw, p36, p1376, gdrop_en, gdrop_sw)
    overlap = sorted(set(states) & set(alliances))
    report = resolve_collisions({"state": states, "alliance": alliances, "place": places})

    args.out.mkdir(parents=True, exist_ok=True)
    write_states(states, args.out / "states.toml")
    write_alliances(alliances, args.out / "alliances.toml")
    write_places(places, args.out / "places.toml")

    if not args.quiet:
        print(f"states: {len(states)}  alliances: {len(alliances)}  places: {len(places)} "
              f"({sum(p['capital'] for p in places.values())} capital, "
              f"{sum(p['metonym'] for p in places.values())} metonym; {used_facts} capital facts used)")
        print(f"states without a capital place: {', '.join(no_cap) or 'none'}")
        if overlap:
            print(f"ids used both as state and alliance id: {', '.join(overlap)}")
        print(f"name collisions resolved: {len(report)}")
        for r in report:
            print("  " + r)
        for w in warnings:
            print("warning: " + w)
    if args.check:
        errors = check(args.out)
        for e in errors:
            print("CHECK FAILED: " + e, file=sys.stderr)
        if errors:
            return 1
        if not args.quiet:
            print("check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
