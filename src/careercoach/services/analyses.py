"""Stored analyses: the history, one report with its CV and job, and two gap analyses compared.

Reads only. Every analysis comes back as a plain dict (the shape `analyses show --json`
prints), so the Rich view, the Markdown/HTML export and scripts all read the same thing.
"""

from __future__ import annotations

from typing import Any

from careercoach.analysis.metric_names import METRIC_NAMES
from careercoach.errors import BadInput, NotFound

KINDS = ("gap", "cv", "roadmap")

METRICS = METRIC_NAMES
"""The gap report's 11 scores, in the order the contract lists them."""


def list_analyses(kind: str | None = None, job_id: int | None = None) -> list[dict[str, Any]]:
    """Every stored analysis, newest first, optionally of one kind or for one job."""
    from sqlmodel import col, select

    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis

    if kind is not None and kind not in KINDS:
        raise BadInput(f"unknown kind {kind!r}", hint=f"use one of: {', '.join(KINDS)}")
    query = select(Analysis).order_by(col(Analysis.created_at).desc(), col(Analysis.id).desc())
    if kind is not None:
        query = query.where(Analysis.kind == kind)
    if job_id is not None:
        query = query.where(Analysis.job_id == job_id)
    with open_store().read_session() as session:
        rows = list(session.exec(query))
        cvs, jobs = _labels(session, rows)
    return [_summary(row, cvs, jobs) for row in rows]


def get_analysis(analysis_id: int) -> dict[str, Any]:
    """One analysis with its report, CV and job, and the analyses that follow it."""
    from sqlmodel import col, select

    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis

    with open_store().read_session() as session:
        row = session.get(Analysis, analysis_id)
        if row is None:
            raise NotFound(
                f"no analysis #{analysis_id}",
                hint="see the stored ones with: careercoach analyses list",
            )
        cvs, jobs = _labels(session, [row])
        previous = session.get(Analysis, row.previous_id) if row.previous_id else None
        followers = session.exec(
            select(Analysis.id, Analysis.kind)
            .where(Analysis.previous_id == analysis_id)
            .order_by(col(Analysis.id))
        ).all()
    detail = _summary(row, cvs, jobs)
    detail["context"] = row.context
    detail["previous_kind"] = previous.kind if previous is not None else None
    detail["followed_by"] = [{"id": fid, "kind": fkind} for fid, fkind in followers]
    detail["report"] = row.report if isinstance(row.report, dict) else {}
    return detail


def latest_gap_id() -> int | None:
    """The id of the newest gap analysis, or None when there is none."""
    found = list_analyses(kind="gap")
    return found[0]["id"] if found else None


def compare_analyses(first_id: int, second_id: int) -> dict[str, Any]:
    """Two gap analyses of one job, older as "before": which scores moved, which skills changed."""
    if first_id == second_id:
        raise BadInput(
            f"both ids are #{first_id}",
            hint="give two different gap analyses of the same job",
        )
    first, second = get_analysis(first_id), get_analysis(second_id)
    for item in (first, second):
        if item["kind"] != "gap":
            raise BadInput(
                f"analysis #{item['id']} is a {item['kind']} report, not a gap analysis",
                hint="compare two gap analyses: careercoach analyses list --kind gap",
            )
        if item["job"] is None:
            raise BadInput(
                f"analysis #{item['id']} has no job any more (it was removed)",
                hint="compare two gap analyses of a job that is still stored",
            )
    if first["job"]["id"] != second["job"]["id"]:
        job_id = first["job"]["id"]
        raise BadInput(
            f"analysis #{first_id} is for job #{job_id} and #{second_id} for job "
            f"#{second['job']['id']}: they measure different jobs",
            hint=f"compare analyses of one job: careercoach analyses list --job {job_id}",
        )
    before, after = sorted((first, second), key=lambda a: (a["created_at"], a["id"]))
    return _compare(before, after)


