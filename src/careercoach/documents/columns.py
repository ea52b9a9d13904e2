"""Put two-column pages back into reading order: the whole left column, then the right.

Input is a page as pypdf's layout mode renders it: a grid of characters where a column
keeps its x position, so a two-column CV shows up as lines with a blank vertical gutter
in the same place::

    About                          Experience
    Certified Scrum Master who     Data Analyst, Helios Energy
    enjoys mentoring junior        Sep 2020 – Present

Pure functions on strings, no PDF library, so the rules are testable on their own.

The rules, chosen so a single-column CV is left alone:

- a gutter is at least `GUTTER` blank characters wide, somewhere in the middle 70 % of the
  page width;
- the page is split only when lines with text on both sides of that gutter are at least
  `MIN_SPLIT_LINES` and a quarter of the page's text lines, and lines that run through it
  are at most a third (a single-column CV whose dates are right-aligned has many such
  two-sided lines, but far more lines that cross the gutter);
- lines that cross the gutter (a name or a summary across the page) stay where they are
  and cut the page into bands; each band is emitted left column first, then right.
"""

from __future__ import annotations

GUTTER = 3
MIN_SPLIT_LINES = 3
MAX_WIDTH = 1000  # wider "lines" are not a CV layout; leave them as they are


def split_columns(page: str) -> str:
    """Return `page` with a two-column layout read column by column; other pages unchanged."""
    lines = page.split("\n")
    gutter = find_gutter(lines)
    if gutter is None:
        return page
    out: list[str] = []
    band: list[str] = []
    for line in lines:
        if _crosses(line, gutter):
            out.extend(_read_band(band, gutter))
            band = []
            out.append(line)
        else:
            band.append(line)
    out.extend(_read_band(band, gutter))
    return "\n".join(out)


def find_gutter(lines: list[str]) -> int | None:
    """The character column of a gutter between two text columns, or None if there is none."""
    text_lines = [line.rstrip() for line in lines if line.strip()]
    if len(text_lines) < 2 * MIN_SPLIT_LINES:
        return None
    width = max(len(line) for line in text_lines)
    if width > MAX_WIDTH:
        return None
    # First and last non-blank character of each line: enough to tell "text on both sides".
    spans = [(len(line) - len(line.lstrip()), len(line) - 1) for line in text_lines]
    # The best gutter has the most lines with text on both sides, then the fewest lines
    # running through it; the first such position wins.
    best: tuple[int, int, int] | None = None  # (two-sided lines, -crossing lines, position)
    for position in range(int(width * 0.15), int(width * 0.85) + 1):
        two_sided = crossing = 0
        for line, (first, last) in zip(text_lines, spans, strict=True):
            if _crosses(line, position):
                crossing += 1
            elif first < _left_end(position) and last >= _right_start(position):
                two_sided += 1
        enough = two_sided >= max(MIN_SPLIT_LINES, len(text_lines) / 4)
        if enough and crossing <= len(text_lines) / 3:
            candidate = (two_sided, -crossing, position)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return None if best is None else best[2]


def _left_end(position: int) -> int:
    return position - GUTTER // 2


def _right_start(position: int) -> int:
    return position + GUTTER - GUTTER // 2


def _crosses(line: str, position: int) -> bool:
    return bool(line[_left_end(position):_right_start(position)].strip())


def _read_band(band: list[str], gutter: int) -> list[str]:
    """The band's left halves, then its right halves; a line blank only on one side is dropped
    from that side so a column keeps its own paragraphs."""
    left = [line[:gutter].rstrip() for line in band]
    right = [line[gutter:].strip() for line in band]
    keep_left = [half for half, whole in zip(left, band, strict=True) if half or not whole.strip()]
    keep_right = [half for half, whole in zip(right, band, strict=True)
                  if half or not whole.strip()]
    if not any(keep_right):
        return keep_left
    return [*keep_left, "", *keep_right]
