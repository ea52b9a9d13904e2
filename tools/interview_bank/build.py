"""Build src/careercoach/analysis/data/interview_bank.json from the *.txt sources here.

Usage: python tools/interview_bank/build.py

Source format (written by the team, one file per few roles):
    ## key | Title | alias, alias, ...
    difficulty type | question | point; point; point
Lines starting with "#" (one hash) are comments. The build refuses malformed lines, unknown
difficulties or types, duplicate questions and questions with fewer than three points.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE.parents[1] / "src" / "careercoach" / "analysis" / "data" / "interview_bank.json"
DIFFICULTIES = ("easy", "medium", "hard")
TYPES = ("technical", "behavioral", "situational")


def parse(path: Path, roles: dict, questions: list) -> None:
    role = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        where = f"{path.name}:{number}"
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("## "):
            key, title, aliases = (p.strip() for p in line[3:].split("|"))
            if key in roles:
                sys.exit(f"{where}: role {key!r} defined twice")
            roles[key] = {"title": title, "aliases": [a.strip() for a in aliases.split(",")]}
            role = key
            continue
        if role is None:
            sys.exit(f"{where}: a question before any role")
        try:
            kind, text, points = (p.strip() for p in line.split(" | "))
            difficulty, type_ = kind.split()
        except ValueError:
            sys.exit(f"{where}: expected 'difficulty type | question | points'")
        if difficulty not in DIFFICULTIES or type_ not in TYPES:
            sys.exit(f"{where}: unknown difficulty or type in {kind!r}")
        covers = [p.strip() for p in points.split(";") if p.strip()]
        if len(covers) < 3:
            sys.exit(f"{where}: fewer than three points a good answer covers")
        questions.append(
            {"role": role, "difficulty": difficulty, "type": type_, "text": text, "covers": covers}
        )


def main() -> None:
    roles: dict = {}
    questions: list = []
    for path in sorted(HERE.glob("*.txt")):
        parse(path, roles, questions)
    texts = [q["text"] for q in questions]
    duplicates = {t for t in texts if texts.count(t) > 1}
    if duplicates:
        sys.exit(f"duplicate questions: {sorted(duplicates)}")
    data = {"version": 1, "roles": roles, "questions": questions}
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {OUT.relative_to(HERE.parents[1])}: {len(roles)} roles, {len(questions)} questions"
    )


if __name__ == "__main__":
    main()
