"""Small terminal charts drawn with block characters: sparklines and horizontal bars.

No plotting library: eight block heights (▁..█) carry a weekly series well enough in one
line, work in every terminal font, and cost nothing to import.
"""

from __future__ import annotations

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = " "  # a week without a value


def resample(values: list[float | None], width: int) -> list[float | None]:
    """At most `width` points: neighbouring values averaged, so long series still fit."""
    if width < 1:
        return []
    if len(values) <= width:
        return list(values)
    out: list[float | None] = []
    for i in range(width):
        start = i * len(values) // width
        end = max(start + 1, (i + 1) * len(values) // width)
        known = [v for v in values[start:end] if v is not None]
        out.append(sum(known) / len(known) if known else None)
    return out


def sparkline(
    values: list[float | None], *, low: float, high: float, width: int | None = None
) -> str:
    """One character per value on a fixed scale low..high; None becomes a blank."""
    points = resample(values, width) if width else values
    span = (high - low) or 1.0
    chars = []
    for value in points:
        if value is None:
            chars.append(GAP)
            continue
        share = min(1.0, max(0.0, (value - low) / span))
        chars.append(BLOCKS[min(len(BLOCKS) - 1, int(share * len(BLOCKS)))])
    return "".join(chars)


def bar(value: float, *, high: float, width: int = 20) -> str:
    """A horizontal bar of `width` cells for value out of high (eighths for the last cell)."""
    share = min(1.0, max(0.0, value / high)) if high else 0.0
    eighths = round(share * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width)
