"""Find taxonomy skills in free text (CVs, job postings) with conservative word-boundary rules.

Text is tokenized into words and punctuation (see ``taxonomy.tokenize``) and every skill
spelling is a path in a token trie, so "JavaScript" can never count as "Java", "excellent"
is never "Excel" and "PostgreSQL" is never bare "SQL". At each position the longest spelling
that passes its rules wins, and matching resumes after it ("C++" is not also "C").

Rules per spelling (set in the data, see docs/TAXONOMY.md):

- exact case: "Go", "R", "C", "Excel", "Sketch" match only as written, so "excel at" and
  "go to" are not skills. One- and two-letter spellings are always exact case.
- needs context: "C", "R", "Go", "Julia", "Spring", "Chef", ... count only in a technical
  context: an item of a list whose neighbouring item is a technical skill or tool
  ("C, C++, Python"), a cue word before ("in R", "written in Go", "using Chef") or after
  ("R programming", "Go developer", "Spring framework"). "Plan C", "Grade C", "R&D",
  "go-getter", "Spring 2021" and "Julia Roberts" stay out.

- human languages (category "language") always need context, because they are also
  nationalities: a languages list, a level or a cue ("Languages: English (C1), German",
  "native Turkish speaker", "Turkish is a plus"), never "a German company".

A spelling must stand alone: not glued to a word or to "+", "#", "&", "@" on either side
("C++", "C#", "R&D"), not after a hyphen ("Objective-C"), and for context words not before
one either ("C-level", "go-getter"). Accented and Turkish text matches through the folding
in ``taxonomy.fold``, and in Turkish text the last word of a spelling may carry Turkish endings
("mutabakatlarının"); offsets always point into the original string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from careercoach.analysis.taxonomy import (
    GLUED,
    HYPHEN,
    NEWLINE,
    PARAGRAPH,
    SPACE,
    Skill,
    Taxonomy,
    Token,
    form_keys,
    link_key,
    load_taxonomy,
    tokenize,
)


@dataclass(frozen=True, slots=True)
class SkillMention:
    """One skill found in a text: where it first appears, how often, and every span."""

    skill: str
    category: str
    domain: str
    text: str
    start: int
    end: int
    count: int
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class _Form:
    skill: Skill
    raw: tuple[str, ...]
    exact_case: bool
    needs_context: bool


@dataclass(frozen=True, slots=True)
class _Cues:
    before: frozenset[str] = frozenset()
    before_pairs: frozenset[tuple[str, str]] = frozenset()
    after: frozenset[str] = frozenset()
    # Look past "(", ":" and dashes for a cue: "English (C1)", "Languages: Turkish".
    skip_punctuation: bool = False
    # Categories whose list neighbours vouch for this spelling.
    neighbours: frozenset[str] = frozenset({"technical", "tool", "domain", "certification"})


# Left of a spelling, glued to it, these keep it a word: "(Python", "/C++", "\"Go\"".
_LEFT_OK = frozenset("([{\"'/\\,;:|•·*#«“‘")
# Right of a spelling, glued to it: "Python,", "Go)", "C/C++". "." only ends a sentence.
_RIGHT_OK = frozenset(")]}\"'/\\,;:|!?…»”’*")
_SENTENCE_END = frozenset(".!?")
# Tokens that separate items of a list: "C, C++ and Python", "• R\n• SQL".
_DELIMITERS = frozenset(",;/|•·()[]:-–—*&+▪●◦‣>") | {"and", "or", "ve", "veya", "ile"}
_ITEM_END = _DELIMITERS | _SENTENCE_END
_CUE_PUNCTUATION = frozenset("(:-–—/")
_FILLERS = frozenset({"is", "are", "a", "an", "also", "highly"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> frozenset[tuple[str, str]]:
    words = [pair.split("+") for pair in text.split()]
    return frozenset((first, second) for first, second in words)


_SOFTWARE = _words("technical tool")
# "Experience with Intercom", "tools such as Amplitude or Mixpanel".
_EXPERIENCE_WITH = _pairs(
    "experience+with experienced+with knowledge+of proficiency+with proficient+with "
    "proficiency+in proficient+in familiar+with familiarity+with skilled+with expertise+with "
    "such+as"
)
_PROGRAMMING = _Cues(
    neighbours=_SOFTWARE,
    before=_words("in using"),
    before_pairs=_EXPERIENCE_WITH,
    after=_words(
        "programming programmer programmers language lang developer developers development "
        "engineer engineers engineering code coding codebase script scripts scripting package "
        "packages library libraries compiler toolchain runtime modules sdk "
        "dili dilinde diliyle programlama"
    ),
)
# Human languages are also nationalities ("a German company", "Turkish Airlines"), so they
# count only in a languages list or next to a level: "English (C1)", "native Turkish".
# Keys are folded: "başlangıç" is "baslangic".
_HUMAN_LANGUAGE = _Cues(
    before=_words(
        "native fluent speak speaks speaking languages language diller dil bilingual written "
        "spoken business excellent good strong basic conversational working intermediate "
        "advanced your derecede duzeyde seviyede"
    ),
    before_pairs=_pairs(
        "fluent+in fluency+in proficient+in proficiency+in knowledge+of command+of "
        "bilingual+in yabanci+dil bilgisi+: skills+in communication+in"
    ),
    after=_words(
        "native fluent fluency proficient proficiency advanced intermediate upper beginner basic "
        "elementary conversational business professional working full limited mother bilingual "
        "a1 a2 b1 b2 c1 c2 level speaker speakers speaking reading writing written spoken "
        "required helpful useful welcome "
        "mandatory essential preferred plus big huge definite bonus advantage asset "
        "ileri orta baslangic akici iyi anadil ana seviye seviyesi duzey duzeyi temel bilgisi bilen"
    ),
    skip_punctuation=True,
    neighbours=_words("language"),
)
_TOOL = _Cues(before=_words("in using"), before_pairs=_EXPERIENCE_WITH)
# "Backend", "front end" alone are often a part of a system ("our game backend"), not a skill.
_SOFTWARE_FIELD = _Cues(
    neighbours=_SOFTWARE,
    before=_words("in"),
    before_pairs=_EXPERIENCE_WITH,
    after=_words("developer developers development engineer engineering"),
)
_CUES: dict[str, _Cues] = {
    "C": _PROGRAMMING,
    "R": _PROGRAMMING,
    "Go": _PROGRAMMING,
    "Julia": _PROGRAMMING,
    "Ruby": _PROGRAMMING,
    "Dart": _PROGRAMMING,
    "Pascal": _PROGRAMMING,
    "Ada": _PROGRAMMING,
    "Assembly Language": _PROGRAMMING,
    "Shell Scripting": _PROGRAMMING,
    # Not "in Spring": that is the season.
    "Spring Framework": _Cues(
        neighbours=_SOFTWARE,
        before=_words("using"),
        after=_words(
            "framework ecosystem ioc beans applications microservices backend services apps "
            "api apis developer development"
        ),
    ),
    "Chef": _Cues(
        neighbours=_SOFTWARE,
        before=_words("using"),
        after=_words("cookbooks cookbook infra automate server habitat"),
    ),
    "Puppet": _Cues(
        neighbours=_SOFTWARE,
        before=_words("using"),
        after=_words("manifests modules enterprise bolt hiera"),
    ),
    "GNU Make": _Cues(neighbours=_SOFTWARE, before=_words("using"), after=_words("targets")),
    "Back-End Development": _SOFTWARE_FIELD,
    "Front-End Development": _SOFTWARE_FIELD,
    # The personal quality, not a system's: "Reliability, punctuality and teamwork".
    "Reliability": _Cues(neighbours=_words("soft")),
    # Not the electrical metallic tubing of "conduit (EMT, rigid, PVC)".
    "Emergency Medical Technician": _Cues(
        neighbours=_words("certification"),
        before_pairs=_EXPERIENCE_WITH,
        after=_words("certification certified certificate license licence basic"),
    ),
    "Unity": _Cues(
        neighbours=_SOFTWARE,
        before=_words("in using"),
        after=_words("developer developers development engine game games"),
    ),
}
# Words that, right after an exact-case spelling, show it is the ordinary word: "Excel at".
_NOT_BEFORE: dict[str, frozenset[str]] = {
    "Microsoft Excel": frozenset({"at"}),
    # "Zendesk or a similar help desk tool" names a kind of product.
    "IT Support": frozenset({"tool", "tools", "software", "platform", "platforms"}),
}
# Words that, right before a spelling, show it names people rather than a skill:
# "present to senior leadership".
_PEOPLE_BEFORE: dict[str, frozenset[str]] = {
    "Leadership": frozenset({"senior", "executive", "company"}),
}


@lru_cache(maxsize=4)
def _index(taxonomy: Taxonomy) -> dict:
    """The token trie of every spelling: nested dicts, a terminal's forms under the key None."""
    root: dict = {}
    plurals: list[tuple[tuple[str, ...], _Form]] = []
    for skill in taxonomy:
        for text in skill.forms:
            keys = form_keys(text)
            if not keys:
                continue
            rule = taxonomy.rule(text)
            raw = tuple(t.text for t in tokenize(text)) if rule.exact_case else ()
            node = root
            for key in keys:
                node = node.setdefault(key, {})
            # "German language" vouches for itself; a bare "German" needs a cue.
            needs_context = rule.needs_context or (
                skill.category == "language" and "language" not in keys
            )
            node[None] = _Form(skill, raw, rule.exact_case, needs_context)
            plural = _plural(keys[-1]) if len(keys) >= 2 and not rule.exact_case else None
            if plural is not None:
                plurals.append(((*keys[:-1], plural), node[None]))
    # English plurals of multi-word names: "risk assessments", "design reviews". Added after
    # every real spelling, so a spelling of its own always wins.
    for keys, form in plurals:
        node = root
        for key in keys:
            node = node.setdefault(key, {})
        node.setdefault(None, form)
    return root


