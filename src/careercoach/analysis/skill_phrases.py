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
from functools import lru_cache

from careercoach.analysis.skill_matcher import _words
from careercoach.analysis.taxonomy import NEWLINE, Taxonomy, Token, tokenize

# Up to three words between a verb and its object, never across punctuation.
# ("present at work" is being there, not presenting: a preposition ends the gap.)
_GAP = r"(?:(?!(?:at|for|in|on|by|to|from|with)\b)[\w'’/-]+\s+){0,3}?"
_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "Presentation Skills",
        re.compile(
            rf"\bpresent(?:s|ed|ing)?\s+{_GAP}(?:findings|results|insights|recommendations|"
            rf"work|analys[ie]s|proposals)\b|"
            r"\bpresent(?:s|ed|ing)?\s+to\s+(?:[\w-]+\s+){0,2}?(?:stakeholders|leadership|"
            r"executives|clients|customers|management|audiences|the board)\b",
            re.IGNORECASE,
        ),
    ),
    # "designing RESTful APIs" (not "design docs for our APIs"); "REST API design", where the
    # matcher's "REST API" takes the noun; Turkish "REST API tasarımı".
    (
        "API Design",
        re.compile(
            rf"\bdesign(?:s|ed|ing)?\s+(?!docs?\b|documents?\b){_GAP}APIs?\b|"
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
            r"\b(?:build|building|built|generat(?:e|ed|ing)|grow|grew|growing)\s+"
            r"(?:(?:a|your|the|new|sales|qualified|healthy)\s+){0,2}pipeline\b(?![\w-])",
            re.IGNORECASE,
        ),
    ),
    # "hit release deadlines", "meeting tight deadlines", "work to deadlines"; CVs in the past
    # tense as well ("Met tight deadlines"), as for every phrase here.
    (
        "Time Management",
        re.compile(
            r"\b(?:meet|meets|meeting|met|hit|hits|hitting|work(?:s|ed|ing)? to|"
            r"manag(?:e|es|ed|ing))\s+"
            r"(?:[\w-]+\s+){0,2}?deadlines\b",
            re.IGNORECASE,
        ),
    ),
    # "can take feedback", "open to constructive feedback"; giving it is another skill.
    (
        "Receiving Feedback",
        re.compile(
            r"\b(?:take|takes|taking|took|accept(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|"
            r"open to|welcome|welcomes|welcoming|act on|acting on)\s+(?:[\w-]+\s+){0,1}?"
            r"feedback\b",
            re.IGNORECASE,
        ),
    ),
    (
        "Giving Feedback",
        re.compile(
            rf"\b(?:give|gives|giving|gave|given|provid(?:e|es|ed|ing))\s+{_GAP}feedback\b",
            re.IGNORECASE,
        ),
    ),
)


def find_phrase_skills(text: str, taxonomy: Taxonomy) -> list[tuple[str, tuple[int, int]]]:
    """(canonical skill name, span) for every skill the text describes with a verb phrase."""
    found = []
    for name, pattern in _PHRASES:
        if name in taxonomy:
            found.extend((name, m.span()) for m in pattern.finditer(text))
    found.extend(find_verb_objects(text, taxonomy))
    return found


def _singular(noun: str) -> str:
    lower = noun.lower()
    if lower.endswith("ies") and len(lower) > 4:
        return noun[:-3] + "y"
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        return noun[:-1]
    return noun


# --- Verb and object: "deploy models" is Model Deployment ---------------------------------
#
# Many skills are named "<object> <action noun>": Model Deployment, Menu Planning, Food Cost
# Control, Time Management. Postings as often write the action as a verb with the object
# after it: "Deploy models as low-latency services", "plan weekly menus", "control food
# costs and waste", "manage own time". Every name and alias of that shape is indexed by
# (verb, object), and a verb in verb position followed by that object at the end of its
# phrase is read as the skill.
#
# Verb position: the verb opens a line, bullet or sentence, or follows "to", "will", "you",
# "help", ... ; words that are nouns as often as verbs ("design", "plan", "control") need
# that, while unambiguous verbs ("deploy", "negotiate") may also follow "and" or a comma.
# Verbs joined by commas and "and"/"or" share the object: "Install, maintain and repair
# electrical systems". The object ends its phrase: at punctuation, a conjunction or a
# preposition ("manage change requests" is not Change Management), with at most two words
# before it ("plan weekly menus").


