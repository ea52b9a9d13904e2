"""Writing a stored analysis to a file: Markdown, or one self-contained HTML page.

The HTML has its CSS inline and the 11 scores drawn as an inline SVG bar chart: no scripts,
no fonts, no stylesheets or images fetched from anywhere, so it opens in any browser, offline,
and prints cleanly (@media print). Report text may come from a model and is untrusted: every
string is escaped (html.escape in HTML; HTML-special characters and table pipes in Markdown).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from careercoach.errors import BadInput
from careercoach.services.analyses import (
    METRICS,
    metrics_of,
    report_list,
    report_records,
    skill_name,
)

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")

METRIC_LABELS = {
    "skills_match": "Skills match",
    "experience_match": "Experience match",
    "education_match": "Education match",
    "culture_fit": "Culture fit",
    "location_match": "Location match",
    "salary_match": "Salary match",
    "technical_skills": "Technical skills",
    "soft_skills": "Soft skills",
    "domain_knowledge": "Domain knowledge",
    "readiness": "Readiness",
    "confidence": "Confidence",
}

LIST_SECTIONS = (
    ("strengths", "Strengths"),
    ("gaps", "Gaps"),
    ("recommendations", "Recommendations"),
    ("next_steps", "Next steps"),
    ("priority_improvements", "Priority improvements"),
    ("learning_resources", "Learning resources"),
    ("notes", "Notes"),
)

_SAFE_URL = re.compile(r"https?://[^\s\"'<>`]+")


def export_format(path: Path, *, allowed: tuple[str, ...] = ("md", "html")) -> str:
    """ "md" or "html" from the file's extension; anything else is bad input (exit 1)."""
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES and "md" in allowed:
        return "md"
    if suffix in HTML_SUFFIXES and "html" in allowed:
        return "html"
    shown = " or ".join(
        {"md": ".md (Markdown)", "html": ".html (a self-contained web page)"}[a] for a in allowed
    )
    raise BadInput(
        f"cannot write {path.name!r}: unknown report format {suffix or '(no extension)'!r}",
        hint=f"name the file with {shown}",
    )


def write_report(
    detail: dict[str, Any], path: Path, *, allowed: tuple[str, ...] = ("md", "html")
) -> Path:
    """Write the analysis as Markdown or HTML, chosen by the file's extension."""
    fmt = export_format(path, allowed=allowed)
    text = report_markdown(detail) if fmt == "md" else report_html(detail)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(
            f"cannot write {path}: {exc.strerror or exc}",
            hint="choose a path in a directory you can write to",
        ) from exc
    return path


def title_of(detail: dict[str, Any]) -> str:
    """A one-line heading: what the analysis is and what it is about."""
    kind = {"gap": "Gap analysis", "cv": "CV report", "roadmap": "Roadmap"}.get(
        detail["kind"], "Analysis"
    )
    title = f"{kind} #{detail['id']}"
    job = job_label(detail.get("job"))
    return f"{title}: {job}" if job else title


def job_label(job: dict[str, Any] | None) -> str:
    if not job:
        return ""
    title = job.get("title") or f"job #{job['id']}"
    return f"{title} at {job['company']}" if job.get("company") else title


def cv_label(cv: dict[str, Any] | None) -> str:
    if not cv:
        return ""
    if cv.get("name"):
        return f"{cv['name']} ({cv['filename']})"
    return str(cv.get("filename") or f"CV #{cv['id']}")


def as_text(item: Any) -> str:
    """One line for a report item, whether the report holds text or an object."""
    if isinstance(item, dict):
        if "title" in item and "url" in item:  # a learning resource
            fields = (item.get("skill"), item.get("title"), item.get("url"))
            return ": ".join(str(f).strip() for f in fields if f and str(f).strip())
        values = [str(v) for v in item.values() if isinstance(v, str | int | float) and str(v)]
        return " - ".join(values)
    if isinstance(item, list):
        return ", ".join(as_text(i) for i in item)
    return "" if item is None else str(item)


def required_label(row: dict[str, Any], unknown: str = "") -> str:
    """ "required" or "preferred" for a missing skill, `unknown` when the report does not say."""
    value = row.get("required")
    if isinstance(value, bool):
        return "required" if value else "preferred"
    return unknown


def explanations_of(report: dict[str, Any]) -> dict[str, str]:
    """How each score was computed, as the report explains it ({} when it does not)."""
    raw = report.get("explanations")
    if not isinstance(raw, dict):
        return {}
    return {str(k): as_text(v) for k, v in raw.items() if as_text(v)}


