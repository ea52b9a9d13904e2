"""ATS tailoring of a CV for one job: which of the posting's keywords the CV misses, which of
those the person has (say it) and which they do not (a gap, never to be written in), and,
with a model, rewritten bullets that weave in only the first kind.

    run = start_optimize(cv_ref, job_ref, choice)   # the split and coverage, offline, instant
    result = run.rewrite()                           # only if run.gateway: the model's bullets

Nothing the model says is taken on trust: a rewrite must replace a line the CV really has,
may name no skill the person has not shown, and the "after" coverage is counted by the same
matcher over the CV with the kept rewrites in place (docs/CV-OPTIMIZE.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from careercoach.errors import NotConfigured
from careercoach.services.model import ModelChoice

if TYPE_CHECKING:
    from careercoach.analysis.keyword_coverage import Coverage
    from careercoach.llm.gateway import Gateway
    from careercoach.services.grounding import Grounding
    from careercoach.store.db import Store

MAX_REWRITES = 8
AFTER_FORMULA = "after: the same count over the CV with the kept rewrites in place of their lines"
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–—>]+|\d+[.)])?\s*")


@dataclass
class KeywordRow:
    """One posting keyword: in the CV already, held but unsaid ("say_it"), or a gap."""

    keyword: str
    required: bool
    status: str  # in_cv | say_it | gap
    evidence: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "keyword": self.keyword,
            "required": self.required,
            "status": self.status,
            "evidence": self.evidence,
        }


@dataclass
class Rewrite:
    """A bullet before and after; `kept` False when it failed a check (`reason` says which)."""

    before: str
    after: str
    keywords: list[str] = field(default_factory=list)  # "say it" keywords it adds, as counted
    kept: bool = True
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "before": self.before,
            "after": self.after,
            "keywords": list(self.keywords),
            "kept": self.kept,
            "reason": self.reason,
        }


@dataclass
class Optimization:
    """The result, as `--json` prints it (see `to_json`)."""

    cv_id: int
    job_id: int
    job: str
    mode: str  # offline | llm
    keywords: list[KeywordRow]
    before: Coverage
    after: Coverage | None = None
    rewrites: list[Rewrite] = field(default_factory=list)
    model: str | None = None
    notes: list[str] = field(default_factory=list)

    def by_status(self, status: str) -> list[KeywordRow]:
        return [row for row in self.keywords if row.status == status]

    @property
    def formula(self) -> str:
        from careercoach.analysis.keyword_coverage import COVERAGE_FORMULA

        return COVERAGE_FORMULA + ("; " + AFTER_FORMULA if self.after is not None else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "cv_id": self.cv_id,
            "job_id": self.job_id,
            "job": self.job,
            "mode": self.mode,
            "model": self.model,
            "keywords": [row.to_json() for row in self.keywords],
            "in_cv": [row.keyword for row in self.by_status("in_cv")],
            "say_it": [row.to_json() for row in self.by_status("say_it")],
            "gaps": [row.to_json() for row in self.by_status("gap")],
            "coverage": {
                "before": _coverage_json(self.before),
                "after": _coverage_json(self.after) if self.after is not None else None,
                "formula": self.formula,
            },
            "rewrites": [r.to_json() for r in self.rewrites if r.kept],
            "dropped_rewrites": [r.to_json() for r in self.rewrites if not r.kept],
            "notes": list(self.notes),
        }


def _coverage_json(cov: Coverage) -> dict[str, Any]:
    return {
        "percent": cov.percent,
        "found": len(cov.found),
        "total": cov.total,
        "missing": list(cov.missing),
    }


class BulletRewrite(BaseModel):
    """One rewritten CV line, as the model returns it."""

    before: str = Field(description="the CV bullet or line being rewritten, quoted exactly")
    after: str = Field(description="the rewritten line; names only skills the person has")
    keywords: list[str] = Field(default_factory=list, description="keywords woven in")


class OptimizeAnswer(BaseModel):
    """The model's answer to the cv_optimize prompt."""

    rewrites: list[BulletRewrite] = Field(default_factory=list)


@dataclass
class OptimizeRun:
    """The offline split done; `gateway` asks for rewrites, or None (offline / no model)."""

    store: Store
    grounding: Grounding
    result: Optimization
    gateway: Gateway | None

    def rewrite(self) -> Optimization:
        """Ask the model for rewrites, check each one, count the coverage after (no storing)."""
        if self.gateway is None:
            return self.result
        messages, restore = optimize_messages(self.grounding, self.result)
        answer = self.gateway.structured(messages, OptimizeAnswer)
        drafts = [
            BulletRewrite(before=restore(d.before), after=restore(d.after), keywords=d.keywords)
            for d in answer.parsed.rewrites[:MAX_REWRITES]
        ]
        return apply_rewrites(self.grounding, self.result, drafts, model=answer.model)