def _plural(word: str) -> str | None:
    """The regular English plural of a lower-case noun, or None for words that have none."""
    if len(word) < 3 or not word.isascii() or not word.isalpha() or not word.islower():
        return None
    # Uncountable nouns get a plural too ("managements"): it never occurs, so never matches.
    if word.endswith("s") and not word.endswith("ss"):
        return None  # already plural: "data pipelines"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "ss", "x", "z")):
        return word + "es"
    return word + "s"


def find_skills(text: str, taxonomy: Taxonomy | None = None) -> list[SkillMention]:
    """Every taxonomy skill named in ``text``, one mention per skill in order of first appearance.

    ``start``/``end``/``text`` locate the first occurrence in the original string, ``count``
    is the number of occurrences and ``spans`` lists them all.
    """
    if taxonomy is None:
        taxonomy = load_taxonomy()
    tokens = tokenize(text)
    found = _resolve_context(tokens, _scan(tokens, _index(taxonomy), _is_turkish(text)))
    mentions: dict[str, list[tuple[int, int]]] = {}
    skills: dict[str, Skill] = {}
    for i, j, form in found:
        span = (tokens[i].start, tokens[j - 1].end)
        mentions.setdefault(form.skill.name, []).append(span)
        skills[form.skill.name] = form.skill
    return [
        SkillMention(
            skill=name,
            category=skills[name].category,
            domain=skills[name].domain,
            text=text[spans[0][0] : spans[0][1]],
            start=spans[0][0],
            end=spans[0][1],
            count=len(spans),
            spans=tuple(spans),
        )
        for name, spans in mentions.items()
    ]