def score_text(value: float | None) -> str:
    return "not judged" if value is None else f"{value:g}"


def number_text(value: Any) -> str:
    """A stored number as people read it (12.0 -> "12"); anything else as its text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return as_text(value) or "?"


def previous_line(detail: dict[str, Any]) -> str | None:
    """How this analysis relates to an earlier one, with the command to compare them."""
    previous = detail.get("previous_id")
    if not previous:
        return None
    if detail["kind"] == "roadmap":
        return f"Plan for gap analysis #{previous}."
    if detail["kind"] == "gap" and detail.get("previous_kind") == "gap":
        return (
            f"Re-run of analysis #{previous} with more context. Compare them: "
            f"careercoach analyses compare {previous} {detail['id']}"
        )
    return f"Follows analysis #{previous}."


# --- Markdown --------------------------------------------------------------------------------


def _md(text: Any) -> str:
    """Text for Markdown: no raw HTML can get through, and no line breaks inside one item."""
    value = " ".join(as_text(text).split())
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_cell(text: Any) -> str:
    return _md(text).replace("|", "\\|")


def report_markdown(detail: dict[str, Any]) -> str:
    """The analysis as a Markdown document."""
    lines = [f"# {_md(title_of(detail))}", ""]
    lines += [f"- {_md(line)}" for line in _facts(detail)]
    lines.append("")
    report = detail.get("report") or {}
    body = {"gap": _gap_markdown, "cv": _cv_markdown, "roadmap": plan_markdown_body}.get(
        detail["kind"], _generic_markdown
    )
    lines += body(report)
    return "\n".join(lines).rstrip() + "\n"


def _facts(detail: dict[str, Any]) -> list[str]:
    report = detail.get("report") or {}
    facts = []
    if detail["kind"] == "gap":
        confidence = metrics_of(report)["confidence"]
        verdict = detail.get("verdict") or report.get("verdict") or "no verdict"
        facts.append(f"Verdict: {verdict} (confidence {score_text(confidence)})")
        facts.append(f"Readiness: {score_text(detail.get('score'))}/100")
    elif detail["kind"] == "cv" and detail.get("score") is not None:
        facts.append(f"Score: {detail['score']:g}/100")
    mode = (
        "offline (no model)" if detail["mode"] == "offline" else f"{detail['mode']} (with a model)"
    )
    facts.append(f"Made: {detail['created_at']}, {mode}")
    if detail.get("cv"):
        facts.append(f"CV: {cv_label(detail['cv'])}")
    if detail.get("job"):
        facts.append(f"Job: {job_label(detail['job'])} (job #{detail['job']['id']})")
    if detail.get("context"):
        facts.append(f"Your context: {detail['context']}")
    if previous_line(detail):
        facts.append(previous_line(detail) or "")
    return facts


def _gap_markdown(report: dict[str, Any]) -> list[str]:
    lines = [_md(report["summary"]), ""] if report.get("summary") else []
    how = explanations_of(report)
    lines += ["## Scores", "", "| Metric | Score | | How |", "| --- | ---: | --- | --- |"]
    for name, value in metrics_of(report).items():
        bar = "not judged (see notes)" if value is None else _text_bar(value)
        explained = _md_cell(how.get(name, ""))
        lines.append(f"| {METRIC_LABELS[name]} | {score_text(value)} | {bar} | {explained} |")
    lines.append("")
    lines += _skills_markdown(report)
    for key, heading in LIST_SECTIONS:
        lines += _list_markdown(heading, report.get(key))
    lines += _sources_markdown(report.get("sources"))
    return lines


def _text_bar(value: float, width: int = 20) -> str:
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _skills_markdown(report: dict[str, Any]) -> list[str]:
    lines = []
    matched = [skill_name(s) for s in report_list(report, "matched_skills")]
    if matched:
        lines += ["## Matched skills", "", ", ".join(_md(s) for s in matched if s), ""]
    missing = report_records(report, "missing_skills", "skill")
    if missing:
        lines += ["## Missing skills", "", "| Skill | Required | Severity | Priority |"]
        lines.append("| --- | --- | --- | ---: |")
        for item in missing:
            row = item
            required = required_label(row)
            lines.append(
                f"| {_md_cell(skill_name(row))} | {required} | {_md_cell(row.get('severity', ''))} "
                f"| {_md_cell(row.get('priority', ''))} |"
            )
        lines.append("")
    return lines


def _list_markdown(heading: str, items: Any) -> list[str]:
    if not items:
        return []
    items = report_list({"items": items}, "items")
    return [f"## {heading}", "", *[f"- {_md(item)}" for item in items], ""]


def _sources_markdown(sources: Any) -> list[str]:
    if not isinstance(sources, dict) or not sources:
        return []
    lines = ["## Where each part came from", "", "| Part | Source |", "| --- | --- |"]
    lines += [f"| {_md_cell(k)} | {_md_cell(v)} |" for k, v in sources.items()]
    return [*lines, ""]


def _cv_markdown(report: dict[str, Any]) -> list[str]:
    lines = []
    if report.get("formula"):
        lines += [f"Score formula: {_md(report['formula'])}", ""]
    checks = report_records(report, "checks", "check")
    if checks:
        columns = _columns(checks)
        lines += ["## Checks", "", "| " + " | ".join(c.title() for c in columns) + " |"]
        lines.append("|" + " --- |" * len(columns))
        for check in checks:
            row = check
            lines.append("| " + " | ".join(_md_cell(row.get(c, "")) for c in columns) + " |")
        lines.append("")
    lines += _review_markdown(report.get("review"))
    return lines


def _review_markdown(review: Any) -> list[str]:
    if not review:
        return []
    if isinstance(review, dict):
        lines = ["## Review", ""]
        for key, value in review.items():
            heading = key.replace("_", " ").capitalize()
            if isinstance(value, list):
                lines += [f"### {_md(heading)}", "", *[f"- {_md(v)}" for v in value], ""]
            else:
                lines += [f"**{_md(heading)}:** {_md(value)}", ""]
        return lines
    return ["## Review", "", _md(review), ""]


def _generic_markdown(report: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for key, value in report.items():
        lines += _list_markdown(key.replace("_", " ").capitalize(), value)
    return lines


def plan_markdown_body(plan: dict[str, Any]) -> list[str]:
    """A roadmap plan's sections (the heading and facts come from the caller)."""
    lines = [_md(plan.get("summary", "")), ""]
    budget = (
        f"Budget: {_md(plan.get('weeks_available'))} week(s) x "
        f"{_md(plan.get('hours_per_week'))} h; "
        f"planned: {number_text(plan.get('total_hours'))} h."
    )
    lines += [budget, ""]
    if plan.get("as_goal") == "pending":
        lines += ["Marked to become a goal once the goals feature arrives.", ""]
    for week in report_records(plan, "weeks", "focus"):
        lines += [
            f"## Week {_md(week.get('week'))}: {_md(week.get('focus', ''))} "
            f"({number_text(week.get('hours'))} h)",
            "",
        ]
        lines += [f"- [ ] {_md(task)}" for task in report_list(week, "tasks")]
        lines += ["", f"Resource: {_md(week.get('resource', ''))}", ""]
        lines += [f"Deliverable: {_md(week.get('deliverable', ''))}", ""]
    outside = report_records(plan, "outside_plan", "skill")
    if outside:
        lines += ["## Outside this plan", ""]
        lines += [f"- {_md(o.get('skill'))}: {_md(o.get('reason'))}" for o in outside]
        lines.append("")
    estimates = report_records(plan, "estimates", "skill")
    if estimates:
        lines += ["## Estimates", "", "| Skill | Hours | How |", "| --- | ---: | --- |"]
        lines += [
            f"| {_md_cell(e.get('skill'))} | {e.get('hours')} | {_md_cell(e.get('basis'))} |"
            for e in estimates
        ]
        lines.append("")
    lines += _list_markdown("Notes", plan.get("notes"))
    if plan.get("method"):
        lines += [f"Method: {_md(plan['method'])}", ""]
    return lines


