"""The CV corpus (tests/corpus, built by make_corpus.py) read end to end through the worker.

Each readable file must give its expected facts (name, skills, employers, dates) in the text;
the special cases (two columns, ligatures, Turkish, hyphenation, tables, headers) are pinned
one by one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from careercoach.documents.reader import (
    PAGE_SEPARATOR,
    Document,
    UnreadableDocument,
    read_document,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["files"]
READABLE = sorted(name for name, facts in EXPECTED.items() if "error" not in facts)
_cache: dict[str, Document] = {}


def read(name: str) -> Document:
    """Each corpus file is read once per test session: every read starts a worker."""
    if name not in _cache:
        _cache[name] = read_document(CORPUS / name, password=EXPECTED[name].get("password"))
    return _cache[name]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_corpus_has_at_least_eight_pdf_and_docx_cvs() -> None:
    binary = [name for name in EXPECTED if name.endswith((".pdf", ".docx"))]
    assert len(binary) >= 8
    for name in EXPECTED:
        assert (CORPUS / name).stat().st_size < 100_000
        assert len(EXPECTED[name]["skills"]) >= 5


@pytest.mark.parametrize("name", READABLE)
def test_expected_facts_are_in_the_text(name: str) -> None:
    facts = EXPECTED[name]
    document = read(name)
    text = flat(document.text)
    assert facts["name"] in text or facts["name"].upper() in text
    for skill in facts["skills"]:
        assert skill in text
    for job in facts["experience"]:
        assert job["employer"] in text
        assert job["dates_text"] in text
    for school in facts["education"]:
        assert school["institution"] in text
    assert document.kind == facts["kind"]
    assert document.page_count == facts["pages"]


@pytest.mark.parametrize(
    ("name", "reason"),
    sorted((name, facts.get("error") or facts["error_without_password"])
           for name, facts in EXPECTED.items()
           if "error" in facts or "error_without_password" in facts),
)
def test_unreadable_corpus_files_give_their_error(name: str, reason: str) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(CORPUS / name)
    assert caught.value.reason == reason


def test_document_metadata() -> None:
    import hashlib

    path = CORPUS / "cv_single_column.pdf"
    document = read("cv_single_column.pdf")
    assert document.filename == "cv_single_column.pdf"
    assert document.size_bytes == path.stat().st_size
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.page_count == len(document.pages) == 2
    assert document.text == PAGE_SEPARATOR.join(document.pages)
    assert document.word_count == len(document.text.split())
    assert "Projects" in document.pages[1] and "Projects" not in document.pages[0]


def test_two_columns_are_not_interleaved() -> None:
    facts = EXPECTED["cv_two_column.pdf"]
    text = flat(read("cv_two_column.pdf").text)
    for sentence in facts["left_sentences"] + facts["right_sentences"]:
        assert sentence in text
    # Left column (About, Skills, Education) wholly before the right (Experience).
    assert text.index("Universidad Carlos III") < text.index("Experience")


def test_plain_pypdf_does_interleave_the_two_column_cv() -> None:
    """The two-column test means something: pypdf's default mode breaks the sentences."""
    import pypdf

    reader = pypdf.PdfReader(CORPUS / "cv_two_column.pdf")
    plain = flat(reader.pages[0].extract_text())
    facts = EXPECTED["cv_two_column.pdf"]
    broken = [s for s in facts["left_sentences"] + facts["right_sentences"] if s not in plain]
    assert len(broken) >= 3


def test_ligatures_are_repaired() -> None:
    facts = EXPECTED["cv_ligatures.pdf"]
    text = read("cv_ligatures.pdf").text
    assert not re.search("[\ufb00-\ufb06]", text)
    for word in facts["ligature_words"]:
        assert word in text


def test_turkish_characters_are_intact() -> None:
    text = read("cv_turkish.pdf").text
    assert text.startswith("Şebnem Çağla Yıldırım\n")
    for phrase in ("İstanbul, Türkiye", "Boğaziçi Yazılım A.Ş.", "Eylül 2020 – Günümüz",
                   "Doğal Dil İşleme", "Orta Doğu Teknik Üniversitesi"):
        assert phrase in text
    assert "- Makine Öğrenmesi" in text  # "➢" bullets normalised


def test_hyphenation_across_lines_is_repaired_and_real_hyphens_kept() -> None:
    text = read("cv_single_column.pdf").text
    assert "gained deep experience" in text
    assert "experi-" not in text
    for hyphenated in ("front-end", "high-volume", "on-call", "2019-2021", "Open-source"):
        assert hyphenated in text


def test_bullets_are_normalised() -> None:
    text = read("cv_single_column.pdf").text
    assert "- Designed the ingestion service" in text  # was "•"
    assert "\n- PostgreSQL\n" in text  # was "▪", drawn apart from its item
    assert "•" not in text and "▪" not in text


def test_single_column_dates_stay_on_their_job_line() -> None:
    text = read("cv_single_column.pdf").text
    assert "Senior Backend Engineer — Northwind Analytics Mar 2021 – Present" in text


def test_docx_header_table_and_footer() -> None:
    table = read("cv_table.docx").text
    assert table.startswith("Olumide Adeyemi — Frontend Developer")
    assert "Paystream | Frontend Developer. Rebuilt the merchant dashboard" in table
    assert "| Jan 2021 – Present" in table
    plain = read("cv_plain.docx").text
    assert plain.startswith("Zeynep Öztürk\n")
    assert plain.endswith("References available on request")
    assert "- Ran 120 user interviews" in plain  # a Word list item gets its bullet
    assert "- Usability testing" in plain  # a typed "•" too


def test_text_files() -> None:
    markdown = read("cv_markdown.md")
    assert markdown.text.startswith("# Tomás Rivera")
    assert "- Trained demand models" in markdown.text  # "* " list item normalised
    assert markdown.pages == [markdown.text]
    text = read("cv_plain.txt").text
    assert "\r" not in text
    assert "Registered Nurse St. Michael's Hospital Oct 2019 – Present" in text  # tabs collapsed


def test_encrypted_cv_reads_with_its_password() -> None:
    assert read("cv_encrypted.pdf").text.startswith("Priya Raman")


@pytest.mark.slow
def test_make_corpus_rebuilds_the_same_texts(tmp_path: Path) -> None:
    """Rebuilding the corpus gives files that read the same (needs reportlab and DejaVu)."""
    pytest.importorskip("reportlab")
    import runpy

    module = runpy.run_path(str(CORPUS / "make_corpus.py"))
    try:
        module["register_fonts"]()
    except SystemExit as exc:
        pytest.skip(str(exc))
    module["main"](["--out", str(tmp_path)])
    assert json.loads((tmp_path / "expected.json").read_text("utf-8"))["files"] == EXPECTED
    for name in EXPECTED:
        rebuilt = (tmp_path / name).read_bytes()
        if rebuilt == (CORPUS / name).read_bytes() or name not in READABLE:
            continue
        # Other reportlab or pypdf versions write other bytes: the text must still match.
        password = EXPECTED[name].get("password")
        assert read_document(tmp_path / name, password=password).text == read(name).text
