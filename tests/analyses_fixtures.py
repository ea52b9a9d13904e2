"""Stored CVs, jobs and analyses for the analyses/roadmap/export tests, written through the store.

The gap engine is built elsewhere; these reports follow the contract's shape
(../shared/CLI-CONTRACT.md, "The gap report") so the readers can be tested on their own.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import datetime, timedelta, timezone
from typing import Any

HOSTILE = '<script>alert("x")</script><img src=https://evil.example/p.png>'

GAP_REPORT: dict[str, Any] = {
    "mode": "offline",
    "verdict": "UNFIT",
    "confidence": 64,
    "metrics": {
        "skills_match": 58,
        "experience_match": 80,
        "education_match": 100,
        "culture_fit": None,
        "location_match": 100,
        "salary_match": 75,
        "technical_skills": 55,
        "soft_skills": 70,
        "domain_knowledge": None,
        "readiness": 61,
        "confidence": 64,
    },
    "matched_skills": ["Python", "PostgreSQL", "Docker", "Git"],
    "missing_skills": [
        {"skill": "Kubernetes", "required": True, "severity": "critical", "priority": 1},
        {"skill": "MySQL", "required": True, "severity": "major", "priority": 2},
        {"skill": "Terraform", "required": False, "severity": "minor", "priority": 3},
        {"skill": "Apache Kafka", "required": False, "severity": "major", "priority": 4},
    ],
    "strengths": ["Five years of Python in production"],
    "gaps": ["No container orchestration experience"],
    "recommendations": ["Deploy a side project on a small Kubernetes cluster"],
    "next_steps": ["Finish the Kubernetes basics tutorial this week"],
    "priority_improvements": ["Kubernetes", "MySQL"],
    "learning_resources": ["Kubernetes tutorials: https://kubernetes.io/docs/tutorials/"],
    "notes": [
        "culture_fit: not judged offline (needs a model reading the posting and CV)",
        "domain_knowledge: not judged offline",
    ],
}


def gap_report(**changes: Any) -> dict[str, Any]:
    """A deep copy of GAP_REPORT with top-level keys replaced and metrics merged."""
    report = copy.deepcopy(GAP_REPORT)
    metrics = changes.pop("metrics", None)
    report.update(changes)
    if metrics:
        report["metrics"].update(metrics)
    return report


def add_cv(name: str = "2026 backend", filename: str = "cv.pdf") -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import CV

    text = f"CV text of {name}"
    with open_store().session() as session:
        row = CV(
            name=name,
            filename=filename,
            kind="pdf",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            size_bytes=len(text),
            word_count=4,
            text=text,
        )
        session.add(row)
        session.flush()
        return int(row.id)


def add_job(title: str = "Platform Engineer", company: str | None = "Acme") -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import Job

    with open_store().session() as session:
        row = Job(
            title=title,
            company=company,
            text=f"{title} posting",
            required_skills=["Kubernetes", "MySQL"],
            preferred_skills=["Terraform"],
        )
        session.add(row)
        session.flush()
        return int(row.id)


def add_analysis(
    *,
    kind: str = "gap",
    cv_id: int | None = None,
    job_id: int | None = None,
    report: dict[str, Any] | None = None,
    verdict: str | None = "UNFIT",
    score: float | None = 61,
    mode: str = "offline",
    previous_id: int | None = None,
    context: str | None = None,
    minutes_ago: int = 0,
) -> int:
    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis

    created = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
    with open_store().session() as session:
        row = Analysis(
            kind=kind,
            cv_id=cv_id,
            job_id=job_id,
            previous_id=previous_id,
            mode=mode,
            verdict=verdict,
            score=score,
            context=context,
            report=report if report is not None else gap_report(),
            created_at=created,
        )
        session.add(row)
        session.flush()
        return int(row.id)


def analysis_count(kind: str | None = None) -> int:
    from sqlmodel import select

    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis

    with open_store().read_session() as session:
        rows = session.exec(select(Analysis)).all()
    return len([r for r in rows if kind is None or r.kind == kind])


def stored(analysis_id: int) -> Any:
    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis

    with open_store().read_session() as session:
        return session.get(Analysis, analysis_id)