# --- HTML ------------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --good: #1a7f37; --mid: #9a6700;
  --bad: #cf222e; --none: #8c959f; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 860px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6em; margin: 0 0 8px; }
h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid var(--line);
  padding-bottom: 4px; }
.facts { color: var(--muted); margin: 0; padding-left: 18px; }
.banner { display: flex; gap: 16px; align-items: center; margin: 16px 0; padding: 12px 16px;
  border: 2px solid var(--line); border-radius: 8px; }
.verdict { font-size: 1.5em; font-weight: 700; }
.FIT { color: var(--good); border-color: var(--good); }
.UNFIT { color: var(--bad); border-color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; }
.chart { width: 100%; height: auto; max-width: 760px; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 12px;
  padding: 0 8px; margin: 2px; }
.critical { color: var(--bad); font-weight: 600; } .major { color: var(--mid); }
.week { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; margin: 12px 0;
  break-inside: avoid; }
footer { color: var(--muted); margin-top: 32px; font-size: 0.9em; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  table, .week, svg { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()


def _h(value: Any) -> str:
    return html.escape(as_text(value), quote=True)


def _h_linked(value: Any) -> str:
    """Escaped text in which plain http(s) addresses become links (nothing is loaded)."""
    text = as_text(value)
    out, last = [], 0
    for match in _SAFE_URL.finditer(text):
        url = match.group(0).rstrip(".,;:)")
        end = match.start() + len(url)
        out.append(html.escape(text[last : match.start()]))
        out.append(
            f'<a href="{html.escape(url, quote=True)}" rel="noreferrer noopener">'
            f"{html.escape(url)}</a>"
        )
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def report_html(detail: dict[str, Any]) -> str:
    """The analysis as one self-contained HTML document."""
    report = detail.get("report") or {}
    title = title_of(detail)
    parts = [f"<h1>{_h(title)}</h1>"]
    if detail["kind"] == "gap":
        parts.append(_banner(detail, report))
    parts.append(
        '<ul class="facts">' + "".join(f"<li>{_h(f)}</li>" for f in _facts(detail)) + "</ul>"
    )
    body: Callable[[dict[str, Any]], list[str]] = {
        "gap": _gap_html,
        "cv": _cv_html,
        "roadmap": _plan_html,
    }.get(detail["kind"], _generic_html)
    parts += body(report)
    parts.append(
        "<footer>Made by careercoach on this machine. Scores say how they were "
        "computed; null scores could not be judged.</footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_h(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )


def _banner(detail: dict[str, Any], report: dict[str, Any]) -> str:
    verdict = str(detail.get("verdict") or report.get("verdict") or "no verdict")
    css = verdict if verdict in ("FIT", "UNFIT") else ""
    confidence = score_text(metrics_of(report)["confidence"])
    readiness = score_text(detail.get("score"))
    return (
        f'<div class="banner {css}"><span class="verdict">{_h(verdict)}</span>'
        f"<span>confidence {_h(confidence)} · readiness {_h(readiness)}/100</span></div>"
    )


def _gap_html(report: dict[str, Any]) -> list[str]:
    parts = [f"<p>{_h(report['summary'])}</p>"] if report.get("summary") else []
    parts += ["<h2>Scores</h2>", score_chart_svg(metrics_of(report))]
    how = explanations_of(report)
    if how:
        rows = "".join(
            f"<tr><td>{METRIC_LABELS[name]}</td><td>{_h(how[name])}</td></tr>"
            for name in METRIC_LABELS
            if name in how
        )
        parts.append(f"<table><tr><th>Score</th><th>How it was computed</th></tr>{rows}</table>")
    matched = [skill_name(s) for s in report_list(report, "matched_skills")]
    if matched:
        tags = "".join(f'<span class="tag">{_h(s)}</span>' for s in matched if s)
        parts += ["<h2>Matched skills</h2>", f"<p>{tags}</p>"]
    missing = report_records(report, "missing_skills", "skill")
    if missing:
        lines = []
        for row in missing:
            required = required_label(row)
            severity = str(row.get("severity") or "")
            css = severity if severity in ("critical", "major", "minor") else ""
            lines.append(
                f"<tr><td>{_h(skill_name(row))}</td><td>{required}</td>"
                f'<td class="{css}">{_h(severity)}</td><td>{_h(row.get("priority", ""))}</td></tr>'
            )
        parts += [
            "<h2>Missing skills</h2>",
            "<table><tr><th>Skill</th><th>Required</th><th>Severity</th><th>Priority</th></tr>"
            + "".join(lines)
            + "</table>",
        ]
    for key, heading in LIST_SECTIONS:
        parts += _list_html(heading, report.get(key), links=key == "learning_resources")
    sources = report.get("sources")
    if isinstance(sources, dict) and sources:
        cells = "".join(f"<tr><td>{_h(k)}</td><td>{_h(v)}</td></tr>" for k, v in sources.items())
        parts += [
            "<h2>Where each part came from</h2>",
            f"<table><tr><th>Part</th><th>Source</th></tr>{cells}</table>",
        ]
    return parts


def _list_html(heading: str, items: Any, *, links: bool = False) -> list[str]:
    """A headed bullet list; only resource lists turn their web addresses into links."""
    if not items:
        return []
    items = report_list({"items": items}, "items")
    render = _h_linked if links else _h
    entries = "".join(f"<li>{render(item)}</li>" for item in items)
    return [f"<h2>{_h(heading)}</h2>", f"<ul>{entries}</ul>"]


def score_chart_svg(metrics: dict[str, float | None]) -> str:
    """The 11 scores as horizontal bars; a score not judged is a dashed, empty bar saying so."""
    row, top, label_w, bar_w = 26, 8, 170, 440
    height = top * 2 + row * len(METRICS)
    width = label_w + bar_w + 70
    items = [
        f'<svg class="chart" role="img" aria-labelledby="chart-title" '
        f'viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        '<title id="chart-title">The 11 scores, 0 to 100</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        items.append(
            f'<line x1="{x:g}" y1="{top}" x2="{x:g}" y2="{height - top}" '
            'stroke="#d0d7de" stroke-width="1"/>'
        )
    for index, name in enumerate(METRICS):
        y = top + index * row
        value = metrics.get(name)
        label = html.escape(METRIC_LABELS[name])
        items.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" '
            f'font-size="13" fill="#1f2328">{label}</text>'
        )
        if value is None:
            items.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{bar_w}" height="16" '
                'fill="none" stroke="#8c959f" stroke-dasharray="4 3"/>'
            )
            items.append(
                f'<text x="{label_w + 8}" y="{y + 17}" font-size="12" '
                'fill="#59636e">not judged (see notes)</text>'
            )
            continue
        clamped = max(0.0, min(100.0, value))
        colour = "#1a7f37" if clamped >= 75 else "#9a6700" if clamped >= 50 else "#cf222e"
        items.append(
            f'<rect x="{label_w}" y="{y + 5}" width="{bar_w * clamped / 100:.1f}" '
            f'height="16" fill="{colour}"><title>{label}: {value:g}</title></rect>'
        )
        items.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 17}" font-size="13" '
            f'fill="#1f2328">{value:g}</text>'
        )
    items.append("</svg>")
    return "\n".join(items)


