"""Skills a posting describes with a verb rather than names with a noun.

The matcher finds the names a skill goes by ("presentation skills", "vendor management"), but
postings as often describe the work itself: "Present your findings to stakeholders",
"Coordinate vendors", "Give clear feedback", "Design RESTful APIs". A verb and its object a
few words apart cannot be an alias (an alias "designing RESTful APIs" would also swallow the
mention of RESTful APIs), so these phrases are read here, on top of the matcher's mentions.

Kept deliberately short: each pattern is a common way postings phrase a skill, and each
needs a specific object ("present" alone is an adjective as often as a verb).
"""

from __future__ import annotations

import re

from careercoach.analysis.taxonomy import Taxonomy

# Up to three words between a verb and its object, never across punctuation.
_GAP = r"(?:[\w'’/-]+\s+){0,3}?"
_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "Presentation Skills",
        re.compile(
            rf"\bpresent(?:s|ing)?\s+{_GAP}(?:findings|results|insights|recommendations|"
            rf"work|analys[ie]s|proposals)\b|"
            r"\bpresent(?:s|ing)?\s+to\s+(?:[\w-]+\s+){0,2}?(?:stakeholders|leadership|"
            r"executives|clients|customers|management|audiences|the board)\b",
            re.IGNORECASE,
        ),
    ),
    # "designing RESTful APIs" (not "design docs for our APIs"); "REST API design", where the
    # matcher's "REST API" takes the noun; Turkish "REST API tasarımı".
    (
        "API Design",
        re.compile(
            rf"\bdesign(?:s|ing)?\s+(?!docs?\b|documents?\b){_GAP}APIs?\b|"
            r"\bAPIs?\s+(?:design|tasar[ıi]m)",
            re.IGNORECASE,
        ),
    ),
    # "improving app performance", "optimise query performance"; not "team performance".
    (
        "Performance Tuning",
        re.compile(
            r"\b(?:improv|optimi[sz]|tun|boost|speed)\w*\s+(?:up\s+)?(?:the\s+|our\s+)?"
            r"(?:app|application|system|query|database|site|website|page|runtime|server|web|"
            r"mobile|frontend|backend|api)\s+performance\b",
            re.IGNORECASE,
        ),
    ),
    # "build pipeline through outbound prospecting"; "build data pipelines" is not selling.
    (
        "Sales Pipeline Management",
        re.compile(
            r"\b(?:build|building|generate|generating|grow|growing)\s+"
            r"(?:(?:a|your|the|new|sales|qualified|healthy)\s+){0,2}pipeline\b(?![\w-])",
            re.IGNORECASE,
        ),
    ),
    (
        "Giving Feedback",
        re.compile(
            rf"\b(?:give|gives|giving|provide|provides|providing)\s+{_GAP}feedback\b",
            re.IGNORECASE,
        ),
    ),
)
# "Manage vendors", "coordinating agencies", "oversee budgets": the object's "X Management"
# when the taxonomy has one. The object must end its phrase ("manage change requests" is
# not change management).
_MANAGE = re.compile(
    r"\b(?:manag(?:e|es|ing)|coordinat(?:e|es|ing)|oversee(?:s|ing)?)\s+"
    r"(?:(?:the|our|your|a|all|multiple|external|key|third-party)\s+)?"
    r"([A-Za-z][\w-]*)(?=\s*(?:[,.;:)]|\s(?:and|or|across|for|to|with|in|on)\b|$))",
    re.IGNORECASE | re.MULTILINE,
)


def find_phrase_skills(text: str, taxonomy: Taxonomy) -> list[tuple[str, tuple[int, int]]]:
    """(canonical skill name, span) for every skill the text describes with a verb phrase."""
    found = []
    for name, pattern in _PHRASES:
        if name in taxonomy:
            found.extend((name, m.span()) for m in pattern.finditer(text))
    for m in _MANAGE.finditer(text):
        skill = _management_of(m.group(1), taxonomy)
        if skill is not None:
            found.append((skill, m.span()))
    return found


def _management_of(noun: str, taxonomy: Taxonomy) -> str | None:
    for form in dict.fromkeys((_singular(noun), noun)):
        skill = taxonomy.get(f"{form} management")
        if skill is not None:
            return skill.name
    return None


def _singular(noun: str) -> str:
    lower = noun.lower()
    if lower.endswith("ies") and len(lower) > 4:
        return noun[:-3] + "y"
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        return noun[:-1]
    return noun