def _compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    old, new = before["report"], after["report"]
    old_metrics, new_metrics = metrics_of(old), metrics_of(new)
    metrics = []
    for name in METRICS:
        a, b = old_metrics.get(name), new_metrics.get(name)
        delta = round(b - a, 1) if a is not None and b is not None else None
        metrics.append({"metric": name, "before": a, "after": b, "delta": delta})
    old_matched = _skill_names(report_list(old, "matched_skills"))
    new_matched = _skill_names(report_list(new, "matched_skills"))
    old_missing = _skill_names(report_list(old, "missing_skills"))
    new_missing = _skill_names(report_list(new, "missing_skills"))
    return {
        "job": after["job"],
        "before": _side(before),
        "after": _side(after),
        "verdict_changed": before["verdict"] != after["verdict"],
        "metrics": metrics,
        "newly_matched": [s for s in new_matched if s.lower() not in _lower(old_matched)],
        "no_longer_matched": [s for s in old_matched if s.lower() not in _lower(new_matched)],
        "newly_missing": [s for s in new_missing if s.lower() not in _lower(old_missing)],
        "no_longer_missing": [s for s in old_missing if s.lower() not in _lower(new_missing)],
    }


def _side(item: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "created_at", "mode", "verdict", "score", "confidence", "context", "cv")
    return {key: item.get(key) for key in keys}


def metrics_of(report: dict[str, Any]) -> dict[str, float | None]:
    """The report's 11 scores as numbers or None; anything else a report holds reads as None."""
    raw = report.get("metrics") or {}
    result: dict[str, float | None] = {}
    for name in METRICS:
        value = raw.get(name) if isinstance(raw, dict) else None
        if name == "confidence" and value is None:
            value = report.get("confidence")
        number = isinstance(value, int | float) and not isinstance(value, bool)
        result[name] = float(value) if number and value is not None else None
    return result


def report_list(container: Any, key: str) -> list[Any]:
    """`container[key]` as a list whatever a report holds: nothing is [], one item is [it]."""
    value = container.get(key) if isinstance(container, dict) else None
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    return [item for item in items if item is not None]


def report_records(container: Any, key: str, name_key: str) -> list[dict[str, Any]]:
    """`container[key]` as a list of objects; a bare value becomes {name_key: value}."""
    return [
        item if isinstance(item, dict) else {name_key: item} for item in report_list(container, key)
    ]


def skill_name(item: Any) -> str:
    """A skill entry's name, whether the report holds it as text or as an object."""
    if isinstance(item, dict):
        return str(item.get("skill") or item.get("name") or "").strip()
    return "" if item is None else str(item).strip()


def _skill_names(items: list[Any]) -> list[str]:
    names = [skill_name(item) for item in items]
    return list(dict.fromkeys(n for n in names if n))


def _lower(names: list[str]) -> set[str]:
    return {n.lower() for n in names}


def _labels(session: Any, rows: list[Any]) -> tuple[dict[int, dict], dict[int, dict]]:
    """The CVs and jobs the rows point to, read in two queries."""
    from sqlmodel import col, select

    from careercoach.store.models import CV, Job

    cv_ids = {r.cv_id for r in rows if r.cv_id is not None}
    job_ids = {r.job_id for r in rows if r.job_id is not None}
    cvs: dict[int, dict] = {}
    jobs: dict[int, dict] = {}
    if cv_ids:
        for cv in session.exec(select(CV).where(col(CV.id).in_(cv_ids))):
            cvs[cv.id] = {"id": cv.id, "name": cv.name, "filename": cv.filename}
    if job_ids:
        for job in session.exec(select(Job).where(col(Job.id).in_(job_ids))):
            jobs[job.id] = {"id": job.id, "title": job.title, "company": job.company}
    return cvs, jobs


def _summary(row: Any, cvs: dict[int, dict], jobs: dict[int, dict]) -> dict[str, Any]:
    report = row.report or {}
    confidence = metrics_of(report)["confidence"] if row.kind == "gap" else None
    return {
        "id": row.id,
        "kind": row.kind,
        "created_at": row.created_at.isoformat(),
        "mode": row.mode,
        "verdict": row.verdict,
        "score": row.score,
        "confidence": confidence,
        "previous_id": row.previous_id,
        "cv": cvs.get(row.cv_id) if row.cv_id is not None else None,
        "job": jobs.get(row.job_id) if row.job_id is not None else None,
    }
