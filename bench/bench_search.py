"""Search benchmark (issue 7): `careercoach search` over 100,000 stored texts of every kind.

Prints a Markdown section for docs/PERFORMANCE.md:
- the search itself, in-process (services.search.search(q, limit=20): bm25 ranking of every
  match, then snippets, titles and dates of the 20 kept) for several kinds of query; median
  of N runs after a warm-up; target < 50 ms;
- the whole command as a fresh process, `careercoach search QUERY` (stdout to a pipe) and
  with --json, next to `careercoach config path` (a command that only prints a path: the
  floor of any command, Python, Typer and Rich starting) in the same rounds.

The database is made by the real migrations (open_store), then filled with plain SQL in one
transaction; the index follows through the migration's triggers, as for records the CLI adds.
Applications are not in the search index (m006 indexes journal, cv, job, analysis, chat
message and letter), so none are generated.

Run: python bench/bench_search.py [--runs N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from timing import median_call, median_walls

COUNTS = {  # indexed records by type: 100,000 in all
    "journal": 35_000,
    "chat": 35_000,  # messages, in conversations of 10
    "analysis": 12_000,
    "job": 8_000,
    "letter": 6_000,
    "cv": 4_000,
}
SKILLS = [
    "Python", "SQL", "Kubernetes", "Terraform", "Docker", "AWS", "Azure", "Spark", "Airflow",
    "dbt", "Snowflake", "React", "TypeScript", "Java", "Go", "Rust", "Excel", "Tableau",
    "Power BI", "statistics", "machine learning", "public speaking", "negotiation", "Figma",
    "Salesforce", "SAP", "accounting", "nursing", "first aid", "project management", "Scrum",
]
ROLES = [
    "data engineer", "backend developer", "frontend developer", "data analyst", "team lead",
    "product manager", "devops engineer", "accountant", "registered nurse", "UX designer",
    "marketing manager", "machine learning engineer", "QA engineer", "account executive",
]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne"]
PEOPLE = ["Ana", "Ben", "Chen", "Dara", "Emil", "Fatima", "Goran"]
PROJECTS = ["billing", "search", "mobile app", "data platform", "onboarding", "checkout"]
JOURNAL = [
    "The deadline for the {project} release moved up by a week and the team is stretched.",
    "I paired with {person} on the {project} migration and we finally fixed the flaky tests.",
    "Spent two hours on a {skill} course and built a small example, which felt good.",
    "Applied to a {role} position at {company} and prepared for the recruiter call.",
    "Interview with {company} for the {role} role went better than I expected.",
    "Got a rejection from {company}; disappointing, but the feedback was useful.",
    "Mentoring {person} on {skill} reminded me how much I have learned this year.",
    "Too many meetings again, I feel behind on everything and a bit overwhelmed.",
    "Thinking about a sabbatical next year to study {skill} properly.",
]
CHAT_USER = [
    "How do I prepare for a {role} interview at {company}?",
    "Should I learn {skill} or {skill2} first for a {role} role?",
    "Can you review my answer about the {project} project?",
    "What salary should I ask for as a {role}?",
    "How do I explain a gap in my CV to a recruiter?",
]
CHAT_COACH = [
    "Start with {skill}: the postings you saved ask for it most, and your CV shows {skill2}.",
    "Use the STAR method: the situation on the {project} project, your task, the action and "
    "the result with a number.",
    "For a {role} at a company like {company}, practise system design and one deep project.",
    "Ask for the middle of the range you found and name your {skill} experience as the reason.",
]


def _fill(rng: random.Random, template: str) -> str:
    skill, skill2 = rng.sample(SKILLS, 2)
    return template.format(
        skill=skill, skill2=skill2, role=rng.choice(ROLES), company=rng.choice(COMPANIES),
        person=rng.choice(PEOPLE), project=rng.choice(PROJECTS),
    )


def _cv(rng: random.Random, n: int) -> str:
    skills = ", ".join(rng.sample(SKILLS, 8))
    jobs = "\n".join(
        f"{rng.choice(ROLES).title()} at {rng.choice(COMPANIES)} ({2010 + i * 3}-{2013 + i * 3})\n"
        f"- Led the {rng.choice(PROJECTS)} project with {rng.choice(SKILLS)}, cutting costs by "
        f"{rng.randint(5, 40)}%.\n- Built {rng.choice(SKILLS)} pipelines used by "
        f"{rng.randint(3, 50)} teams."
        for i in range(3)
    )
    return (
        f"Candidate {n}\n{rng.choice(ROLES).title()}\n\nSummary\nExperienced "
        f"{rng.choice(ROLES)} who likes {rng.choice(SKILLS)} and clear writing.\n\nSkills\n"
        f"{skills}\n\nExperience\n{jobs}\n\nEducation\nBSc Computer Science, "
        f"University of {rng.choice(['Leeds', 'Porto', 'Ankara', 'Lyon'])}"
    )


def _job(rng: random.Random) -> tuple[str, str, str, list[str]]:
    role, company = rng.choice(ROLES), rng.choice(COMPANIES)
    required = rng.sample(SKILLS, 6)
    text = (
        f"{role.title()} at {company}\n\nAbout the role\nJoin our {rng.choice(PROJECTS)} team "
        f"as a {role}. You will own services end to end.\n\nRequirements\n"
        + "\n".join(f"- {s}" for s in required)
        + f"\n- {rng.randint(2, 8)}+ years of experience\n\nNice to have\n- "
        f"{rng.choice(SKILLS)}\n\nWhat we offer\nRemote-friendly, learning budget, "
        "25 days of holiday."
    )
    return role.title(), company, text, required


def _analysis(rng: random.Random) -> tuple[str, str, float, str]:
    skills = rng.sample(SKILLS, 8)
    readiness = rng.randint(20, 95)
    verdict = "FIT" if readiness >= 65 else "UNFIT"
    report = {
        "verdict": verdict,
        "metrics": {"readiness": readiness, "skills_match": rng.randint(20, 100)},
        "matched_skills": skills[:5],
        "missing_skills": [
            {"skill": s, "required": True, "severity": rng.choice(["critical", "major", "minor"])}
            for s in skills[5:]
        ],
        "strengths": [_fill(rng, "Years of {skill} work on the {project} project.")],
        "recommendations": [_fill(rng, "Build a small {skill} project and publish it.")],
    }
    return "gap", verdict, float(readiness), json.dumps(report)


def _letter(rng: random.Random) -> str:
    return (
        f"Dear hiring team at {rng.choice(COMPANIES)},\n\n"
        + _fill(rng, "I am applying for the {role} role. On the {project} project I used "
                "{skill} and {skill2} every day, and ")
        + f"cut the release time by {rng.randint(10, 60)}%.\n\n"
        + _fill(rng, "I would bring the same care to your {project} work.")
        + "\n\nKind regards"
    )


def fill(db: Path, seed: int = 7) -> float:
    """Create the database at `db` (migrations) and insert COUNTS records in one transaction."""
    from careercoach.store.db import open_store

    open_store(db).close()
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)

    def stamp(n: int, total: int) -> str:
        moment = start + timedelta(minutes=int(n * 2 * 365 * 24 * 60 / total))
        return moment.isoformat(timespec="microseconds")

    t0 = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    total = COUNTS["job"]
    jobs = []
    for n in range(total):
        title, company, text, required = _job(rng)
        jobs.append(("posting", title, company, json.dumps(required), "[]", text, stamp(n, total)))
    conn.executemany(
        "INSERT INTO job (kind, title, company, required_skills, preferred_skills, text, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        jobs,
    )
    total = COUNTS["cv"]
    cvs = []
    for n in range(total):
        text = _cv(rng, n)
        digest = hashlib.sha256(text.encode()).hexdigest()
        cvs.append((f"cv-{n}.pdf", "pdf", digest, len(text), len(text.split()), text,
                    stamp(n, total)))
    conn.executemany(
        "INSERT INTO cv (filename, kind, sha256, size_bytes, word_count, text, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        cvs,
    )
    total = COUNTS["analysis"]
    analyses = []
    for n in range(total):
        kind, verdict, score, report = _analysis(rng)
        analyses.append((kind, rng.randint(1, COUNTS["cv"]), rng.randint(1, COUNTS["job"]),
                         "offline", verdict, score, report, stamp(n, total)))
    conn.executemany(
        "INSERT INTO analysis (kind, cv_id, job_id, mode, verdict, score, report, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        analyses,
    )
    total = COUNTS["letter"]
    letters = [
        (rng.randint(1, COUNTS["job"]), rng.choice(["formal", "warm", "concise"]), _letter(rng),
         "llm", "[]", stamp(n, total))
        for n in range(total)
    ]
    conn.executemany(
        "INSERT INTO letter (job_id, tone, text, mode, warnings, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        letters,
    )
    total = COUNTS["journal"]
    entries = []
    for n in range(total):
        text = " ".join(_fill(rng, rng.choice(JOURNAL)) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.002:
            text += " Looking into a relocation to Lisbon."  # a rare word, about 70 entries
        tags = json.dumps(rng.sample(["work", "learning", "interview", "stress", "win"], 1))
        day = stamp(n, total)
        entries.append((day[:10], text, tags, rng.randint(1, 5), day, day))
    conn.executemany(
        "INSERT INTO journal_entry (entry_date, text, tags, mood, themes, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, '[]', ?, ?)",
        entries,
    )
    total = COUNTS["chat"]
    conversations = total // 10
    conn.executemany(
        "INSERT INTO conversation (title, created_at, updated_at) VALUES (?, ?, ?)",
        [(_fill(rng, "{role} questions"), stamp(c, conversations), stamp(c, conversations))
         for c in range(conversations)],
    )
    messages = []
    for n in range(total):
        role = "user" if n % 2 == 0 else "assistant"
        text = _fill(rng, rng.choice(CHAT_USER if role == "user" else CHAT_COACH))
        messages.append((n // 10 + 1, role, text, stamp(n, total)))
    conn.executemany(
        "INSERT INTO message (conversation_id, role, content, created_at) VALUES (?, ?, ?, ?)",
        messages,
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - t0








def _matches(db: Path, query: str, types: list[str]) -> int:
    """How many records match (all of them, not just the 20 shown)."""
    from careercoach.services.search import TYPES
    from careercoach.store.fts import match_expression

    where = ""
    if types:
        where = " AND (rowid % 8) IN (" + ", ".join(str(TYPES[t]) for t in types) + ")"
    conn = sqlite3.connect(db)
    try:
        statement = f"SELECT count(*) FROM search_fts WHERE search_fts MATCH ?{where}"
        match = match_expression(query, ("title", "body"))
        return int(conn.execute(statement, (match,)).fetchone()[0])
    finally:
        conn.close()


QUERIES = {  # label: (query, --type values)
    "common word (`python`)": ("python", []),
    "common word, one type (`python --type job`)": ("python", ["job"]),
    "two words (`kubernetes interview`)": ("kubernetes interview", []),
    'phrase (`"data engineer"`)': ('"data engineer"', []),
    "prefix (`interv*`)": ("interv*", []),
    "frequent word (`sabbatical`)": ("sabbatical", []),
    "rare word (`lisbon`)": ("lisbon", []),
    "no match (`zebra`)": ("zebra", []),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("careercoach"))
    with tempfile.TemporaryDirectory() as home:
        os.environ["CAREERCOACH_HOME"] = home
        db = Path(home) / "careercoach.db"
        filled = fill(db)
        size_mb = db.stat().st_size / 1e6
        from careercoach.services.search import search

        searched = {}
        for label, (query, types) in QUERIES.items():
            timing = median_call(lambda q=query, t=types: search(q, types=t, limit=20), args.runs)
            searched[label] = (timing, _matches(db, query, types))
        env = {**os.environ, "CAREERCOACH_HOME": home, "COLUMNS": "100"}
        timed = median_walls(
            {
                "floor": [exe, "config", "path"],
                "search": [exe, "search", "python"],
                "json": [exe, "search", "python", "--json"],
            },
            max(5, args.runs // 2 + 1),
            env,
        )

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print("## Search")
    print()
    print(
        f"Method: a database of {sum(COUNTS.values()):,} indexed records "
        f"({', '.join(f'{n:,} {k}' for k, n in COUNTS.items())}; chat = messages, 10 per "
        f"conversation), generated from templates, made by the real migrations and filled "
        f"with plain SQL in one transaction ({filled:.1f} s, {size_mb:.0f} MB with the index). "
        f"Query times are in-process medians of {args.runs} runs after a warm-up of "
        f"`services.search.search(q, limit=20)`: bm25 ranking of every match, then snippets, "
        f"titles and dates of the 20 kept. Command times are medians of fresh processes "
        f"(`{Path(exe).name}` console script, stdout to a pipe, Python "
        f"{sys.version.split()[0]}), taking turns in each round. Wall and CPU (user + system) "
        f"time are both given: on this shared machine (1-minute load average {load:.1f} on "
        f"{os.cpu_count()} cores at the end of the run) wall time includes waiting for a core."
    )
    print()
    print("| query (100,000 records) | wall | CPU | matches | target |")
    print("| --- | --- | --- | --- | --- |")
    for label, ((wall, cpu), matches) in searched.items():
        verdict = "met" if wall < 0.050 else "met on CPU time" if cpu < 0.050 else "MISSED"
        print(
            f"| {label} | {wall * 1000:.1f} ms | {cpu * 1000:.1f} ms | {matches:,} | "
            f"< 50 ms ({verdict}) |"
        )
    print()
    print("| command (100,000 records) | wall | CPU | above the floor (wall / CPU) |")
    print("| --- | --- | --- | --- |")
    floor = timed["floor"]
    for label, key in (
        ("`careercoach config path` (floor: start-up only)", "floor"),
        ("`careercoach search python` (20 hits drawn)", "search"),
        ("`careercoach search python --json`", "json"),
    ):
        wall, cpu = timed[key]
        extra = (
            f"{(wall - floor[0]) * 1000:+.0f} ms / {(cpu - floor[1]) * 1000:+.0f} ms"
            if key != "floor"
            else ""
        )
        print(f"| {label} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {extra} |")


if __name__ == "__main__":
    main()