# Action noun -> the verbs that name the same action. Irregular forms are listed in _IRREGULAR.
_ACTION_VERBS: dict[str, tuple[str, ...]] = {
    "management": ("manage", "oversee", "coordinate"),
    "planning": ("plan",),
    "control": ("control",),
    "deployment": ("deploy",),
    "design": ("design",),
    "writing": ("write",),
    "monitoring": ("monitor",),
    "estimating": ("estimate",),
    "estimation": ("estimate",),
    "reconciliation": ("reconcile",),
    "optimization": ("optimize", "optimise"),
    "optimisation": ("optimize", "optimise"),
    "tracking": ("track",),
    "reporting": ("report",),
    "handling": ("handle",),
    "development": ("develop",),
    "analysis": ("analyze", "analyse"),
    "testing": ("test",),
    "maintenance": ("maintain", "service"),
    "installation": ("install",),
    "production": ("produce",),
    "leadership": ("lead",),
    "administration": ("administer",),
    "documentation": ("document",),
    "assessment": ("assess",),
    "evaluation": ("evaluate",),
    "preparation": ("prepare",),
    "auditing": ("audit",),
    "coordination": ("coordinate",),
    "scheduling": ("schedule",),
    "forecasting": ("forecast",),
    "modeling": ("model",),
    "modelling": ("model",),
    "automation": ("automate",),
    "migration": ("migrate",),
    "integration": ("integrate",),
    "configuration": ("configure",),
    "troubleshooting": ("troubleshoot",),
    "inspection": ("inspect",),
    "repair": ("repair",),
    "processing": ("process",),
    "tuning": ("tune",),
    "screening": ("screen",),
    "recruiting": ("recruit",),
    "recruitment": ("recruit",),
    "onboarding": ("onboard",),
    "negotiation": ("negotiate",),
    "resolution": ("resolve",),
}
# Skills that are one action noun, read from the bare verb: "negotiate with carriers".
_VERB_SKILLS: dict[str, tuple[str, ...]] = {
    "negotiate": ("Negotiation",),
    "proofread": ("Editing and Proofreading", "Proofreading"),
    "troubleshoot": ("Troubleshooting",),
    "cook": ("Culinary Arts",),
    "prioritize": ("Prioritization",),
    "prioritise": ("Prioritization",),
    "debug": ("Debugging",),
    "coach": ("Coaching",),
    "mentor": ("Mentoring",),
    "interview": ("Interviewing",),
    "recruit": ("Recruiting",),
    "onboard": ("Onboarding",),
}
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "write": ("writes", "writing", "wrote", "written"),
    "lead": ("leads", "leading", "led"),
    "oversee": ("oversees", "overseeing", "oversaw", "overseen"),
    "proofread": ("proofreads", "proofreading"),
}
# Nouns as often as verbs: these count as verbs only in a strong verb position.
_AMBIGUOUS = _words(
    "plan control design report test model process schedule forecast repair document audit "
    "lead service screen monitor track estimate cook coach mentor interview"
)
# Other common verbs, only to carry a coordination: "Draft and proofread pleadings".
_CHAIN_ONLY = _words(
    "draft build run own support create order keep review implement execute "
    "perform conduct carry improve set update"
)
# Words before a verb that put it in verb position.
_STRONG_LEFT = _words("to will you you'll we can help helps also then must should ll shall")
# Words that end an object phrase.
_PHRASE_END = _words(
    "and or but for to with in on at by from across into through as of using via within per "
    "so that which while when where including like under over between against among during "
    "after before if plus behind beyond around above below without throughout ve ile"
)
_TIME_WORDS = _words("every each daily weekly monthly yearly annually once twice")
_DETERMINERS = _words(
    "the a an our your their its all own any every each this these those their new existing "
    "multiple several key"
)
# Heads that add nothing to the object: "maintain electrical systems" is about the electrical.
_GENERIC_HEADS = _words(
    "system systems equipment installations components units problems issues faults"
)
_BROAD_NOUNS = _words(
    "service system process solution product project program programme tool application app "
    "platform feature component log production request record file report document case "
    "order ticket item"
)
_MAX_OBJECT = 4