def _scan(tokens: list[Token], root: dict, turkish: bool = False) -> list[tuple[int, int, _Form]]:
    """Leftmost-longest spellings that pass their case and boundary rules, in text order.

    In Turkish text the last word of a spelling may carry case and plural endings:
    "mutabakatlarının" is "Mutabakat", "kod incelemelerine" is "Kod İnceleme".
    """
    found: list[tuple[int, int, _Form]] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not _left_ok(tokens, i):
            i += 1
            continue
        node = root.get(tokens[i].key)
        candidates: list[tuple[int, _Form]] = []
        if node is None:
            inflected = _inflected(root, tokens[i].key) if turkish else None
            if inflected is not None:
                candidates.append((i + 1, inflected))
            node = {}
        j = i + 1
        while node:
            form = node.get(None)
            if form is not None:
                candidates.append((j, form))
            if j >= n or tokens[j].gap == PARAGRAPH:
                break
            following = node.get(link_key(tokens[j - 1], tokens[j]))
            if following is None:
                if turkish and tokens[j].gap in (SPACE, NEWLINE):
                    inflected = _inflected(node, tokens[j].key)
                    if inflected is not None:
                        candidates.append((j + 1, inflected))
                break
            node = following
            j += 1
        for end, form in reversed(candidates):
            if _accepts(tokens, i, end, form):
                found.append((i, end, form))
                i = end
                break
        else:
            i += 1
    return found