def _cv_html(report: dict[str, Any]) -> list[str]:
    parts = []
    if report.get("formula"):
        parts.append(f"<p>Score formula: {_h(report['formula'])}</p>")
    checks = report_records(report, "checks", "check")
    if checks:
        columns = _columns(checks)
        head = "".join(f"<th>{_h(c.title())}</th>" for c in columns)
        rows = []
        for check in checks:
            row = check
            rows.append(
                "<tr>" + "".join(f"<td>{_h(row.get(c, ''))}</td>" for c in columns) + "</tr>"
            )
        parts += ["<h2>Checks</h2>", f"<table><tr>{head}</tr>{''.join(rows)}</table>"]
    review = report.get("review")
    if isinstance(review, dict):
        parts.append("<h2>Review</h2>")
        for key, value in review.items():
            parts += _list_html(
                key.replace("_", " ").capitalize(), value if isinstance(value, list) else [value]
            )
    elif review:
        parts += ["<h2>Review</h2>", f"<p>{_h(review)}</p>"]
    return parts


def _plan_html(plan: dict[str, Any]) -> list[str]:
    parts = [f"<p>{_h(plan.get('summary', ''))}</p>"]
    parts.append(
        f"<p>Budget: {_h(plan.get('weeks_available'))} week(s) × "
        f"{_h(plan.get('hours_per_week'))} h; "
        f"planned: {_h(plan.get('total_hours'))} h.</p>"
    )
    for week in report_records(plan, "weeks", "focus"):
        tasks = "".join(f"<li>{_h(t)}</li>" for t in report_list(week, "tasks"))
        parts.append(
            f'<section class="week"><h2>Week {_h(week.get("week"))}: {_h(week.get("focus"))} '
            f"({_h(week.get('hours'))} h)</h2><ul>{tasks}</ul>"
            f"<p><b>Resource:</b> {_h_linked(week.get('resource'))}</p>"
            f"<p><b>Deliverable:</b> {_h(week.get('deliverable'))}</p></section>"
        )
    outside = [
        f"{as_text(o.get('skill'))}: {as_text(o.get('reason'))}"
        for o in report_records(plan, "outside_plan", "skill")
    ]
    parts += _list_html("Outside this plan", outside)
    parts += _list_html("Notes", plan.get("notes"))
    if plan.get("method"):
        parts.append(f"<p><small>Method: {_h(plan['method'])}</small></p>")
    return parts


def _generic_html(report: dict[str, Any]) -> list[str]:
    parts: list[str] = []
    for key, value in report.items():
        parts += _list_html(key.replace("_", " ").capitalize(), value)
    return parts


def _columns(rows: list[Any]) -> list[str]:
    """The keys of a list of report objects, in first-seen order (at most six)."""
    columns: list[str] = []
    for row in rows:
        if isinstance(row, dict):
            columns += [k for k in row if k not in columns]
    return columns[:6] or ["check"]