def find_verb_objects(text: str, taxonomy: Taxonomy) -> list[tuple[str, tuple[int, int]]]:
    """(skill, span) for each "verb object" phrase naming a skill of the taxonomy."""
    index, verb_skills = _verb_object_index(taxonomy)
    tokens = tokenize(text)
    found: list[tuple[str, tuple[int, int]]] = []
    i, n = 0, len(tokens)
    parallel = -1  # a verb here follows a finished verb phrase: "manage X and control Y"
    while i < n:
        lemma = _VERB_FORMS.get(tokens[i].key)
        if lemma is None or lemma in _CHAIN_ONLY_LEMMAS and lemma != "run":
            i += 1
            continue
        if i != parallel and not _verb_position(tokens, i, lemma):
            i += 1
            continue
        if lemma == "run":
            # "run the kitchen" is managing it; "run tests" is not.
            if i + 1 >= n or tokens[i + 1].key not in {"the", "a", "our", "your"}:
                i += 1
                continue
            lemma = "manage"
        verbs = [lemma]
        j = i + 1
        # "Install, maintain and repair": more verbs joined by commas, "and", "or", "&".
        while j + 1 < n and tokens[j].key in _JOINERS and tokens[j].gap < NEWLINE:
            k = j + 1
            if tokens[k].key == "and" and tokens[j].key == ",":
                k += 1
            nxt = _VERB_FORMS.get(tokens[k].key) if k < n else None
            if nxt is None:
                break
            verbs.append(nxt)
            j = k + 1
        start, phrase = _object_phrase(tokens, j)
        objects = [phrase] if phrase else []
        after = start + len(phrase)
        # "Design can labels, packaging + point-of-sale": more objects for the same verbs,
        # until a verb starts a parallel phrase ("manage deliveries and control costs").
        while objects and len(objects) < _MAX_OBJECTS and after + 1 < n:
            if tokens[after].key not in _OBJECT_JOINERS or tokens[after + 1].gap >= NEWLINE:
                break
            nxt = after + 1
            if tokens[nxt].key == "and" and tokens[after].key == ",":
                nxt += 1
            if nxt >= n or tokens[nxt].key in _VERB_FORMS:
                parallel = nxt
                break
            more_start, more = _object_phrase(tokens, nxt)
            if not more:
                break
            objects.append(more)
            after = more_start + len(more)
        for verb in verbs:
            skills = [_match_object(index, verb, obj) for obj in objects]
            for skill, obj in zip(skills, objects, strict=True):
                if skill is not None:
                    found.append((skill, (tokens[i].start, obj[-1].end)))
            if not any(skills):  # "troubleshoot electrical faults" is Electrical Troubleshooting
                verb_span = (tokens[i].start, tokens[j - 1].end)
                found.extend((name, verb_span) for name in verb_skills.get(verb, ()))
        i = max(j, after)
    return found


_OBJECT_JOINERS = frozenset({",", "and", "or", "&", "+"})
_MAX_OBJECTS = 4
_JOINERS = frozenset({",", "and", "or", "&"})


def _verb_position(tokens: list[Token], i: int, lemma: str) -> bool:
    token = tokens[i]
    if i == 0 or token.gap >= NEWLINE:
        return True
    prev = tokens[i - 1]
    if prev.key in _STRONG_LEFT or (prev.text in "•·-–—*:;.!?(" and len(prev.text) == 1):
        return True
    if lemma in _AMBIGUOUS:
        return False
    return prev.key in {"and", "or", ","}


