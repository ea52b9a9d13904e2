"""Build the CV test corpus in this directory: PDFs, DOCX files, text CVs and expected.json.

The generated files are committed, so the tests need neither reportlab nor a particular font;
run this script again only when the corpus should change:

    python tests/corpus/make_corpus.py [--out DIR]

Needs reportlab, pypdf, python-docx and Pillow, and the DejaVu Sans TTF (it covers Turkish
letters and the fi/fl ligature glyphs). Output is byte-for-byte reproducible with the same
library versions: reportlab runs in invariant mode, zip entries get a fixed timestamp and the
encrypted PDF's salts come from a seeded generator (fine for a test fixture, never for a
real secret).

Every CV's facts (name, skills, employers, dates) live in cv_facts.py; each builder renders
them and expected.json repeats them, so the reader tests and the later parser benchmark check
against the same truth.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import runpy
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

HERE = Path(__file__).resolve().parent
# The facts live next to this script; run_path keeps this working however it is started.
_FACTS = runpy.run_path(str(HERE / "cv_facts.py"))
CVS: dict[str, dict[str, Any]] = _FACTS["CVS"]
OUTCOMES: dict[str, dict[str, Any]] = _FACTS["OUTCOMES"]
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path.home() / "Library/Fonts",
)
PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
MARGIN = 56.0

LIGATURES = {"ffi": "\ufb03", "ffl": "\ufb04", "ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02"}


def with_ligatures(text: str) -> str:
    """Replace fi, fl, ff, ffi, ffl by their ligature code points, longest first."""
    for plain, glyph in LIGATURES.items():
        text = text.replace(plain, glyph)
    return text


# --- PDF helpers ---------------------------------------------------------------------------


def find_font(name: str) -> Path:
    for folder in FONT_DIRS:
        path = folder / name
        if path.is_file():
            return path
    raise SystemExit(f"{name} not found in {', '.join(map(str, FONT_DIRS))}; install DejaVu fonts")


def register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(find_font("DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(find_font("DejaVuSans-Bold.ttf"))))


def new_canvas(buffer: io.BytesIO, title: str) -> Any:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("careercoach test corpus")
    return pdf


def wrap(text: str, width: float, font: str = "DejaVu", size: float = 10) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width)


class Column:
    """Lays lines out top-down in a fixed-width column and records them as draw operations.

    Operations are drawn later in page order (top to bottom, then left to right), which is how
    many CV generators write their content streams and what makes naive extraction interleave
    two columns line by line.
    """

    def __init__(self, x: float, width: float, top: float, ops: list[tuple]) -> None:
        self.x, self.width, self.y, self.ops = x, width, top, ops

    def text(self, text: str, size: float = 10, bold: bool = False, leading: float = 14,
             indent: float = 0, right: str | None = None) -> None:
        font = "DejaVu-Bold" if bold else "DejaVu"
        self.ops.append((self.y, self.x + indent, font, size, text, "left"))
        if right is not None:
            self.ops.append((self.y, self.x + self.width, "DejaVu", size, right, "right"))
        self.y -= leading

    def paragraph(self, text: str, size: float = 10, leading: float = 14,
                  indent: float = 0, bullet: str | None = None) -> None:
        lines = wrap(text, self.width - indent - (12 if bullet else 0), "DejaVu", size)
        for number, line in enumerate(lines):
            if bullet and number == 0:
                self.ops.append((self.y, self.x + indent, "DejaVu", size, bullet, "left"))
            self.text(line, size, leading=leading, indent=indent + (12 if bullet else 0))

    def gap(self, points: float = 8) -> None:
        self.y -= points


def draw_ops(pdf: Any, ops: list[tuple]) -> None:
    for y, x, font, size, text, align in sorted(ops, key=lambda op: (-op[0], op[1])):
        pdf.setFont(font, size)
        if align == "right":
            pdf.drawRightString(x, y, text)
        else:
            pdf.drawString(x, y, text)


def experience_block(col: Column, cv: dict[str, Any], bullet: str = "•",
                     transform: Callable[[str], str] = str) -> None:
    for job in cv["experience"]:
        col.text(transform(f"{job['title']} — {job['employer']}"), bold=True,
                 right=job["dates_text"])
        for item in job["bullets"]:
            col.paragraph(transform(item), bullet=bullet)
        col.gap(6)


def education_block(col: Column, cv: dict[str, Any], transform: Callable[[str], str] = str) -> None:
    for school in cv["education"]:
        col.text(transform(f"{school['degree']}, {school['institution']}"),
                 right=school["dates_text"])


def header(col: Column, cv: dict[str, Any], transform: Callable[[str], str] = str) -> None:
    col.text(transform(cv["name"]), size=20, bold=True, leading=26)
    col.text(transform(cv["title"]), size=12, leading=16)
    col.text(cv["contact"], size=9, leading=20)


def pdf_bytes(build: Callable[[Any], None], title: str) -> bytes:
    buffer = io.BytesIO()
    pdf = new_canvas(buffer, title)
    build(pdf)
    pdf.save()
    return buffer.getvalue()


# --- the PDF builders ----------------------------------------------------------------------


def build_single_column(cv: dict[str, Any]) -> bytes:
    def build(pdf: Any) -> None:
        ops: list[tuple] = []
        col = Column(MARGIN, PAGE_W - 2 * MARGIN, PAGE_H - MARGIN, ops)
        header(col, cv)
        col.text("Profile", size=13, bold=True, leading=18)
        col.paragraph(cv["summary"])
        col.gap()
        col.text("Experience", size=13, bold=True, leading=18)
        experience_block(col, cv)
        for line in cv["hyphenated_lines"]:
            col.text(line)
        col.gap()
        col.text("Skills", size=13, bold=True, leading=18)
        for skill in cv["skills"]:
            col.text(skill, indent=12)
            ops.append((col.y + 14, col.x, "DejaVu", 10, "▪", "left"))
        col.gap()
        col.text("Education", size=13, bold=True, leading=18)
        education_block(col, cv)
        draw_ops(pdf, ops)
        pdf.showPage()

        ops = []
        col = Column(MARGIN, PAGE_W - 2 * MARGIN, PAGE_H - MARGIN, ops)
        for number, line in enumerate(cv["page_two"]):
            if number % 2 == 0:
                col.text(line, size=13, bold=True, leading=18)
            else:
                col.paragraph(line)
                col.gap()
        draw_ops(pdf, ops)
        pdf.showPage()

    return pdf_bytes(build, f"CV – {cv['name']}")


def build_two_column(cv: dict[str, Any]) -> bytes:
    def build(pdf: Any) -> None:
        ops: list[tuple] = []
        top = Column(MARGIN, PAGE_W - 2 * MARGIN, PAGE_H - MARGIN, ops)
        header(top, cv)
        # A narrow sidebar on the left, the main column on the right, a wide gutter between;
        # different leading in each column so their baselines only sometimes coincide.
        side_w = 170.0
        left = Column(MARGIN, side_w, top.y - 10, ops)
        right = Column(MARGIN + side_w + 36, PAGE_W - 2 * MARGIN - side_w - 36, top.y - 10, ops)

        left.text("About", size=12, bold=True, leading=17)
        for sentence in cv["left_sentences"]:
            left.paragraph(sentence, leading=13)
            left.gap(4)
        left.text("Skills", size=12, bold=True, leading=17)
        for skill in cv["skills"]:
            left.paragraph(skill, bullet="•", leading=13)
        left.gap()
        left.text("Education", size=12, bold=True, leading=17)
        for school in cv["education"]:
            left.paragraph(school["degree"], leading=13)
            left.paragraph(school["institution"], leading=13)
            left.text(school["dates_text"], leading=13)

        right.text("Experience", size=12, bold=True, leading=17)
        sentences = iter(cv["right_sentences"])
        for number, job in enumerate(cv["experience"]):
            right.text(f"{job['title']}, {job['employer']}", bold=True, leading=15)
            right.text(job["dates_text"], size=9, leading=15)
            for sentence in ([next(sentences), next(sentences)] if number == 0
                             else list(sentences)):
                right.paragraph(sentence, bullet="•", leading=15)
            right.gap()
        draw_ops(pdf, ops)
        pdf.showPage()

    return pdf_bytes(build, f"CV – {cv['name']}")


def build_ligatures(cv: dict[str, Any]) -> bytes:
    def build(pdf: Any) -> None:
        ops: list[tuple] = []
        col = Column(MARGIN, PAGE_W - 2 * MARGIN, PAGE_H - MARGIN, ops)
        header(col, cv, transform=with_ligatures)
        col.text(with_ligatures("Certified Management Accountant (CIMA), 2020"), leading=20)
        col.text("Experience", size=13, bold=True, leading=18)
        experience_block(col, cv, bullet="●", transform=with_ligatures)
        col.text("Skills", size=13, bold=True, leading=18)
        col.paragraph(with_ligatures(", ".join(cv["skills"])))
        col.gap()
        col.text("Education", size=13, bold=True, leading=18)
        education_block(col, cv, transform=with_ligatures)
        draw_ops(pdf, ops)
        pdf.showPage()

    return pdf_bytes(build, f"CV – {cv['name']}")


def build_simple(cv: dict[str, Any], bullet: str = "•", skills_heading: str = "Skills",
                 experience_heading: str = "Experience",
                 education_heading: str = "Education") -> bytes:
    def build(pdf: Any) -> None:
        ops: list[tuple] = []
        col = Column(MARGIN, PAGE_W - 2 * MARGIN, PAGE_H - MARGIN, ops)
        header(col, cv)
        col.text(experience_heading, size=13, bold=True, leading=18)
        experience_block(col, cv, bullet=bullet)
        col.text(skills_heading, size=13, bold=True, leading=18)
        for skill in cv["skills"]:
            col.paragraph(skill, bullet=bullet)
        col.gap()
        col.text(education_heading, size=13, bold=True, leading=18)
        education_block(col, cv)
        draw_ops(pdf, ops)
        pdf.showPage()

    return pdf_bytes(build, f"CV – {cv['name']}")


def build_turkish(cv: dict[str, Any]) -> bytes:
    return build_simple(cv, bullet="➢", skills_heading="Yetenekler",
                        experience_heading="Deneyim", education_heading="Eğitim")


def build_scanned(cv: dict[str, Any]) -> bytes:
    """A page that is one raster image of a CV and no text at all, as a scanner makes."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    scale = 100 / 72  # 100 dpi
    image = Image.new("L", (int(PAGE_W * scale), int(PAGE_H * scale)), 255)
    draw = ImageDraw.Draw(image)
    regular = ImageFont.truetype(str(find_font("DejaVuSans.ttf")), 14)
    big = ImageFont.truetype(str(find_font("DejaVuSans-Bold.ttf")), 28)
    y = 70
    draw.text((70, y), cv["name"], font=big, fill=0)
    y += 50
    lines = [cv["title"], cv["contact"], "", "Experience"]
    for job in cv["experience"]:
        lines += [f"{job['title']} — {job['employer']}   {job['dates_text']}"]
        lines += [f"  • {item}" for item in job["bullets"]]
    lines += ["", "Skills", ", ".join(cv["skills"]), "", "Education"]
    lines += [f"{s['degree']}, {s['institution']}   {s['dates_text']}" for s in cv["education"]]
    for line in lines:
        draw.text((70, y), line, font=regular, fill=0)
        y += 24
    image = image.convert("1")  # one bit per pixel keeps the file small

    def build(pdf: Any) -> None:
        pdf.drawImage(ImageReader(image), 0, 0, width=PAGE_W, height=PAGE_H)
        pdf.showPage()

    return pdf_bytes(build, "scan")