def start_optimize(cv_ref: str | None, job_ref: str | None, choice: ModelChoice) -> OptimizeRun:
    """Split the posting's keywords against the CV (latest CV and job by default)."""
    from careercoach.store.db import open_store

    store = open_store()
    from careercoach.services.grounding import load_grounding

    grounding = load_grounding(store, job_ref, cv_ref, cv_required=True)
    result = split_keywords(grounding)
    gateway = None
    if result.by_status("say_it"):
        gateway, why_not = _gateway_or_none(store, choice)
        if gateway is None:
            result.notes.append(
                f"offline ({why_not}): the split and the coverage only; rewritten bullets "
                "need a model (careercoach setup)"
            )
    elif result.keywords:
        result.notes.append(
            "nothing to weave in: no missing keyword is one you have shown, so no rewrites "
            "were asked for"
        )
    return OptimizeRun(store, grounding, result, gateway)


def _gateway_or_none(store: Store, choice: ModelChoice) -> tuple[Gateway | None, str]:
    from careercoach.services.model import open_gateway

    if choice.offline:
        return None, "--offline"
    try:
        return open_gateway("cv optimize", choice, store=store), ""
    except NotConfigured as exc:
        return None, exc.message


def split_keywords(grounding: Grounding) -> Optimization:
    """In the CV, held but unsaid, or a gap: each posting keyword, with the evidence."""
    from careercoach.analysis.keyword_coverage import coverage
    from careercoach.errors import BadInput

    job = grounding.job
    if not grounding.keywords:
        raise BadInput(
            f"job {job.id} names no skills, so there are no keywords to tailor the CV to",
            hint="add the full posting text: careercoach job add FILE",
        )
    before = coverage(grounding.cv_text, grounding.keywords, grounding.taxonomy)
    details = grounding.judged()
    rows = []
    for keyword in grounding.keywords:
        detail = details.get(keyword.name)
        if keyword.name in before.found:
            rows.append(KeywordRow(keyword.name, keyword.required, "in_cv"))
        elif detail is not None and detail.how in ("exact", "alias"):
            rows.append(KeywordRow(keyword.name, keyword.required, "say_it", detail.evidence))
        else:
            hint = detail.evidence if detail is not None and detail.how == "related" else None
            rows.append(KeywordRow(keyword.name, keyword.required, "gap", hint))
    from careercoach.services.grounding import job_label

    assert grounding.cv is not None and grounding.cv.id is not None and job.id is not None
    return Optimization(
        cv_id=grounding.cv.id,
        job_id=job.id,
        job=job_label(job),
        mode="offline",
        keywords=rows,
        before=before,
        notes=list(grounding.notes),
    )


def optimize_messages(
    grounding: Grounding, result: Optimization
) -> tuple[list[dict[str, str]], Any]:
    """The prompt (CV redacted and delimited) and the function that restores the answer."""
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.prompts import load_prompt
    from careercoach.services.grounding import redact_together

    say_it = "\n".join(
        f"- {row.keyword}" + (f" (evidence: {row.evidence})" if row.evidence else "")
        for row in result.by_status("say_it")
    )
    gaps = ", ".join(row.keyword for row in result.by_status("gap")) or "none"
    (cv_text, say_it), redaction = redact_together(
        [grounding.cv_text, say_it], grounding.person_names
    )
    system = load_prompt("cv_optimize").render(
        data_notice=DATA_NOTICE,
        job=result.job,
        say_it=say_it,
        gaps=gaps,
        in_cv=", ".join(result.before.found) or "none",
        max_rewrites=str(MAX_REWRITES),
    )
    user = "Rewrite my CV's bullets as instructed.\n\n" + wrap_document(cv_text, "CV")
    messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    return messages, redaction.restore


