"""The skill taxonomy: canonical skills with categories, domains, aliases and related skills.

The data ships in the package as ``data/skills.json``, built from the hand-written lists in
``tools/taxonomy/`` (see docs/TAXONOMY.md). Loading it is the only I/O in ``analysis/``.

Names and aliases are compared through :func:`form_key`, which folds case (Turkish dotted
and dotless I included), strips accents, treats a hyphen between words like a space and
ignores spacing around ``&`` and ``/``: "Proje Yönetimi", "proje yonetimi" and
"PROJE YÖNETİMİ" are one key, while "Node.js" and "Node. js" are not.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

CATEGORIES = ("technical", "tool", "soft", "domain", "language", "certification")

# Gap kinds between a token and the one before it.
GLUED, SPACE, HYPHEN, NEWLINE, PARAGRAPH = range(5)

# Punctuation whose spacing does not change a name: "R&D" == "R & D", "UI/UX" == "UI / UX".
_LOOSE_PUNCT = frozenset("&/|")
_HYPHENS = frozenset("-\u2010\u2011")
_TOKEN = re.compile(r"[\w\u0300-\u036f]+|[^\w\s]")
_SIMPLE_FORM = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class Skill:
    """One canonical skill; ``related`` holds (canonical name, strength in (0, 1]) pairs."""

    name: str
    category: str
    domain: str
    aliases: tuple[str, ...] = ()
    related: tuple[tuple[str, float], ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


class FormRule(NamedTuple):
    """How the matcher treats one spelling: exact case only, and/or only in a technical context."""

    exact_case: bool = False
    needs_context: bool = False


_PLAIN = FormRule()
_SHORT = FormRule(exact_case=True)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str
    gap: int  # GLUED, SPACE, HYPHEN, NEWLINE or PARAGRAPH before this token


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold case and accents so "İletişim", "ILETISIM" and "iletişim" compare equal."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("\u0131", "i").casefold()


def tokenize(text: str) -> list[Token]:
    """Split text into word and punctuation tokens with their offsets and the gap before each.

    A hyphen glued between two words ("front-end", "go-getter") is dropped and recorded as a
    HYPHEN gap on the following word, so "front-end" and "front end" tokenize alike.
    """
    tokens: list[Token] = []
    prev_end = 0
    pending_hyphen = False
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        if start == prev_end and tokens:
            gap = GLUED
        else:
            newlines = text.count("\n", prev_end, start)
            gap = PARAGRAPH if newlines > 1 else NEWLINE if newlines else SPACE
        if pending_hyphen:
            pending_hyphen = False
            if gap == GLUED and word[0].isalnum():
                tokens.pop()
                gap = HYPHEN
        elif word in _HYPHENS and tokens and gap == GLUED and tokens[-1].text[-1].isalnum():
            pending_hyphen = True
        tokens.append(Token(start, end, word, fold(word), gap))
        prev_end = end
    return tokens


def link_key(prev: Token, token: Token) -> str:
    """The key of a token inside a multi-token name: glued punctuation must stay glued."""
    if token.gap == GLUED and token.text not in _LOOSE_PUNCT and prev.text not in _LOOSE_PUNCT:
        return "\x01" + token.key
    return token.key


# Cached: the lookup table (Taxonomy._by_key) and the matcher's index each key all ~9,000
# spellings, so the second of them to be built gets them for free (~20 ms per process).
@lru_cache(maxsize=16384)
def form_keys(form: str) -> tuple[str, ...]:
    """The token keys a name or alias is matched by (first token plain, the rest linked)."""
    if _SIMPLE_FORM.fullmatch(form):
        return tuple(form.lower().split())
    tokens = tokenize(form)
    if not tokens:
        return ()
    keys = [tokens[0].key]
    keys.extend(link_key(tokens[i - 1], tokens[i]) for i in range(1, len(tokens)))
    return tuple(keys)


def form_key(form: str) -> str:
    """One comparable string for a name or alias: "Node.js" -> "node.js", "R & D" -> "r & d"."""
    keys = form_keys(" ".join(form.split()))
    return "".join(k[1:] if k.startswith("\x01") else " " + k for k in keys).strip()


class Taxonomy:
    """An immutable collection of skills, looked up by any spelling, case-insensitively."""

    def __init__(
        self, skills: Iterable[Skill], rules: Mapping[str, FormRule] | None = None
    ) -> None:
        self._skills: tuple[Skill, ...] = tuple(skills)
        self._rules: dict[str, FormRule] = dict(rules or {})
        self._by_name: dict[str, Skill] = {s.name: s for s in self._skills}
        self._key_index: dict[str, Skill] | None = None
        if len(self._by_name) != len(self._skills):
            raise ValueError("duplicate skill names")

    @property
    def _by_key(self) -> dict[str, Skill]:
        # Built on first use: folding ~9,000 spellings is most of the cost of a lookup table,
        # and many callers only iterate or look up canonical names.
        if self._key_index is None:
            index: dict[str, Skill] = {}
            for skill in self._skills:
                if skill.category not in CATEGORIES:
                    raise ValueError(f"{skill.name}: unknown category {skill.category!r}")
                for form in skill.forms:
                    other = index.setdefault(form_key(form), skill)
                    if other is not skill:
                        raise ValueError(f"{form!r} names both {other.name!r} and {skill.name!r}")
            self._key_index = index
        return self._key_index

    def get(self, name_or_alias: str) -> Skill | None:
        """The skill with this canonical name or alias, in any case or accenting, or None."""
        skill = self._by_name.get(name_or_alias)
        if skill is None:
            skill = self._by_key.get(form_key(name_or_alias))
        return skill

    def related(self, name: str) -> list[tuple[Skill, float]]:
        """Skills that knowing ``name`` gives partial credit for, strongest first ([] if unknown).

        Edges are directed: React -> JavaScript 0.9 means a React developer knows JavaScript,
        not the reverse. Symmetric pairs (PostgreSQL ~ MySQL) are stored in both directions.
        """
        skill = self.get(name)
        if skill is None:
            return []
        pairs = [(self._by_name[other], strength) for other, strength in skill.related]
        return sorted(pairs, key=lambda pair: (-pair[1], pair[0].name))

    def by_category(self, category: str) -> list[Skill]:
        """Every skill of one category (technical, tool, soft, domain, language, certification)."""
        return [s for s in self._skills if s.category == category]

    def by_domain(self, domain: str) -> list[Skill]:
        """Every skill of one domain (software, data, cloud, design, ..., soft, language)."""
        return [s for s in self._skills if s.domain == domain]

    @property
    def domains(self) -> tuple[str, ...]:
        """The domains present, in first-seen order."""
        return tuple(dict.fromkeys(s.domain for s in self._skills))

    def rule(self, form: str) -> FormRule:
        """How the matcher treats this exact spelling (a name or alias as stored).

        Spellings of one or two letters ("Go", "UX", "AI") are exact case unless a rule says
        otherwise.
        """
        rule = self._rules.get(form)
        if rule is None:
            return _SHORT if len(form) <= 2 and form.isalpha() else _PLAIN
        return rule

    def __len__(self) -> int:
        return len(self._skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self._skills)

    def __contains__(self, name_or_alias: object) -> bool:
        return isinstance(name_or_alias, str) and self.get(name_or_alias) is not None


def parse_form(marked: str) -> tuple[str, FormRule]:
    """Split a stored spelling into the text and its rule: "=" exact case, "?" needs context.

    Spellings of one or two letters ("Go", "UX", "AI") are always exact case.
    """
    i = 0
    while i < len(marked) and marked[i] in "=?":
        i += 1
    text, marks = marked[i:], marked[:i]
    exact = "=" in marks or (len(text) <= 2 and text.isalpha())
    return text, FormRule(exact, "?" in marks)


def taxonomy_from_data(data: Mapping[str, object]) -> Taxonomy:
    """Build a Taxonomy from the decoded skills.json document (see tools/taxonomy/build.py).

    Each row is ``[name, category index, domain index, aliases, [[related index, strength]],
    marks?]`` where the optional ``marks`` maps a spelling's position (0 = the name) to its
    "=" / "?" marks, so unmarked rows need no per-spelling work.
    """
    categories: list[str] = data["categories"]  # type: ignore[assignment]
    domains: list[str] = data["domains"]  # type: ignore[assignment]
    rows: list[list] = data["skills"]  # type: ignore[assignment]
    names = [row[0] for row in rows]
    rules: dict[str, FormRule] = {}
    skills = []
    for row in rows:
        name, aliases = row[0], row[3]
        if len(row) > 5:
            forms = (name, *aliases)
            for position, marks in row[5]:
                text = forms[position]
                rules[text] = FormRule(
                    "=" in marks or (len(text) <= 2 and text.isalpha()), "?" in marks
                )
        skills.append(
            Skill(
                name,
                categories[row[1]],
                domains[row[2]],
                tuple(aliases),
                tuple([(names[index], strength) for index, strength in row[4]]),
            )
        )
    return Taxonomy(skills, rules)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The packaged taxonomy, loaded once per process."""
    from importlib import resources

    raw = resources.files("careercoach.analysis").joinpath("data/skills.json").read_bytes()
    return taxonomy_from_data(json.loads(raw))
