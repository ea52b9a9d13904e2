"""Build src/careercoach/analysis/data/skills.json from the hand-written lists in sources/.

    python tools/taxonomy/build.py          # validate and write the JSON, print a summary
    python tools/taxonomy/build.py --check  # validate; exit 1 if the committed JSON is stale

One file per domain (``sources/<domain>.txt``). Lines:

    @technical                                    category for the lines that follow
    PostgreSQL | Postgres; psql | SQL>0.9; MySQL~0.6
    name       | aliases (;)    | related (;): ">" one way, "~" both ways, strength in (0, 1]
    Keras | TensorFlow~0.7                      (no aliases: the related field may come second)

A spelling may start with "=" (exact case only) and/or "?" (only in a technical context),
e.g. "=?Go". See docs/TAXONOMY.md for the rules each check enforces.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from careercoach.analysis.taxonomy import CATEGORIES, form_key, parse_form

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUTPUT = HERE.parents[1] / "src" / "careercoach" / "analysis" / "data" / "skills.json"

# Ordinary words that a skill may only use as a spelling with "=" or "?": read case-blind and
# out of context they are not skills ("access the portal", "make sure", "on the go").
COMMON_WORDS = frozenset(
    word
    for line in (HERE / "common_words.txt").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
    for word in line.split()
)
# Real, distinct skills whose names differ only in their numbers.
NUMBERED_OK = frozenset(
    {
        "2D Animation",
        "3D Animation",
        "ISO 9001",
        "ISO 14001",
        "ISO 27001",
        "ISO 45001",
        "ISO 13485",
        "ISO 22000",
        "IEC 62304",
        "ISO 26262",
        "ISO 31000",
    }
)


@dataclass
class Entry:
    name: str  # as marked in the source, e.g. "=?Go"
    category: str
    domain: str
    aliases: list[str]
    links: list[tuple[str, str, float]]  # (target, ">" or "~", strength)
    where: str
    related: dict[str, float] = field(default_factory=dict)

    @property
    def plain(self) -> str:
        return parse_form(self.name)[0]


_RELATED = re.compile(r"(.+?)\s*([>~])\s*([0-9]*\.?[0-9]+)")


class BuildError(Exception):
    pass


def parse_sources(directory: Path = SOURCES) -> list[Entry]:
    entries: list[Entry] = []
    errors: list[str] = []
    for path in sorted(directory.glob("*.txt")):
        category = None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("@"):
                category = line[1:].strip()
                if category not in CATEGORIES:
                    errors.append(f"{where}: unknown category {category!r}")
                continue
            if category is None:
                errors.append(f"{where}: no @category before the first skill")
                continue
            fields = [f.strip() for f in line.split("|")]
            if len(fields) > 3 or not fields[0]:
                errors.append(f"{where}: expected 'name | aliases | related'")
                continue
            # The related field may follow the name directly: "Keras | TensorFlow~0.7".
            if (
                len(fields) == 2
                and fields[1]
                and all(
                    _RELATED.fullmatch(item.strip())
                    for item in fields[1].split(";")
                    if item.strip()
                )
            ):
                fields.insert(1, "")
            aliases = [a.strip() for a in fields[1].split(";")] if len(fields) > 1 else []
            links = []
            for item in fields[2].split(";") if len(fields) > 2 else []:
                item = item.strip()
                if not item:
                    continue
                m = _RELATED.fullmatch(item)
                if not m:
                    errors.append(f"{where}: bad related item {item!r}")
                    continue
                links.append((m.group(1), m.group(2), float(m.group(3))))
            entries.append(
                Entry(fields[0], category, path.stem, [a for a in aliases if a], links, where)
            )
    if errors:
        raise BuildError("\n".join(errors))
    return entries


def validate(entries: list[Entry]) -> None:
    """Check names, spellings and related links; fill each entry's ``related``."""
    errors: list[str] = []
    owner: dict[str, Entry] = {}
    loose: dict[str, Entry] = {}
    by_name: dict[str, Entry] = {}
    numbered: dict[str, Entry] = {}
    for entry in entries:
        if entry.plain in by_name:
            errors.append(f"{entry.where}: duplicate name {entry.plain!r}")
        by_name[entry.plain] = entry
        seen: set[str] = set()
        for marked in (entry.name, *entry.aliases):
            text, rule = parse_form(marked)
            if not text or text != text.strip() or "  " in text:
                errors.append(f"{entry.where}: bad spelling {marked!r}")
                continue
            key = form_key(text)
            other = owner.setdefault(key, entry)
            if other is not entry:
                errors.append(f"{entry.where}: {text!r} also names {other.plain!r} ({other.where})")
            elif key in seen:
                errors.append(f"{entry.where}: {text!r} repeats another spelling of this skill")
            seen.add(key)
            if key in COMMON_WORDS and rule == (False, False):
                errors.append(f"{entry.where}: {text!r} is an ordinary word; mark it = or ?")
            near = _loose_key(key)
            other = loose.setdefault(near, entry)
            if other is not entry:
                errors.append(f"{entry.where}: {text!r} is a near-duplicate of {other.plain!r}")
        stem = re.sub(r"[\s-]*\d[\d.\-]*", "", entry.plain).strip().lower()
        if stem != entry.plain.lower() and entry.plain not in NUMBERED_OK:
            other = numbered.setdefault(stem, entry)
            if other is not entry:
                errors.append(
                    f"{entry.where}: {entry.plain!r} is a numbered variant of {other.plain!r}"
                )
    explicit: set[tuple[str, str]] = set()
    for entry in entries:
        for target, _kind, strength in entry.links:
            if target not in by_name:
                errors.append(f"{entry.where}: related {target!r} is not a skill name")
            elif target == entry.plain:
                errors.append(f"{entry.where}: related to itself")
            elif not 0 < strength <= 1:
                errors.append(f"{entry.where}: strength {strength} not in (0, 1]")
            elif target in entry.related:
                errors.append(f"{entry.where}: {target!r} listed twice")
            else:
                entry.related[target] = strength
                explicit.add((entry.plain, target))
    for entry in entries:
        for target, kind, strength in entry.links:
            if kind == "~" and target in by_name and (target, entry.plain) not in explicit:
                back = by_name[target].related
                if back.setdefault(entry.plain, strength) != strength:
                    errors.append(f"{entry.where}: {target!r} ~ given two strengths")
    if errors:
        raise BuildError("\n".join(errors))