def apply_rewrites(
    grounding: Grounding, result: Optimization, drafts: list[BulletRewrite], *, model: str
) -> Optimization:
    """Keep the rewrites that replace a real CV line and name only shown skills; count the
    coverage of the CV with the kept ones in place."""
    from careercoach.analysis.keyword_coverage import coverage

    units = cv_units(grounding.cv_text)
    say_it = {row.keyword for row in result.by_status("say_it")}
    gaps = {row.keyword for row in result.by_status("gap")}
    used: set[int] = set()
    result.rewrites = [_check(grounding, d, units, used, say_it, gaps) for d in drafts]
    text = "\n".join(line for unit in units for line in unit)
    result.after = coverage(text, grounding.keywords, grounding.taxonomy)
    result.mode = "llm"
    result.model = model
    dropped = sum(1 for r in result.rewrites if not r.kept)
    if dropped:
        verb = "was" if dropped == 1 else "were"
        result.notes.append(
            f"{dropped} of the model's {len(result.rewrites)} rewrites {verb} dropped (see "
            "why); dropped rewrites are not counted in the coverage after"
        )
    return result


def cv_units(text: str) -> list[list[str]]:
    """The CV's lines grouped so that a bullet and the lines it wraps onto are one: a line
    without a bullet mark continues the bullet above when it is indented, starts in lower
    case, or follows a line that does not end a sentence."""
    units: list[list[str]] = []
    for line in text.splitlines():
        wraps = (
            units
            and line.strip()
            and _mark(units[-1][0]).strip()
            and not _mark(line).strip()
            and not line.lstrip().startswith("#")
            and (
                line[:1].isspace()
                or line.lstrip()[:1].islower()
                or not units[-1][-1].rstrip().endswith((".", "!", "?", ";", ":"))
            )
        )
        if wraps:
            units[-1].append(line)
        else:
            units.append([line])
    return units


def _check(
    grounding: Grounding,
    draft: BulletRewrite,
    units: list[list[str]],
    used: set[int],
    say_it: set[str],
    gaps: set[str],
) -> Rewrite:
    """One rewrite judged; a kept one replaces its unit in `units` (so coverage sees it)."""
    from careercoach.analysis.keyword_coverage import keywords_found, unshown_skills

    before, after = _one_line(draft.before), _one_line(draft.after)
    rewrite = Rewrite(before, after)
    if not before or not after:
        return _drop(rewrite, "empty before or after")
    index = _find_unit(units, before)
    if index is None:
        return _drop(rewrite, "its 'before' is not a line of your CV as written")
    if index in used:
        return _drop(rewrite, "another rewrite already replaces that line")
    original = " ".join(units[index])
    unshown = unshown_skills(after, grounding.shown_skills, grounding.taxonomy, besides=original)
    if unshown:
        named_gaps = [s for s in unshown if s in gaps]
        others = [s for s in unshown if s not in gaps]
        why = []
        if named_gaps:
            why.append(f"it writes in {', '.join(named_gaps)}, which you don't have (a gap)")
        if others:
            why.append(f"it names {', '.join(others)}, which your profile and CV don't show")
        return _drop(rewrite, "; ".join(why))
    keywords = [k for k in grounding.keywords if k.name in say_it]
    added = keywords_found(after, keywords, grounding.taxonomy) - keywords_found(
        original, keywords, grounding.taxonomy
    )
    rewrite.keywords = [k.name for k in keywords if k.name in added]
    used.add(index)
    units[index] = [_replace(units[index], before, after)]
    return rewrite


def _drop(rewrite: Rewrite, reason: str) -> Rewrite:
    rewrite.kept = False
    rewrite.reason = reason
    return rewrite


def _mark(line: str) -> str:
    """The line's bullet mark with the spaces around it ("" when it has none)."""
    found = _BULLET.match(line)
    return found.group(0) if found else ""


def _one_line(text: str) -> str:
    return " ".join(_BULLET.sub("", text, count=1).split())


def _find_unit(units: list[list[str]], before: str) -> int | None:
    """The CV bullet or line the rewrite replaces: the same words (bullet marks, wrapping and
    spacing aside), or, for a quote of 20 characters or more, one that contains it."""
    wanted = before.casefold()
    flat = [_one_line(" ".join(unit)).casefold() for unit in units]
    for i, text in enumerate(flat):
        if text == wanted:
            return i
    if len(wanted) >= 20:
        for i, text in enumerate(flat):
            if wanted in text:
                return i
    return None


def _replace(unit: list[str], before: str, after: str) -> str:
    """The bullet with `before` replaced by `after`, as one line keeping its bullet mark."""
    prefix = _mark(unit[0])
    flat = _one_line(" ".join(unit))
    at = flat.casefold().find(before.casefold())
    if flat.casefold() == before.casefold() or at < 0:
        return prefix + after
    return prefix + flat[:at] + after + flat[at + len(before) :]
