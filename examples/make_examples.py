"""Build examples/cv.pdf (a two-page CV) from examples/cv.md, for the README's first command:

    careercoach gap --cv examples/cv.pdf --job examples/posting.md

The PDF is committed; run this again only when cv.md changes (needs reportlab, in the test
extra: pip install -e '.[test]'):

    python examples/make_examples.py

The output is reproducible: reportlab runs in invariant mode (fixed dates and ids). The CV is
fictional: the e-mail uses example.com and the phone number Ofcom's range for drama.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _inline(text: str) -> str:
    """Markdown's **bold** as reportlab's <b>, everything else escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) blocks: h1, h2, h3, bullet or para; wrapped lines are joined."""
    blocks: list[tuple[str, str]] = []
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if not line.strip():
            blocks.append(("blank", ""))
            continue
        heading = re.match(r"^(#{1,3}) (.*)", line)
        if heading:
            blocks.append((f"h{len(heading.group(1))}", heading.group(2)))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif line.startswith("  ") and blocks and blocks[-1][0] == "bullet":
            blocks[-1] = ("bullet", blocks[-1][1] + " " + line.strip())
        elif blocks and blocks[-1][0] == "para":
            blocks[-1] = ("para", blocks[-1][1] + " " + line.strip())
        else:
            blocks.append(("para", line.strip()))
    return [b for b in blocks if b[0] != "blank"]


def build_pdf(source: Path, target: Path) -> int:
    """Render the Markdown CV as an A4 PDF; returns the page count."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    rl_config.invariant = 1
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10.5, leading=15)
    styles = {
        "h1": ParagraphStyle("h1", parent=base, fontName="Helvetica-Bold", fontSize=22, leading=28),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=13.5,
            leading=18,
            spaceBefore=12,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName="Helvetica-Bold", fontSize=11, leading=15, spaceBefore=8
        ),
        "para": ParagraphStyle("para", parent=base, spaceAfter=4),
        "bullet": ParagraphStyle("bullet", parent=base),
    }
    story: list = []
    bullets: list = []

    def flush() -> None:
        if bullets:
            story.append(
                ListFlowable(list(bullets), bulletType="bullet", leftIndent=14, bulletFontSize=8)
            )
            bullets.clear()

    for kind, text in _blocks(source.read_text(encoding="utf-8")):
        if kind == "bullet":
            bullets.append(ListItem(Paragraph(_inline(text), styles["bullet"])))
            continue
        flush()
        story.append(Paragraph(_inline(text), styles[kind]))
        if kind == "h1":
            story.append(Spacer(1, 2))
    flush()
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title="CV - Alex Morgan",
        author="careercoach examples",
    )
    doc.build(story)
    return doc.page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "cv.pdf")
    args = parser.parse_args()
    pages = build_pdf(HERE / "cv.md", args.out)
    print(f"wrote {args.out} ({pages} pages)")


if __name__ == "__main__":
    main()