def _object_phrase(tokens: list[Token], j: int) -> tuple[int, list[Token]]:
    """Where the object starts and its words up to the end of the phrase (no determiners)."""
    while j < len(tokens) and tokens[j].key in _DETERMINERS and tokens[j].gap < NEWLINE:
        j += 1
    start = j
    phrase: list[Token] = []
    while j < len(tokens) and len(phrase) <= _MAX_OBJECT:
        token = tokens[j]
        if token.gap >= NEWLINE or not token.key[0].isalpha() or token.key in _PHRASE_END:
            break
        # "reconcile accounts monthly", "deploy models every week": an adverb after the object
        # ends it; before it, "plan weekly menus", it is a modifier.
        if phrase and (token.key.endswith("ly") or token.key in _TIME_WORDS):
            break
        phrase.append(token)
        j += 1
    return start, phrase if 0 < len(phrase) <= _MAX_OBJECT else []


def _match_object(
    index: dict[tuple[str, tuple[str, ...]], str], verb: str, tokens: list[Token]
) -> str | None:
    words = [t.key for t in tokens]
    generic = words[-1] in _GENERIC_HEADS
    candidates = [words, words[:-1]] if generic and len(words) > 1 else [words]
    for phrase in candidates:
        last = _singular(phrase[-1])
        # Longest object first; at most two words may come before it ("plan weekly menus").
        for size in (3, 2, 1):
            if size > len(phrase) or len(phrase) - size > 2:
                continue
            # "design stormwater management systems" is not System Design, nor "designed the
            # ingestion service" Service Design: a broad noun with words before it is theirs.
            if phrase is words and generic and size == 1 and len(words) > 2:
                continue
            if size == 1 and len(phrase) > 1 and last in _BROAD_NOUNS:
                continue
            obj = (*phrase[len(phrase) - size : -1], last)
            skill = index.get((verb, obj)) or index.get((verb, tuple(phrase[len(phrase) - size :])))
            if skill is not None:
                return skill
    return None


def _inflections(verb: str) -> set[str]:
    forms = {verb, *_IRREGULAR.get(verb, ())}
    if verb in _IRREGULAR:
        return forms
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
        return forms
    forms |= {verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")}
    forms |= {verb + "ed", verb + "ing"}
    # plan -> planned, control -> controlling: a final consonant after one vowel doubles.
    if verb[-1] not in "aeiouwxy" and verb[-2:-1] in tuple("aeiou") and verb[-3:-2] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def _build_verb_forms() -> dict[str, str]:
    lemmas = {v for verbs in _ACTION_VERBS.values() for v in verbs}
    lemmas |= set(_VERB_SKILLS) | _CHAIN_ONLY
    forms: dict[str, str] = {}
    for lemma in sorted(lemmas):
        for form in _inflections(lemma):
            forms.setdefault(form, lemma)
    return forms


_VERB_FORMS = _build_verb_forms()
# Chain-only verbs carry a coordination but never start one on their own.
_CHAIN_ONLY_LEMMAS = _CHAIN_ONLY - {v for verbs in _ACTION_VERBS.values() for v in verbs}


@lru_cache(maxsize=4)
def _verb_object_index(
    taxonomy: Taxonomy,
) -> tuple[dict[tuple[str, tuple[str, ...]], str], dict[str, tuple[str, ...]]]:
    index: dict[tuple[str, tuple[str, ...]], str] = {}
    for skill in taxonomy:
        for form in skill.forms:
            words = form.lower().split()
            if len(words) < 2 or len(words) > 4 or not all(w.isalpha() for w in words):
                continue
            verbs = _ACTION_VERBS.get(words[-1])
            if verbs is None:
                continue
            obj = (*words[:-2], _singular(words[-2]))
            for verb in verbs:
                index.setdefault((verb, obj), skill.name)
    verb_skills = {
        verb: tuple(name for name in names if name in taxonomy)[:1]
        for verb, names in _VERB_SKILLS.items()
    }
    return index, verb_skills
