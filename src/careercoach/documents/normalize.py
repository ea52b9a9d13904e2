"""Clean extracted text so the same CV reads the same whatever produced it.

Pure functions, no I/O. `normalize_text` is the whole pipeline; the steps are public so
they can be tested and reused one by one:

1. `unify_characters`: Unicode NFKC (so the ligature ``ﬁ`` matches ``fi`` and a full-width
   ``Ｐｙｔｈｏｎ`` matches ``Python``), line endings to ``\\n``, tabs and exotic spaces to
   one space, Unicode hyphens to ``-``, and control and invisible format characters removed.
2. Per line: whitespace runs collapsed to one space, leading and trailing space stripped.
3. `normalize_bullet`: a bullet glyph at the start of a line becomes ``- ``.
4. `join_hyphenated`: words split across lines (``experi-`` / ``ence``) are joined, while
   real hyphens (``front-end``, ``2019-2021``) stay.
5. Paragraph breaks kept, but never more than one blank line in a row.
"""

from __future__ import annotations

import re
import unicodedata

SOFT_HYPHEN = "\u00ad"

# Glyphs that only ever mean "bullet" at the start of a line, including the private-use
# code points Word's Symbol and Wingdings fonts leave in PDFs (U+F0B7 is Symbol's bullet).
BULLET_GLYPHS = (
    "•·▪◦●■□○◆◇♦❖➢➤►▶▸▹‣⁃∙⦁◼◾◻✓✔✗✘➔→⮚"
    "\uf0b7\uf0a7\uf0a8\uf0d8\uf0fc\uf076\uf06e\uf0e8\uf0d2"
)
# Characters that are bullets only when a space follows ("-5 %", "*args", "+44" are not).
BULLET_MARKS = "-*+–—"

_BULLET_RE = re.compile(
    rf"^(?:[{re.escape(BULLET_GLYPHS)}]\s*|[{re.escape(BULLET_MARKS)}](?:\s+|$))"
)
_PRIVATE_BULLETS = str.maketrans({glyph: "•" for glyph in BULLET_GLYPHS if glyph > "\ue000"})

# NFKC leaves these alone; all of them mean "-" in a CV.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-", "\ufe63": "-",
                          "\uff0d": "-"})
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\x85\u2028]")
_PARAGRAPH_BREAKS = re.compile(r"[\f\u2029]")
_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than a newline, tabs included
_BLANK_RUNS = re.compile(r"\n{3,}")

# Format characters that carry no text: zero-width space, word joiner, BOM, and the bidi
# embedding/override/isolate controls (which can also disguise text in a terminal).
# ZWJ and ZWNJ stay: Persian, Indic scripts and emoji need them.
_INVISIBLE = frozenset(
    "\u200b\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def normalize_text(text: str) -> str:
    """Return `text` cleaned for reading and matching: see the module docstring for the steps."""
    text = unify_characters(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    lines = merge_lone_bullets([normalize_bullet(line) for line in lines])
    text = "\n".join(join_hyphenated(lines))
    text = text.replace(SOFT_HYPHEN, "")
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def unify_characters(text: str) -> str:
    """NFKC, one kind of line break and hyphen, and no control or invisible characters.

    Soft hyphens are kept here (they mark where a word was split at a line end, which
    `join_hyphenated` needs) and removed by `normalize_text` afterwards.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _PARAGRAPH_BREAKS.sub("\n\n", text)
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_HYPHENS).translate(_PRIVATE_BULLETS)
    return "".join(ch for ch in text if _is_kept(ch))


def _is_kept(ch: str) -> bool:
    if ch in "\n\t":
        return True
    if ch in _INVISIBLE:
        return False
    return unicodedata.category(ch) != "Cc"


def normalize_bullet(line: str) -> str:
    """Turn a leading bullet glyph ("•", "▪", "➢", "", "* ", "– ", ...) into "- "."""
    match = _BULLET_RE.match(line)
    if match is None:
        return line
    rest = line[match.end():].lstrip()
    return f"- {rest}" if rest else "-"


def merge_lone_bullets(lines: list[str]) -> list[str]:
    """Join a bullet drawn on a line of its own with the item on the next line."""
    merged: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line == "-" and following and not following.startswith("-"):
            merged.append(f"- {following}")
            index += 2
            continue
        merged.append(line)
        index += 1
    return merged


_WORD_START = re.compile(r"[^\W\d_]")


def join_hyphenated(lines: list[str]) -> list[str]:
    """Join words hyphenated across a line break: "experi-" + "ence in X" -> "experience" + "in X".

    A line counts as hyphenated when it ends in a letter and "-" (or a soft hyphen) and the
    next line starts with a lower-case letter. The completed word moves up; the rest of the
    next line stays where it was. The hyphen is kept when the document spells the word with
    a hyphen elsewhere ("front-" / "end" next to "front-end"), since then it is a real one.
    """
    vocabulary = set(re.findall(r"[^\W_]+(?:-[^\W_]+)*", "\n".join(lines).lower()))
    out = list(lines)
    for index in range(len(out) - 1):
        line, following = out[index], out[index + 1]
        soft = line.endswith(SOFT_HYPHEN)
        if not (soft or _ends_with_split_word(line)):
            continue
        if not following or not (soft or following[0].islower()):
            continue
        word, _, rest = following.partition(" ")
        head = line[:-1]
        if not soft and _hyphen_is_real(head, word, vocabulary):
            head += "-"
        out[index] = head + word
        out[index + 1] = rest
    return [line for line, was in zip(out, lines, strict=True) if line or not was]


def _ends_with_split_word(line: str) -> bool:
    return len(line) >= 3 and line.endswith("-") and bool(_WORD_START.match(line[-2]))


def _hyphen_is_real(head: str, tail: str, vocabulary: set[str]) -> bool:
    match = re.search(r"[^\W_]+$", head)
    first = match.group().lower() if match else ""
    tail = re.sub(r"\W+$", "", tail.lower())
    return f"{first}-{tail}" in vocabulary and f"{first}{tail}" not in vocabulary
