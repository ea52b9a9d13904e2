"""Text normalisation: pure functions, so every rule is pinned on small strings."""

from __future__ import annotations

import pytest

from careercoach.documents.normalize import (
    join_hyphenated,
    normalize_bullet,
    normalize_text,
    unify_characters,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Certi\ufb01ed", "Certified"),
        ("work\ufb02ows", "workflows"),
        ("e\ufb00ective", "effective"),
        ("o\ufb03ce", "office"),
        ("ba\ufb04e", "baffle"),
        ("\uff30\uff59\uff54\uff48\uff4f\uff4e", "Python"),  # full-width letters
        ("non\u2011breaking", "non-breaking"),
        ("a\u2010b", "a-b"),
        ("zero\u200bwidth", "zerowidth"),
        ("\ufeffBOM", "BOM"),
        ("bell\x07 and null\x00", "bell and null"),
        ("evil\u202eoverride", "eviloverride"),
    ],
)
def test_characters_are_unified(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


def test_turkish_letters_survive_nfkc() -> None:
    name = "Şebnem Çağla Yıldırım, İstanbul, Boğaziçi, Öztürk, Günümüz"
    assert normalize_text(name) == name


def test_decomposed_letters_are_composed() -> None:
    assert normalize_text("S\u0327ebnem I\u0307stanbul") == "Şebnem İstanbul"


def test_zero_width_joiners_stay_for_scripts_that_need_them() -> None:
    assert "\u200c" in unify_characters("می\u200cخواهم")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("• Python", "- Python"),
        ("•Python", "- Python"),
        ("▪ SQL", "- SQL"),
        ("◦ Docker", "- Docker"),
        ("● Go", "- Go"),
        ("■ Rust", "- Rust"),
        ("➢ Kafka", "- Kafka"),
        ("✓ Scrum", "- Scrum"),
        ("\uf0b7 Excel", "- Excel"),  # Word's Symbol-font bullet, as PDFs carry it
        ("- Already fine", "- Already fine"),
        ("* Markdown star", "- Markdown star"),
        ("– En dash item", "- En dash item"),
        ("-5 % churn", "-5 % churn"),
        ("*args and **kwargs", "*args and **kwargs"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("Python • SQL • Docker", "Python • SQL • Docker"),
    ],
)
def test_bullets_become_dash_space(raw: str, clean: str) -> None:
    assert normalize_bullet(raw) == clean


def test_a_bullet_alone_on_its_line_joins_its_item() -> None:
    assert normalize_text("•\nPython\n•\nSQL") == "- Python\n- SQL"


def test_private_use_bullets_mid_line_become_a_real_bullet() -> None:
    assert normalize_text("Python \uf0b7 SQL") == "Python • SQL"


def test_words_split_across_lines_are_joined() -> None:
    text = "gained deep experi-\nence in distributed systems"
    assert normalize_text(text) == "gained deep experience\nin distributed systems"


def test_a_split_word_alone_on_the_next_line_leaves_no_empty_line() -> None:
    assert normalize_text("manage-\nment\nNext line") == "management\nNext line"


@pytest.mark.parametrize(
    "text",
    [
        "front-end and back-end",
        "2019-2021",
        "Jan 2019 -\nDec 2021",  # a range broken after its dash
        "2019-\n2021",  # digits: not a split word
        "Python-\nBased tooling",  # capitalised next line: not a split word
    ],
)
def test_real_hyphens_stay(text: str) -> None:
    assert normalize_text(text) == text


def test_a_hyphen_the_document_uses_elsewhere_is_kept_at_a_line_break() -> None:
    lines = ["Built the front-", "end in React.", "All front-end tests pass."]
    assert join_hyphenated(lines)[0] == "Built the front-end"


def test_soft_hyphens_are_removed_and_join_split_words() -> None:
    raw = "experi\u00ad\nence and co\u00adoperation"
    assert normalize_text(raw) == "experience\nand cooperation"


def test_whitespace_is_collapsed_and_lines_stripped() -> None:
    raw = "  Senior   Engineer\t\tNorthwind  \u00a0 2021  \nnext\u2003line   "
    assert normalize_text(raw) == "Senior Engineer Northwind 2021\nnext line"


def test_paragraph_breaks_are_kept_but_not_multiplied() -> None:
    raw = "Experience\n\n\n\n   \n\nSkills\nPython\n\n"
    assert normalize_text(raw) == "Experience\n\nSkills\nPython"


def test_line_endings_and_form_feeds() -> None:
    assert normalize_text("a\r\nb\rc\fd\u2028e") == "a\nb\nc\n\nd\ne"


def test_normalising_twice_changes_nothing() -> None:
    raw = "• Certi\ufb01ed  Scrum   Master\r\n\r\n\r\nexperi-\nence\u00ad\nx"
    once = normalize_text(raw)
    assert normalize_text(once) == once
