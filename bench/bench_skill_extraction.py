"""Skill extraction from job postings, offline: precision and recall against hand labels.

Runs ``parse_posting`` over every posting in tests/eval/postings/ and compares the skills it
finds with tests/eval/postings_labels.json. Prints a Markdown section on stdout (collected by
bench/run into docs/PERFORMANCE.md). tests/analysis/test_posting_parser.py imports
``evaluate()`` from here as a regression guard.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTINGS = ROOT / "tests" / "eval" / "postings"
LABELS = ROOT / "tests" / "eval" / "postings_labels.json"
FIELDS = (
    "title",
    "company",
    "remote",
    "currency",
    "salary",
    "years_required",
    "degree",
    "seniority",
)


@dataclass
class PostingResult:
    name: str
    gold_required: set[str]
    gold_preferred: set[str]
    found_required: list[str]
    found_preferred: list[str]
    outside_taxonomy: list[str]
    held_out: bool = False
    held_out_round: int = 0  # 0 for the development set
    fields_ok: dict[str, bool] = field(default_factory=dict)
    fields_got: dict[str, object] = field(default_factory=dict)

    @property
    def gold(self) -> set[str]:
        return self.gold_required | self.gold_preferred

    @property
    def found(self) -> set[str]:
        return set(self.found_required) | set(self.found_preferred)

    @property
    def true_positives(self) -> set[str]:
        return self.found & self.gold

    @property
    def false_positives(self) -> list[str]:
        return [s for s in [*self.found_required, *self.found_preferred] if s not in self.gold]

    @property
    def false_negatives(self) -> list[str]:
        return sorted(self.gold - self.found)

    @property
    def misplaced(self) -> list[str]:
        return sorted(
            s
            for s in self.true_positives
            if (s in self.found_required) != (s in self.gold_required)
        )


@dataclass
class Report:
    results: list[PostingResult]
    seconds: float

    def _sum(self, attr: str) -> int:
        return sum(len(getattr(r, attr)) for r in self.results)

    @property
    def precision(self) -> float:
        return self._sum("true_positives") / max(1, self._sum("found"))

    @property
    def recall(self) -> float:
        return self._sum("true_positives") / max(1, self._sum("gold"))

    @property
    def placement(self) -> float:
        tp = self._sum("true_positives")
        return (tp - self._sum("misplaced")) / max(1, tp)

    @property
    def coverage_recall(self) -> float:
        """Recall if the skills the taxonomy lacks counted as misses too."""
        return self._sum("true_positives") / max(
            1, self._sum("gold") + self._sum("outside_taxonomy")
        )

    def subset(self, held_out: bool) -> Report:
        return Report([r for r in self.results if r.held_out == held_out], self.seconds)

    def held_out_round(self, number: int) -> Report:
        return Report([r for r in self.results if r.held_out_round == number], self.seconds)

    def rounds(self, *numbers: int) -> Report:
        """The postings of these rounds (0 for the development set)."""
        return Report([r for r in self.results if r.held_out_round in numbers], self.seconds)

    def field_accuracy(self, name: str) -> float:
        return sum(r.fields_ok[name] for r in self.results) / max(1, len(self.results))


def _field_checks(text: str, parsed, want: dict) -> tuple[dict[str, bool], dict[str, object]]:
    from careercoach.analysis.posting_parser import posting_salary

    salary = posting_salary(text)
    got_salary = (salary.minimum, salary.maximum, salary.period) if salary else (None, None, None)
    want_salary = (want.get("salary_min"), want.get("salary_max"), want.get("salary_period"))
    if want_salary[0] is None:
        want_salary = (None, None, None)
    got = {
        "title": parsed.title,
        "company": parsed.company,
        "remote": parsed.remote,
        "currency": parsed.currency,
        "salary": got_salary,
        "years_required": parsed.years_required,
        "degree": parsed.degree,
        "seniority": parsed.seniority,
    }
    expected = {**{k: want.get(k) for k in FIELDS if k != "salary"}, "salary": want_salary}
    ok = {}
    for name in FIELDS:
        a, b = got[name], expected[name]
        if name == "salary":
            ok[name] = a == b or (
                None not in a
                and None not in b
                and abs(a[0] - b[0]) < 0.01
                and abs(a[1] - b[1]) < 0.01
                and a[2] == b[2]
            )
        elif name == "years_required":
            ok[name] = (a is None and b is None) or (
                a is not None and b is not None and float(a) == float(b)
            )
        else:
            ok[name] = a == b
    return ok, got


def evaluate() -> Report:
    """Parse every labelled posting and compare; the figures are on the returned Report."""
    from careercoach.analysis.posting_parser import parse_posting
    from careercoach.analysis.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["postings"]
    texts = {name: (POSTINGS / name).read_text(encoding="utf-8") for name in sorted(labels)}
    # One-off costs (the matcher's trie, the alias index) are paid here, not timed below.
    parse_posting("Warm-up\n\nRequirements\n- Python and SQL skills", taxonomy)
    results = []
    started = time.perf_counter()
    parsed_all = {name: parse_posting(text, taxonomy) for name, text in texts.items()}
    seconds = time.perf_counter() - started
    for name, text in texts.items():
        want = labels[name]
        parsed = parsed_all[name]
        outside = want["not_in_taxonomy"]["required"] + want["not_in_taxonomy"]["preferred"]
        held_out = bool(want.get("held_out"))
        result = PostingResult(
            name,
            set(want["required"]),
            set(want["preferred"]),
            parsed.required_skills,
            parsed.preferred_skills,
            outside,
            held_out,
            int(want.get("held_out_round", 1)) if held_out else 0,
        )
        result.fields_ok, result.fields_got = _field_checks(text, parsed, want["fields"])
        results.append(result)
    return Report(results, seconds)


def render(report: Report) -> str:
    rs = report.results
    out = ["## Skill extraction from postings (offline)", ""]
    out += [
        f"{len(rs)} job postings written in the style of real ones (backend, frontend, data, "
        "DevOps, mobile, security, product, UX, marketing, sales, accounting, nursing, teaching, "
        "trades, HR, support, project management, QA, ML, pharmacy, HVAC, content, FP&A, civil "
        "engineering, logistics, legal, data-platform SRE, kitchen, dental hygiene, mechanical "
        "design, game development, procurement, graphic design, data protection, veterinary "
        "care, embedded firmware, insurance claims, warehousing, hotel front office, cell "
        "biology, trucking, credit analysis, aircraft maintenance, video editing, child "
        "protection, agricultural engineering; five in Turkish, four messy job-board "
        "copy-pastes) in "
        "`tests/eval/postings/`, each with its required and preferred "
        "skills labelled by hand in the taxonomy's canonical names "
        "(`tests/eval/postings_labels.json`). `parse_posting` (offline, no model) reads each one.",
        "",
        "Method: a found skill is a true positive when it is in the labels' required ∪ "
        "preferred; micro-averaged precision = TP / all found, recall = TP / all labelled. "
        "Placement accuracy = share of true positives put in the same list (required or "
        "preferred) as the label. Skills a recruiter would list but the taxonomy does not "
        "contain are labelled separately and excluded from recall; *coverage recall* counts "
        "them as misses too. Sections, cue words and the precedence rules are documented in "
        "`src/careercoach/analysis/posting_parser.py`.",
        "",
        "The first 22 postings are the *development* set: the parser's rules and the taxonomy "
        "were improved while looking at their misses, so their figures are optimistic. The "
        "*held-out* postings came in rounds, each written and labelled by hand before the "
        "parser first read it, and each measured once before it too was used for tuning. "
        "Round 1 (23-27) was written after the first version of the parser, round 2 (28-32) "
        "after the second round of improvements. Round 3 (33-38: dental hygiene, mechanical "
        "design, game development, Turkish procurement, a messy graphic-design copy-paste, "
        "data protection) was written and labelled by a separate writer, who did not read the "
        "parser, before the third round of improvements (verb-and-object phrases, languages, "
        "company names, restated acronyms), which was tuned on postings 1-32; it measured "
        "precision 0.807 and recall 0.573 on first reading. The fourth round (plurals, "
        "languages lists, headings, shared objects, phrases, 20 aliases) was then tuned on "
        "postings 1-38, while round 4 (39-44: veterinary technician, embedded firmware, "
        "insurance claims, a messy warehouse-supervisor copy-paste, a Turkish hotel front-"
        "office manager, cell biology research) was written and labelled by a separate writer "
        "who read neither the parser nor its changes; the parser first read round 4 after the "
        "fourth round was committed, and measured precision 0.805 and recall 0.504. Its misses "
        "then led to a last round of parser fixes (a field of study that swallowed the rest of "
        "its sentence, single languages on a bullet, a few bare verbs), and the taxonomy was "
        "extended from 2,865 to 3,567 skills by writers who did not read the evaluation set "
        "(labels of rounds 1-4 that the taxonomy now knows were moved into required/preferred "
        "mechanically). Round 5 (45-50: truck driver, commercial credit analyst, aircraft "
        "maintenance engineer, a messy video-editor copy-paste, child protection, a Turkish "
        "agricultural engineer) was written and labelled by a separate writer meanwhile and "
        "read after all of that was committed: precision 0.756, recall 0.518; two fixes then "
        "came from its false positives (an 'OTR' alias that is also trucking's over-the-road, "
        "'qualification in' as a field of study), so no column below is unseen any more. "
        "**The honest estimate "
        "for postings from occupations the parser has not seen is the first readings: "
        "precision 0.76-0.81, recall 0.50-0.57** (three rounds of six postings; the extended "
        "taxonomy raised coverage but not recall on unseen postings, and cost precision). The "
        "model layer of `gap` and `job add` exists for what the offline parser misses; it "
        "cannot be measured here, where no real model can be reached.",
        "",
        "| held-out round | written | first read at | precision | recall |",
        "| --- | --- | --- | ---: | ---: |",
        "| 3 (33-38) | by a separate writer, before improvement round 3 | commit 813e2fb | "
        "0.807 | 0.573 |",
        "| 4 (39-44) | by a separate writer, during improvement round 4 | commit 56e79fb | "
        "0.805 | 0.504 |",
        "| 5 (45-50) | by a separate writer, during the taxonomy extension | commit c8a7a22 | "
        "0.756 | 0.518 |",
        "",
        "The figures below are for the parser as it is now, on postings it has been tuned on:",
        "",
        *_metric_table(report),
        "",
        f"Parsing all {len(rs)} postings took {report.seconds * 1000:.1f} ms "
        f"({report.seconds * 1000 / max(1, len(rs)):.1f} ms each, taxonomy already loaded).",
        "",
        "Other fields, share of postings exactly right (all postings): "
        + ", ".join(f"{name} {report.field_accuracy(name):.2f}" for name in FIELDS)
        + " (salary as written: min, max and period). Rounds 3 and 4 only: "
        + ", ".join(f"{name} {report.rounds(3, 4).field_accuracy(name):.2f}" for name in FIELDS)
        + ".",
        "",
        "| posting | labelled | found | TP | precision | recall | misplaced |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rs:
        tp = len(r.true_positives)
        out.append(
            f"| {r.name}{f' (held-out {r.held_out_round})' if r.held_out else ''} | "
            f"{len(r.gold)} | {len(r.found)} | {tp} | "
            f"{tp / max(1, len(r.found)):.2f} | {tp / max(1, len(r.gold)):.2f} | "
            f"{len(r.misplaced)} |"
        )
    out += ["", "Misses:", ""]
    for r in rs:
        parts = []
        if r.false_positives:
            parts.append("false positives: " + ", ".join(r.false_positives))
        if r.false_negatives:
            parts.append("false negatives: " + ", ".join(r.false_negatives))
        if r.misplaced:
            parts.append("wrong list: " + ", ".join(r.misplaced))
        wrong = [f"{k}={r.fields_got[k]!r}" for k, ok in r.fields_ok.items() if not ok]
        if wrong:
            parts.append("fields: " + ", ".join(wrong))
        if parts:
            out.append(f"- **{r.name}** — " + "; ".join(parts))
    outside = sorted({s for r in rs for s in r.outside_taxonomy})
    out += ["", "Labelled skills the taxonomy does not know yet: " + ", ".join(outside) + "."]
    return "\n".join(out)


def _metric_table(report: Report) -> list[str]:
    """All postings, the development set the parser was tuned on, and the held-out rounds."""
    columns = [
        ("all", report),
        ("development (1-22)", report.subset(False)),
        ("round 1 (23-27)", report.held_out_round(1)),
        ("round 2 (28-32)", report.held_out_round(2)),
        ("round 3 (33-38)", report.held_out_round(3)),
        ("round 4 (39-44)", report.held_out_round(4)),
        ("round 5 (45-50)", report.held_out_round(5)),
    ]
    rows = [
        ("postings", lambda r: str(len(r.results))),
        ("precision (micro)", lambda r: f"**{r.precision:.3f}**"),
        ("recall (micro)", lambda r: f"**{r.recall:.3f}**"),
        ("required-vs-preferred placement", lambda r: f"{r.placement:.3f}"),
        ("coverage recall (taxonomy gaps count as misses)", lambda r: f"{r.coverage_recall:.3f}"),
        (
            "labelled / found / true positives",
            lambda r: f"{r._sum('gold')} / {r._sum('found')} / {r._sum('true_positives')}",
        ),
    ]
    out = [
        "| metric | " + " | ".join(name for name, _ in columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    for label, cell in rows:
        out.append(f"| {label} | " + " | ".join(cell(r) for _, r in columns) + " |")
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    print(render(evaluate()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