# Turkish noun endings (folded: "ı" is "i"), any sequence: plural, possessive, case.
_TURKISH_ENDINGS = re.compile(
    r"(?:lar|ler|nin|nun|in|un|ni|nu|si|su|na|ne|nda|nde|ndan|nden|da|de|ta|te|dan|den|tan|"
    r"ten|yla|yle|la|le|ya|ye|yi|yu|i|u|a|e|ki)+"
)
_TURKISH_LETTERS = "ğşıİĞŞ"


_WORD = re.compile(r"[^\W\d_]+")


def _is_turkish(text: str) -> bool:
    """Whether the text is Turkish: at least one word in ten has a letter only Turkish
    uses. Turkish prose has them in about every other word; an English CV whose only such
    letters are in a name or a company ("Ayşe Kaya", "Doğan A.Ş.") stays English, so
    "delete" is not read as an inflected "DELE"."""
    words = _WORD.findall(text)
    if not words:
        return False
    turkish = sum(1 for word in words if any(letter in word for letter in _TURKISH_LETTERS))
    return turkish >= max(1, len(words) / 10)


def _inflected(node: dict, key: str) -> _Form | None:
    """The spelling that ``key`` is an inflected form of, if it ends one in ``node``."""
    for cut in range(len(key) - 1, max(3, len(key) - 9), -1):
        child = node.get(key[:cut])
        if child is not None and None in child and _TURKISH_ENDINGS.fullmatch(key[cut:]):
            return child[None]
    return None


def _left_ok(tokens: list[Token], i: int) -> bool:
    if i == 0:
        return True
    gap = tokens[i].gap
    if gap == HYPHEN:
        return False
    return gap != GLUED or tokens[i - 1].text in _LEFT_OK


def _accepts(tokens: list[Token], i: int, j: int, form: _Form) -> bool:
    if form.exact_case and tuple(t.text for t in tokens[i:j]) != form.raw:
        return False
    if i > 0 and tokens[i - 1].key in _PEOPLE_BEFORE.get(form.skill.name, ()):
        return False
    if j < len(tokens):
        after = tokens[j]
        if after.key in _NOT_BEFORE.get(form.skill.name, ()):
            return False
        if after.gap == HYPHEN:
            return not form.needs_context
        if after.gap == GLUED:
            return _right_glue_ok(tokens, j, form)
    return True


def _right_glue_ok(tokens: list[Token], j: int, form: _Form) -> bool:
    text = tokens[j].text
    if text in _SENTENCE_END:
        # "Python." ends a sentence; "Node.js", "R.Smith" and "C.V." continue a word.
        return j + 1 >= len(tokens) or tokens[j + 1].gap != GLUED
    if text in "'’":
        return not form.needs_context  # "Python's" yes, "Julia's" no
    return text in _RIGHT_OK


def _resolve_context(
    tokens: list[Token], found: list[tuple[int, int, _Form]]
) -> list[tuple[int, int, _Form]]:
    """Keep context-dependent spellings only where a cue or a technical neighbour supports them."""
    accepted = {i: (i, j, f) for i, j, f in found if not f.needs_context}
    pending = [(i, j, f) for i, j, f in found if f.needs_context]
    changed = True
    while pending and changed:
        changed = False
        ends = {j: f for _, j, f in accepted.values()}
        starts = {i: f for i, _, f in accepted.values()}
        for item in list(pending):
            i, j, form = item
            neighbours = _cues(form).neighbours
            if _has_cue(tokens, i, j, form) or _has_neighbour(
                tokens, i, j, neighbours, starts, ends
            ):
                accepted[i] = item
                pending.remove(item)
                changed = True
    for item in _language_lines(tokens, pending):
        accepted[item[0]] = item
    return sorted(accepted.values(), key=lambda item: item[0])


