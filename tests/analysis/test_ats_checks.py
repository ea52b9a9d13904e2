"""The ATS-style CV checks: each on crafted texts (pass, warn, fail), the score, the corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careercoach.analysis.ats_checks import (
    WEIGHTS,
    Check,
    check_action_verbs,
    check_bullets,
    check_contact,
    check_date_format,
    check_headings,
    check_keywords,
    check_layout,
    check_length,
    check_pronouns,
    check_quantified,
    check_tech_spelling,
    check_text_extractable,
    check_timeline_gaps,
    overall_score,
    run_checks,
    shape_of,
)

TODAY = date(2026, 11, 22)
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def shape(text: str):
    return shape_of(text, TODAY)


def cv(
    experience: str,
    *,
    header: str = "Jane Roe\njane@example.com | +44 20 7946 0958",
    tail: str = "Education\nBSc Physics, Leeds 2010 – 2014\nSkills\n- Python\n- SQL",
) -> str:
    return f"{header}\nExperience\n{experience}\n{tail}"


GOOD_ROLE = """Data Engineer — Acme Mar 2021 – Present
- Built a pipeline that moves 2 TB a day.
- Cut cloud costs by 30 % in six months.
- Led a team of four engineers.
"""


# --- text extractable -------------------------------------------------------------------------


def test_extractable_pass_warn_fail() -> None:
    words = " ".join(["word"] * 300)
    assert check_text_extractable(words, 1, 300).status == "pass"
    few = check_text_extractable("Jane Roe CV", 1, 3)
    assert few.status == "fail" and "3 words" in few.why
    sparse = check_text_extractable(" ".join(["word"] * 60), 2, 60)
    assert sparse.status == "warn" and "under 40 a page" in sparse.why
    garbled = check_text_extractable(words + " (cid:12)" * 20, 1, 320)
    assert garbled.status == "warn" and "did not decode" in garbled.why


# --- contact ----------------------------------------------------------------------------------


def test_contact_pass_warn_fail() -> None:
    both = check_contact("Jane Roe\njane.roe@example.com | +44 20 7946 0958\n")
    assert both.status == "pass" and "jane.roe@example.com" in both.why
    mail = check_contact("Jane Roe\njane.roe@example.com | Leeds\n")
    assert mail.status == "warn" and "no phone" in mail.why
    phone = check_contact("Jane Roe\n+90 532 123 45 67\n")
    assert phone.status == "warn" and "no e-mail" in phone.why
    none = check_contact("Jane Roe\nLeeds, UK\n")
    assert none.status == "fail"


# --- headings ---------------------------------------------------------------------------------


def test_headings_english_pass_and_missing() -> None:
    assert check_headings(shape(cv(GOOD_ROLE))).status == "pass"
    no_skills = cv(GOOD_ROLE, tail="Education\nBSc Physics 2010 – 2014")
    result = check_headings(shape(no_skills))
    assert result.status == "warn" and "skills" in result.why
    bare = check_headings(shape("Jane Roe\nI did many things at Acme."))
    assert bare.status == "fail" and "experience, education, skills" in bare.why


def test_headings_turkish_and_markdown_and_capitals() -> None:
    turkish = (
        "Ayşe Yılmaz\nİŞ DENEYİMİ\n- Ürün geliştirdi.\nEğitim\nODTÜ 2010 – 2014\nYetenekler\n- SQL"
    )
    result = check_headings(shape(turkish))
    assert result.status == "pass", result.why
    assert "İŞ DENEYİMİ" in result.why and "Yetenekler" in result.why
    markdown = "# Jo\n## Experience\n- Led x\n## Education\n- BSc\n**Skills:** Python, SQL"
    assert check_headings(shape(markdown)).status == "pass"


# --- length -----------------------------------------------------------------------------------


def _words(n: int) -> str:
    return " ".join(["built"] * n)


def test_length_for_junior_mid_senior() -> None:
    junior = shape(cv("Intern — Acme Jun 2025 – Present\n- " + _words(300)))
    ok = check_length(junior, 1, 400)
    assert ok.status == "pass" and "junior" in ok.why
    assert check_length(junior, 2, 400).status == "warn"  # a junior CV on two pages
    assert check_length(junior, 3, 400).status == "fail"
    senior = shape(cv("Architect — Acme Jan 2010 – Present\n- " + _words(10)))
    long_ok = check_length(senior, 3, 1000)
    assert long_ok.status == "pass" and "senior" in long_ok.why
    thin = check_length(senior, 1, 120)
    assert thin.status == "fail" and "120 words" in thin.why
    assert check_length(senior, 1, 250).status == "warn"


def test_length_estimates_pages_without_a_page_count() -> None:
    result = check_length(shape(cv(GOOD_ROLE)), None, 1400)
    assert "about 3 page(s) (estimated)" in result.why
    assert result.status == "fail"  # mid-level: 2 pages at most, 900 words


# --- bullets per role -------------------------------------------------------------------------


def test_bullets_per_role() -> None:
    assert check_bullets(shape(cv(GOOD_ROLE))).status == "pass"
    thin_role = "Analyst — Beta Jan 2019 – Feb 2021\n- Built reports.\n"
    warn = check_bullets(shape(cv(GOOD_ROLE + thin_role)))
    assert warn.status == "warn" and "Analyst — Beta" in warn.why and ": 1" in warn.why
    bare = "Analyst — Beta Jan 2019 – Feb 2021\nClerk — Gamma 2016 – 2018\n"
    fail = check_bullets(shape(cv(bare)))
    assert fail.status == "fail" and "2 of 2 roles" in fail.why
    nodates = check_bullets(shape(cv("Analyst at Beta\n- Built reports.")))
    assert nodates.status == "warn" and "no dated roles" in nodates.why


def test_wrapped_bullets_are_joined_and_dates_on_their_own_line() -> None:
    text = cv(
        "Data Analyst, Helios\nSep 2020 – Present\n- Built a forecasting pipeline that cut\n"
        "stock-outs by thirty percent.\n- Automated the board report.\n- Led training."
    )
    s = shape(text)
    assert s.roles[0].label == "Data Analyst, Helios Sep 2020 – Present"
    assert s.bullets[0].endswith("stock-outs by thirty percent.")
    assert check_bullets(s).status == "pass"


# --- quantified achievements ------------------------------------------------------------------


def test_quantified_share() -> None:
    assert check_quantified(shape(cv(GOOD_ROLE))).status == "pass"
    half_less = (
        "Analyst — Beta Jan 2019 – Present\n- Cut costs by €40k.\n- Wrote reports.\n"
        "- Built dashboards.\n- Ran workshops."
    )
    warn = check_quantified(shape(cv(half_less)))
    assert warn.status == "warn" and "1 of 4" in warn.why and "Wrote reports." in warn.why
    none = "Analyst — Beta Jan 2019 – Present\n- Wrote reports.\n- Built dashboards."
    assert check_quantified(shape(cv(none))).status == "fail"
    words = "Analyst — Beta Jan 2019 – Present\n- Moved twelve services.\n- Grew sales by half."
    assert check_quantified(shape(cv(words))).status == "pass"


# --- action verbs -----------------------------------------------------------------------------


def test_action_verbs_and_weak_phrases() -> None:
    assert check_action_verbs(shape(cv(GOOD_ROLE))).status == "pass"
    one_weak = (
        GOOD_ROLE + "- Responsible for the monthly reports.\n- Designed the API.\n"
        "- Launched v2.\n- Migrated to AWS.\n- Mentored 3 juniors.\n- Reduced costs 10 %."
    )
    warn = check_action_verbs(shape(cv(one_weak)))
    assert warn.status == "warn"
    assert '"responsible for"' in warn.why and "Responsible for the monthly reports." in warn.why
    weak = (
        "Clerk — Beta Jan 2019 – Present\n- Responsible for filing.\n- Worked on the CRM.\n"
        "- Helped with audits.\n- Duties included answering calls."
    )
    fail = check_action_verbs(shape(cv(weak)))
    assert fail.status == "fail" and "4 weak phrase(s)" in fail.why
    passive = "Clerk — Beta Jan 2019 – Present\n- The filing.\n- Calls and audits.\n- Led 2 audits."
    assert check_action_verbs(shape(cv(passive))).status == "warn"


def test_turkish_past_tense_counts_as_action() -> None:
    text = (
        "Ayşe\nDeneyim\nAnalist — Beta Ocak 2020 – Günümüz\n- Satış raporlarını otomatikleştirdi.\n"
        "- Panoları kurdu.\nEğitim\nODTÜ 2015 – 2019\nYetenekler\n- SQL"
    )
    assert check_action_verbs(shape(text)).status == "pass"
    weak = text.replace("- Panoları kurdu.", "- Raporlardan sorumluydum.")
    assert check_action_verbs(shape(weak)).status == "fail"  # 1 of 2 is weak: over 30 %


# --- dates: formats and gaps ------------------------------------------------------------------


def test_date_formats() -> None:
    assert check_date_format(shape(cv(GOOD_ROLE))).status == "pass"  # "2010 – 2014" is fine
    mixed = GOOD_ROLE + "Analyst — Beta 03/2019 – 02/2021\n- x\n"
    warn = check_date_format(shape(cv(mixed)))
    assert warn.status == "warn" and "MM/YYYY" in warn.why and "Mon YYYY" in warn.why
    three = mixed + "Clerk — Gamma January 2017 – 2019-01\n"
    assert check_date_format(shape(cv(three))).status == "fail"
    assert check_date_format(shape("Jane\nExperience\nAnalyst at Beta")).status == "warn"


def test_timeline_gaps() -> None:
    assert check_timeline_gaps(shape(cv(GOOD_ROLE)), TODAY).status == "pass"
    short_gap = GOOD_ROLE + "Analyst — Beta Jan 2019 – Jun 2020\n"  # 8 months to Mar 2021
    warn = check_timeline_gaps(shape(cv(short_gap)), TODAY)
    assert warn.status == "warn" and "8 months (Jun 2020 → Mar 2021)" in warn.why
    long_gap = GOOD_ROLE + "Analyst — Beta Jan 2015 – Dec 2017\n"
    assert check_timeline_gaps(shape(cv(long_gap)), TODAY).status == "fail"
    overlap = GOOD_ROLE + "Analyst — Beta Jan 2019 – Apr 2021\nTutor — Gamma 2016 – 2019\n"
    assert check_timeline_gaps(shape(cv(overlap)), TODAY).status == "pass"
    ended = cv("Analyst — Beta Jan 2019 – Dec 2023\n- x")
    stale = check_timeline_gaps(shape(ended), TODAY)
    assert stale.status == "fail" and "since Dec 2023" in stale.why


# --- pronouns ---------------------------------------------------------------------------------


def test_pronouns() -> None:
    assert check_pronouns(shape(cv(GOOD_ROLE))).status == "pass"
    one = check_pronouns(shape(cv(GOOD_ROLE + "- I led the migration.")))
    assert one.status == "warn" and '"I"' in one.why
    many = cv(GOOD_ROLE + "- I led my team.\n- Me and my manager shipped it.")
    assert check_pronouns(shape(many)).status == "fail"
    turkish = check_pronouns(shape("Deneyim\n- Ben ekibi yönettim, benim fikrimdi, bana verildi."))
    assert turkish.status == "fail"
    assert (
        check_pronouns(shape(cv(GOOD_ROLE + "- Shipped Phase I and cut I/O waits."))).status
        == "pass"
    )


# --- tech names -------------------------------------------------------------------------------


def test_tech_spelling() -> None:
    good = cv(GOOD_ROLE, tail="Skills\n- JavaScript, Node.js, PostgreSQL, Postgres, GitHub, React")
    assert check_tech_spelling(shape(good)).status == "pass"
    two = check_tech_spelling(shape(cv(GOOD_ROLE, tail="Skills\nJavascript, Github, Python")))
    assert two.status == "warn"
    assert "Javascript → JavaScript" in two.why and "Github → GitHub" in two.why
    many = cv(GOOD_ROLE, tail="Skills\nnodejs, mysql, Postgresql, Tensorflow, react to feedback")
    fail = check_tech_spelling(shape(many))
    assert fail.status == "fail"
    assert "nodejs → Node.js" in fail.why and "mysql → MySQL" in fail.why
    assert "react →" not in fail.why  # "react" is also an English word


def test_tech_spelling_leaves_links_and_file_names_alone() -> None:
    text = cv(
        GOOD_ROLE,
        header="Jo\njo@example.com | github.com/jo | linkedin.com/in/jo",
        tail="Skills\n- Wrote package.json and config.yaml files",
    )
    assert check_tech_spelling(shape(text)).status == "pass"


# --- tables and columns -----------------------------------------------------------------------


def test_layout_tables_and_columns() -> None:
    assert check_layout(shape(cv(GOOD_ROLE))).status == "pass"
    table = cv(
        "Employer | Role | Dates\nAcme | Engineer | 2020 – 2022\nBeta | Analyst | 2018 – 2020"
    )
    fail = check_layout(shape(table))
    assert fail.status == "fail" and "3 lines read as table cells" in fail.why
    one_row = check_layout(shape(cv(GOOD_ROLE, tail="Skills\nPython | SQL")))
    assert one_row.status == "warn"
    columns = cv(
        "Data Analyst, Helios\nSep 2020 – Present\n- Built a demand pipeline that\n"
        "cut stock-outs across Spain\nand Portugal, which\nsaved money for\nthe team."
    )
    warn = check_layout(shape(columns))
    assert warn.status == "warn" and "narrow column" in warn.why


def test_layout_ignores_the_contact_line_in_the_header() -> None:
    text = cv(GOOD_ROLE, header="Jo Roe\nLeeds | +44 20 7946 0958 | Remote")
    assert check_layout(shape(text)).status == "pass"


# --- keywords ---------------------------------------------------------------------------------


def test_keywords_against_required_skills() -> None:
    text = cv(GOOD_ROLE, tail="Skills\n- Python, PostgreSQL, Docker, Kubernetes, Terraform")
    assert check_keywords(text, ["Python", "PostgreSQL", "Docker", "Kubernetes"]).status == "pass"
    warn = check_keywords(text, ["Python", "Docker", "Kafka"])
    assert warn.status == "warn" and "2 of 3" in warn.why and "Kafka" in warn.why
    fail = check_keywords(text, ["Java", "Spring Boot", "Kafka"])
    assert fail.status == "fail" and "0 of 3" in fail.why


def test_keywords_only_with_job_skills() -> None:
    text = cv(GOOD_ROLE)
    ids = [c.id for c in run_checks(text, page_count=1, word_count=300, kind="pdf", today=TODAY)]
    assert "keywords" not in ids
    with_job = run_checks(
        text, page_count=1, word_count=300, kind="pdf", today=TODAY, job_skills=["Python"]
    )
    assert with_job[-1].id == "keywords" and with_job[-1].weight == WEIGHTS["keywords"]


# --- the score --------------------------------------------------------------------------------


def test_score_formula_by_hand() -> None:
    checks = [
        Check("a", "A", "pass", "", 10),
        Check("b", "B", "warn", "", 10),
        Check("c", "C", "fail", "", 5),
        Check("d", "D", "warn", "", 5),
    ]
    # earned = 10×1 + 10×0.5 + 5×0 + 5×0.5 = 17.5 of 30 → 58.33… → 58
    score = overall_score(checks)
    assert (score.earned, score.total, score.value) == (17.5, 30, 58)
    assert score.formula.endswith("100 × 17.5 ÷ 30 = 58")
    assert "pass = 1, warn = 0.5, fail = 0" in score.formula
    assert (
        overall_score([Check("a", "A", "warn", "", 1), Check("b", "B", "pass", "", 1)]).value == 75
    )
    assert overall_score([]).value == 0


def test_weights_without_keywords_sum_to_100() -> None:
    text = cv(GOOD_ROLE)
    checks = run_checks(text, page_count=1, word_count=300, kind="pdf", today=TODAY)
    assert sum(c.weight for c in checks) == 100
    assert {c.status for c in checks} <= {"pass", "warn", "fail"}
    assert all(c.why for c in checks)


# --- the corpus -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_checks() -> dict[str, dict[str, Check]]:
    from careercoach.documents.reader import read_document

    names = [
        "cv_single_column.pdf",
        "cv_two_column.pdf",
        "cv_turkish.pdf",
        "cv_table.docx",
        "cv_ligatures.pdf",
        "cv_plain.txt",
        "cv_markdown.md",
    ]
    out = {}
    for name in names:
        doc = read_document(CORPUS / name)
        checks = run_checks(
            doc.text,
            page_count=doc.page_count,
            word_count=doc.word_count,
            kind=doc.kind,
            today=TODAY,
        )
        out[name] = {c.id: c for c in checks}
    return out


def test_corpus_single_column_passes_contact_headings_and_layout(corpus_checks) -> None:
    checks = corpus_checks["cv_single_column.pdf"]
    for check_id in (
        "text_extractable",
        "contact",
        "headings",
        "quantified",
        "action_verbs",
        "date_format",
        "timeline_gaps",
        "pronouns",
        "tech_spelling",
        "layout",
    ):
        assert checks[check_id].status == "pass", (check_id, checks[check_id].why)
    assert "mid-level" in checks["length"].why  # Jun 2017 – Present: about 9.5 years


def test_corpus_every_cv_has_standard_headings(corpus_checks) -> None:
    for name, checks in corpus_checks.items():
        assert checks["headings"].status == "pass", (name, checks["headings"].why)
    assert "Deneyim" in corpus_checks["cv_turkish.pdf"]["headings"].why


def test_corpus_table_and_columns_are_flagged(corpus_checks) -> None:
    assert corpus_checks["cv_table.docx"]["layout"].status == "fail"
    assert corpus_checks["cv_table.docx"]["bullets"].status == "fail"
    assert corpus_checks["cv_two_column.pdf"]["layout"].status == "warn"
    assert corpus_checks["cv_ligatures.pdf"]["layout"].status == "pass"


def test_corpus_turkish_dates_are_read(corpus_checks) -> None:
    turkish = corpus_checks["cv_turkish.pdf"]
    assert turkish["date_format"].status == "pass" and "Month YYYY" in turkish["date_format"].why
    assert turkish["timeline_gaps"].status == "pass"