def _loose_key(key: str) -> str:
    """A key that ignores spaces, a plural "s" and "&"/"and", to catch near-duplicates."""
    words = [
        w[:-1] if len(w) > 4 and w.endswith("s") and w[-2] not in "suiaoy" else w
        for w in key.split()
    ]
    return "".join(w for w in words if w not in {"and", "&"})


def render(entries: list[Entry]) -> bytes:
    categories = list(CATEGORIES)
    domains = list(dict.fromkeys(e.domain for e in entries))
    index = {e.plain: i for i, e in enumerate(entries)}
    rows = []
    for e in entries:
        related = sorted(e.related.items(), key=lambda kv: (-kv[1], kv[0]))
        forms = [parse_form(marked) for marked in (e.name, *e.aliases)]
        row: list = [
            forms[0][0],
            categories.index(e.category),
            domains.index(e.domain),
            [text for text, _ in forms[1:]],
            [[index[name], strength] for name, strength in related],
        ]
        marks = [
            [position, marked[: len(marked) - len(text)]]
            for position, (marked, (text, _)) in enumerate(
                zip((e.name, *e.aliases), forms, strict=True)
            )
            if marked != text
        ]
        if marks:
            row.append(marks)
        rows.append(row)
    document = {"version": 1, "categories": categories, "domains": domains, "skills": rows}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    # One skill per line keeps diffs of the committed file readable.
    text = text.replace('],["', '],\n["')
    return (text + "\n").encode("utf-8")


def build(directory: Path = SOURCES) -> tuple[bytes, list[Entry]]:
    entries = parse_sources(directory)
    validate(entries)
    return render(entries), entries


def summary(entries: list[Entry]) -> str:
    lines = [f"{len(entries)} skills"]
    for title, counter in (
        ("domain", Counter(e.domain for e in entries)),
        ("category", Counter(e.category for e in entries)),
    ):
        lines.append(f"by {title}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    aliases = sum(len(e.aliases) for e in entries)
    links = sum(len(e.related) for e in entries)
    lines.append(f"{aliases} aliases, {links} related links")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if skills.json is stale")
    args = parser.parse_args(argv)
    try:
        data, entries = build()
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_bytes() != data:
            print(f"{OUTPUT} is stale: run python tools/taxonomy/build.py", file=sys.stderr)
            return 1
    else:
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        OUTPUT.write_bytes(data)
    print(summary(entries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
