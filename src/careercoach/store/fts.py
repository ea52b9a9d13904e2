"""Full-text search plumbing shared by `journal search` and `careercoach search`.

What a person types becomes an FTS5 MATCH expression here (plain words are quoted so "C++" or
"e-mail" never read as syntax; a query that uses FTS5 operators is passed on as written), a
mistake in that syntax becomes one plain BadInput, and snippets come back with private marks
that the UI turns into highlights. Pure functions: no I/O, nothing heavy imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from careercoach.errors import BadInput

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # snippet marks no stored text contains
"""Put around matched words by snippet()/highlight(): pass them as char(2), char(3)."""

_OPERATORS = r'["()^{}]|\w\*|\b(?:AND|OR|NOT|NEAR)\b'
_TOKEN = re.compile(r"\w+", re.UNICODE)
_QUERY_FAULTS = ("fts5", "syntax error", "unterminated", "no such column", "unknown special")


@lru_cache(maxsize=8)
def _operators(columns: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(c) for c in columns)
    return re.compile(_OPERATORS + (rf"|(?i:\b(?:{names})\s*:)" if names else ""))


def match_expression(query: str, columns: Iterable[str] = ()) -> str:
    """The FTS5 query for what the person typed ("" when it holds no word to search for).

    Plain words are each quoted, so "C++", "e-mail", "foo:" or "-" are searched as words and
    never read as FTS syntax; all words must appear. A query that uses FTS5 operators (double
    quotes, AND/OR/NOT/NEAR, parentheses, a prefix '*', '^', or a filter on one of `columns`
    such as 'title:') is passed on as it is; a mistake in it is reported by query_error().
    """
    if _operators(tuple(columns)).search(query):
        return query
    words = [w for w in query.split() if _TOKEN.search(w)]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def no_words(example: str = "deadline") -> BadInput:
    """The error for a query with nothing to search for (empty, blanks or punctuation)."""
    return BadInput("the search has no words in it", hint=f"search for a word, e.g. {example}")


def query_error(query: str, detail: str) -> BadInput | None:
    """A plain BadInput when SQLite's message `detail` is about the query's FTS5 syntax.

    None when it is about something else (a locked or damaged database), which the caller
    should let through as the store error it is.
    """
    if not any(fault in detail for fault in _QUERY_FAULTS):
        return None
    return BadInput(
        f"the search {query!r} is not a valid full-text query ({detail})",
        hint='put words in double quotes to search for them as they are: "word"',
    )


def plain(marked: str) -> str:
    """A marked snippet with the matched words in [ and ], for JSON and plain text."""
    return marked.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]")


def unmarked(marked: str) -> str:
    """A marked snippet or title without its marks."""
    return marked.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def marked_parts(marked: str) -> list[tuple[str, bool]]:
    """A marked snippet as (text, matched) pieces, so brackets in the text stay plain text."""
    pieces: list[tuple[str, bool]] = []
    for i, chunk in enumerate(marked.split(MARK_OPEN)):
        if i == 0:
            pieces.append((chunk, False))
            continue
        inside, _, after = chunk.partition(MARK_CLOSE)
        pieces.extend([(inside, True), (after, False)])
    return [(text, hit) for text, hit in pieces if text]
