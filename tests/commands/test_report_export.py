"""analyses show ID -o report.md | report.html: Markdown, and one self-contained, safe web page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from analyses_fixtures import HOSTILE, add_analysis, add_cv, add_job, gap_report
from careercoach.ui.report_export import METRIC_LABELS


class _Page(HTMLParser):
    """Collects tags, attributes and text, and checks that every opened element is closed."""

    VOID = {"meta", "br", "img", "hr", "input", "link"}  # HTML void elements

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    assert page.open == [], f"unclosed elements: {page.open}"
    return page


@pytest.fixture
def hostile_gap() -> int:
    report = gap_report(
        strengths=[HOSTILE, "Led a team of 4"],
        gaps=['"><svg onload=alert(1)>'],
        learning_resources=[
            "Kubernetes tutorials: https://kubernetes.io/docs/tutorials/",
            "javascript:alert(1)",
        ],
        notes=["culture_fit: not judged offline", "domain_knowledge: not judged offline"],
        sources={"metrics": "offline", "strengths": "llm"},
    )
    return add_analysis(
        cv_id=add_cv(), job_id=add_job("Platform <Engineer>", "Acme & Co"), report=report
    )


def test_html_is_one_self_contained_page_with_the_svg_chart(cli, tmp_path, hostile_gap) -> None:
    target = tmp_path / "report.html"
    result = cli("analyses", "show", str(hostile_gap), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "Wrote" in result.stderr
    text = target.read_text(encoding="utf-8")
    page = _parse(text)
    assert text.startswith("<!DOCTYPE html>")
    assert page.tags.count("svg") == 1 and "style" in page.tags
    svg = text[text.index("<svg") : text.index("</svg>")]
    for label in METRIC_LABELS.values():
        assert f">{label}</text>" in svg
    assert svg.count("not judged") == 2  # culture fit and domain knowledge, visibly
    assert svg.count("<rect") == 11  # 9 bars and 2 dashed "not judged" outlines
    assert "@media print" in text
    # Nothing is loaded from anywhere: no scripts, stylesheets, images, fonts or frames.
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(page.tags)
    assert not [a for a in page.attrs if a[1] in ("src", "srcset") or a[1].startswith("on")]
    assert "@import" not in text and "url(" not in text and "@font-face" not in text
    hrefs = [value for tag, name, value in page.attrs if name == "href"]
    assert hrefs == ["https://kubernetes.io/docs/tutorials/"]  # only a learning resource link


def test_html_escapes_every_report_text(cli, tmp_path, hostile_gap) -> None:
    target = tmp_path / "report.html"
    cli("analyses", "show", str(hostile_gap), "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert "<script>" not in text and "<svg onload" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    assert "&lt;img src=https://evil.example/p.png&gt;" in text
    assert "Platform &lt;Engineer&gt; at Acme &amp; Co" in text
    page_text = "".join(_parse(text).text)
    assert HOSTILE in page_text  # shown to the reader literally, as text
    assert "javascript:alert(1)" in page_text


def test_markdown_has_every_section_and_no_raw_html(cli, tmp_path, hostile_gap) -> None:
    target = tmp_path / "report.md"
    result = cli("analyses", "show", str(hostile_gap), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Gap analysis #")
    assert "Verdict: UNFIT (confidence 64)" in text
    for label in METRIC_LABELS.values():
        assert f"| {label} |" in text
    assert text.count("not judged (see notes)") == 2
    for heading in (
        "## Scores",
        "## Matched skills",
        "## Missing skills",
        "## Strengths",
        "## Gaps",
        "## Recommendations",
        "## Next steps",
        "## Priority improvements",
        "## Learning resources",
        "## Notes",
        "## Where each part came from",
    ):
        assert heading in text
    assert "| Kubernetes | required | critical | 1 |" in text
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_cv_and_roadmap_reports_export_too(cli, tmp_path) -> None:
    cv = add_analysis(
        kind="cv",
        cv_id=add_cv(),
        verdict=None,
        score=72,
        report={
            "checks": [{"check": "dates", "passed": False, "detail": "<b>x</b>"}],
            "score": 72,
            "formula": "share of checks passed",
            "review": "fine",
        },
    )
    gap = add_analysis(job_id=add_job())
    cli("roadmap", str(gap), "--offline", "--weeks", "3", "--hours-per-week", "10")
    cv_html = tmp_path / "cv.html"
    assert cli("analyses", "show", str(cv), "-o", str(cv_html)).exit_code == 0
    text = cv_html.read_text(encoding="utf-8")
    _parse(text)
    assert "Checks" in text and "&lt;b&gt;x&lt;/b&gt;" in text and "<svg" not in text
    plan_html = tmp_path / "plan.html"
    assert cli("analyses", "show", str(gap + 1), "-o", str(plan_html)).exit_code == 0
    plan = plan_html.read_text(encoding="utf-8")
    _parse(plan)
    assert "Week 1:" in plan and "Deliverable" in plan
    plan_md = tmp_path / "plan.md"
    assert cli("analyses", "show", str(gap + 1), "-o", str(plan_md)).exit_code == 0
    assert "## Week 1:" in plan_md.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["report.pdf", "report.txt", "report"])
def test_unknown_extension_is_exit_1_and_writes_nothing(cli, tmp_path, name) -> None:
    gap = add_analysis()
    target = tmp_path / name
    result = cli("analyses", "show", str(gap), "-o", str(target))
    assert result.exit_code == 1
    assert "unknown report format" in result.stderr and ".html" in result.stderr
    assert not target.exists()


def test_bad_extension_is_refused_before_the_id_is_looked_up(cli, tmp_path) -> None:
    result = cli("analyses", "show", "999", "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1 and "unknown report format" in result.stderr


def test_unwritable_target_is_exit_1(cli, tmp_path) -> None:
    gap = add_analysis()
    result = cli("analyses", "show", str(gap), "-o", str(tmp_path / "missing" / "r.md"))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr


def test_unknown_id_with_output_is_exit_1_and_writes_nothing(cli, tmp_path) -> None:
    target = tmp_path / "r.html"
    result = cli("analyses", "show", "41", "-o", str(target))
    assert result.exit_code == 1 and "no analysis #41" in result.stderr
    assert not target.exists()


def test_chart_scales_bars_to_the_scores() -> None:
    from careercoach.ui.report_export import score_chart_svg

    metrics = dict.fromkeys(METRIC_LABELS, 50.0) | {"readiness": 100.0, "culture_fit": None}
    svg = score_chart_svg(metrics)
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)" height="16" fill="#', svg)]
    assert sorted(widths) == [220.0] * 9 + [440.0]