def _language_lines(
    tokens: list[Token], pending: list[tuple[int, int, _Form]]
) -> list[tuple[int, int, _Form]]:
    """Languages that make up a whole line between them: "- German or Dutch", "French, Italian"
    is a list of languages, not nationalities; so is one language as a bullet ("- Spanish")."""
    languages = {i: (i, j, f) for i, j, f in pending if f.skill.category == "language"}
    found: list[tuple[int, int, _Form]] = []
    k, n = 0, len(tokens)
    while k < n:
        line = [k]
        k += 1
        while k < n and tokens[k].gap < NEWLINE:
            line.append(k)
            k += 1
        items, at = [], line[0]
        while at <= line[-1]:
            if at in languages:
                items.append(languages[at])
                at = languages[at][1]
            elif tokens[at].key in _DELIMITERS:
                at += 1
            else:
                break
        else:
            bullet = tokens[line[0]].key in _DELIMITERS and line[0] not in languages
            if len(items) >= 2 or (items and bullet):
                found.extend(items)
    return found


def _cues(form: _Form) -> _Cues:
    if form.skill.category == "language":
        return _HUMAN_LANGUAGE
    return _CUES.get(form.skill.name, _TOOL)


def _has_cue(tokens: list[Token], i: int, j: int, form: _Form) -> bool:
    cues = _cues(form)
    n = len(tokens)
    k = j
    if cues.skip_punctuation:
        # "English (C1)", "Turkish is a plus", "German - B2"
        while (
            k < n
            and tokens[k].gap < NEWLINE
            and (tokens[k].text in _CUE_PUNCTUATION or tokens[k].key in _FILLERS)
        ):
            k += 1
    if k < n and tokens[k].gap in (SPACE, GLUED) and tokens[k].key in cues.after:
        return True
    k = i
    if cues.skip_punctuation:
        while k > 0 and tokens[k - 1].text in _CUE_PUNCTUATION and tokens[k].gap < NEWLINE:
            k -= 1
    if k == 0 or tokens[k].gap not in (SPACE, GLUED):
        return False
    if tokens[k - 1].key in cues.before:
        return True
    return k >= 2 and (tokens[k - 2].key, tokens[k - 1].key) in cues.before_pairs


def _is_item(tokens: list[Token], i: int, j: int) -> bool:
    """Whether tokens[i:j] stand as one item of a list or line, not inside a phrase."""
    left = i == 0 or tokens[i].gap >= NEWLINE or tokens[i - 1].key in _ITEM_END
    right = j >= len(tokens) or tokens[j].gap >= NEWLINE or tokens[j].key in _ITEM_END
    return left and right


def _has_neighbour(
    tokens: list[Token],
    i: int,
    j: int,
    categories: frozenset[str],
    starts: dict[int, _Form],
    ends: dict[int, _Form],
) -> bool:
    if not _is_item(tokens, i, j):
        return False
    # A neighbour on another line only counts in a one-item-per-line list ("• C\n• Python"),
    # not for "Grade: C" followed by a line about Python.
    line_item = _starts_line(tokens, i)
    # Walk left over delimiters to the previous item.
    k, crossed, newline = i, tokens[i].gap >= NEWLINE, tokens[i].gap >= NEWLINE
    while k > 0 and tokens[k - 1].key in _DELIMITERS:
        k -= 1
        crossed = True
        newline = newline or tokens[k].gap >= NEWLINE
    if (
        crossed
        and (line_item or not newline)
        and k in ends
        and ends[k].skill.category in categories
    ):
        return True
    # Walk right over delimiters to the next item.
    k, crossed, newline = j, False, False
    while k < len(tokens) and tokens[k].key in _DELIMITERS:
        newline = newline or tokens[k].gap >= NEWLINE
        k += 1
        crossed = True
    if k < len(tokens) and tokens[k].gap >= NEWLINE:
        crossed = newline = True
    if not crossed or (newline and not line_item) or k not in starts:
        return False
    return starts[k].skill.category in categories


def _starts_line(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] opens its line, perhaps after a bullet ("- C", "• R")."""
    if i == 0 or tokens[i].gap >= NEWLINE:
        return True
    return tokens[i - 1].key in _DELIMITERS and (i == 1 or tokens[i - 1].gap >= NEWLINE)