def build_encrypted(cv: dict[str, Any]) -> bytes:
    import pypdf

    plain = build_simple(cv)
    reader = pypdf.PdfReader(io.BytesIO(plain))
    writer = pypdf.PdfWriter(clone_from=reader)
    seeded = random.Random(20240601)
    with mock.patch("secrets.token_bytes", lambda n: seeded.randbytes(n)):
        writer.encrypt(user_password=cv["password"], owner_password=cv["password"] + "-owner",
                       algorithm="AES-256")
        out = io.BytesIO()
        writer.write(out)
    return out.getvalue()


def build_truncated(cv: dict[str, Any]) -> bytes:
    whole = build_simple(cv)
    return whole[: len(whole) * 3 // 5]


# --- DOCX and text builders ----------------------------------------------------------------


def docx_bytes(document: Any) -> bytes:
    """Save a python-docx document with fixed zip timestamps and core properties."""
    import datetime

    fixed = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    props = document.core_properties
    props.author = "careercoach test corpus"
    props.created = props.modified = fixed
    props.last_modified_by = "careercoach"
    props.revision = 1
    raw = io.BytesIO()
    document.save(raw)
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed_info = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed_info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed_info, source.read(info.filename))
    return out.getvalue()


def build_table_docx(cv: dict[str, Any]) -> bytes:
    """Name in the page header, experience and skills in tables: the layout of many templates."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = f"{cv['name']} — {cv['title']}"
    document.add_paragraph(cv["contact"])
    document.add_heading("Experience", level=1)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, ("Employer", "Role", "Dates"), strict=True):
        cell.text = label
    for job in cv["experience"]:
        cells = table.add_row().cells
        cells[0].text = job["employer"]
        cells[1].text = f"{job['title']}. {' '.join(job['bullets'])}"
        cells[2].text = job["dates_text"]
    document.add_heading("Skills", level=1)
    skills = document.add_table(rows=0, cols=2)
    for pair in range(0, len(cv["skills"]), 2):
        cells = skills.add_row().cells
        for cell, skill in zip(cells, cv["skills"][pair:pair + 2], strict=False):
            cell.text = skill
    document.add_heading("Education", level=1)
    for school in cv["education"]:
        document.add_paragraph(f"{school['degree']}, {school['institution']}, "
                               f"{school['dates_text']}")
    return docx_bytes(document)


def build_plain_docx(cv: dict[str, Any]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(cv["name"], level=0)
    document.add_paragraph(cv["title"])
    document.add_paragraph(cv["contact"])
    document.add_heading("Experience", level=1)
    for job in cv["experience"]:
        document.add_paragraph(f"{job['title']}, {job['employer']} ({job['dates_text']})")
        for item in job["bullets"]:
            document.add_paragraph(item, style="List Bullet")
    document.add_heading("Skills", level=1)
    for skill in cv["skills"]:
        document.add_paragraph(f"• {skill}")
    document.add_heading("Education", level=1)
    for school in cv["education"]:
        document.add_paragraph(f"{school['degree']}, {school['institution']}, "
                               f"{school['dates_text']}")
    document.sections[0].footer.paragraphs[0].text = "References available on request"
    return docx_bytes(document)


def build_markdown(cv: dict[str, Any]) -> bytes:
    lines = [f"# {cv['name']}", "", f"**{cv['title']}** · {cv['contact']}", "", "## Experience",
             ""]
    for job in cv["experience"]:
        lines += [f"### {job['title']} — {job['employer']}", f"*{job['dates_text']}*", ""]
        lines += [f"* {item}" for item in job["bullets"]] + [""]
    lines += ["## Skills", ""] + [f"- {skill}" for skill in cv["skills"]] + [""]
    lines += ["## Education", ""]
    lines += [f"- {s['degree']}, {s['institution']} ({s['dates_text']})" for s in cv["education"]]
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_text(cv: dict[str, Any]) -> bytes:
    lines = [cv["name"].upper(), cv["title"], cv["contact"], "", "EXPERIENCE"]
    for job in cv["experience"]:
        lines += [f"{job['title']}\t{job['employer']}\t{job['dates_text']}"]
        lines += [f"\u2022 {item}" for item in job["bullets"]]
    lines += ["", "SKILLS", " \u2022 ".join(cv["skills"]), "", "EDUCATION"]
    lines += [f"{s['degree']}, {s['institution']}, {s['dates_text']}" for s in cv["education"]]
    # Windows line endings, as a CV saved from Notepad would have.
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


BUILDERS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "cv_single_column.pdf": build_single_column,
    "cv_two_column.pdf": build_two_column,
    "cv_ligatures.pdf": build_ligatures,
    "cv_turkish.pdf": build_turkish,
    "cv_scanned.pdf": build_scanned,
    "cv_encrypted.pdf": build_encrypted,
    "cv_truncated.pdf": build_truncated,
    "cv_table.docx": build_table_docx,
    "cv_plain.docx": build_plain_docx,
    "cv_markdown.md": build_markdown,
    "cv_plain.txt": build_text,
}


def expected_facts() -> dict[str, Any]:
    """The truth per file: what a reader and a CV parser should find in it."""
    import copy

    files: dict[str, Any] = {}
    for filename, cv in copy.deepcopy(CVS).items():
        facts = {key: value for key, value in cv.items()
                 if key not in ("hyphenated_lines", "page_two")}
        for job in facts["experience"]:
            job.pop("bullets", None)
        files[filename] = {**OUTCOMES[filename], **facts}
    return {
        "about": "Facts per corpus file, built by make_corpus.py; dates as YYYY-MM or YYYY, "
                 "'present' for an open end; dates_text is how the CV prints the range.",
        "files": files,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="where to write (default: here)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    register_fonts()
    import copy

    for filename, build in BUILDERS.items():
        data = build(copy.deepcopy(CVS[filename]))
        (args.out / filename).write_bytes(data)
        print(f"{filename:24} {len(data):>7} bytes  {hashlib.sha256(data).hexdigest()[:12]}")
    expected = json.dumps(expected_facts(), ensure_ascii=False, indent=2) + "\n"
    (args.out / "expected.json").write_text(expected, encoding="utf-8")


if __name__ == "__main__":
    main()
