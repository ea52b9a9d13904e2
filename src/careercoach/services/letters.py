"""Cover letters for a stored job, grounded in what the person has really shown.

    run = start_letter(job_ref, cv_ref, tone, choice)   # inputs resolved, nothing stored yet
    letter = run.write(on_text=...)                      # written (model or template), stored

With a model, the letter streams and is stored only once it is complete: a cut stream, a
length-limited answer or any provider fault stores nothing (exit 4). Without a model (none
configured, or --offline) an honest template is filled from the profile, the CV and the
posting, labelled offline, with [bracketed] parts for the person to write.

Every letter passes the claimed-skills check: the skill matcher reads the letter, and any
skill it names that the profile and the CV do not show becomes a stored warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from careercoach.errors import BadInput, IncompleteAnswer, NotConfigured, NotFound, ProviderError
from careercoach.services.model import ModelChoice

if TYPE_CHECKING:
    from careercoach.llm.gateway import Gateway
    from careercoach.services.grounding import Grounding
    from careercoach.store.db import Store
    from careercoach.store.letter_rows import StoredLetter

TONES = ("formal", "warm", "concise")
OFFLINE_NOTE = (
    "offline template: only facts from your profile, CV and the posting; write the [bracketed] "
    "parts yourself before sending (with a model, careercoach setup, the letter is written "
    "for you)"
)
CLAIM_WARNING = "the letter names skills your profile and CV don't show: "
SOFT_WARNING = "the letter names soft skills your CV gives no evidence of: "
MAX_POSTING_CHARS = 8000
_TONE_GUIDE = {
    "formal": "Formal and courteous, as to a hiring manager you have not met; 250-350 words.",
    "warm": "Warm, personal and enthusiastic, still professional; 250-350 words.",
    "concise": "Brief and direct: three short paragraphs, 150 words at most.",
}


@dataclass
class LetterView:
    """A stored letter, as `--json` prints it (see `to_dict`)."""

    id: int
    job_id: int | None
    cv_id: int | None
    tone: str
    mode: str  # llm | offline
    text: str
    warnings: list[str]
    created_at: datetime
    job: str | None = None  # "Data Engineer at Acme"; None when the job was removed
    notes: list[str] = field(default_factory=list)

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "job_id": self.job_id,
            "job": self.job,
            "cv_id": self.cv_id,
            "tone": self.tone,
            "mode": self.mode,
            "words": len(self.text.split()),
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "created_at": self.created_at.isoformat(),
        }
        if with_text:
            data["text"] = self.text
        return data


@dataclass
class LetterRun:
    """A letter about to be written: by `gateway`, or from the template when it is None."""

    store: Store
    grounding: Grounding
    tone: str
    gateway: Gateway | None
    offline_reason: str | None = None

    def write(self, on_text: Callable[[str], None] | None = None) -> LetterView:
        """Write the letter (streamed through `on_text` with a model), check it, store it."""
        if self.gateway is None:
            text = offline_letter(self.grounding, self.tone)
            return _store(self.store, self.grounding, self.tone, text, "offline")
        text = self._ask(on_text)
        return _store(self.store, self.grounding, self.tone, text, "llm")

    def _ask(self, on_text: Callable[[str], None] | None) -> str:
        assert self.gateway is not None
        messages, restore = letter_messages(self.store, self.grounding, self.tone)
        emit = _Restoring(on_text, restore) if on_text is not None else None
        answer = self.gateway.complete(messages, on_text=emit)
        if emit is not None:
            emit.flush()
        if answer.finish_reason == "length":
            raise IncompleteAnswer(
                "the letter reached the model's length limit before it was finished",
                "try again, or a tone such as --tone concise; nothing was stored",
                partial=answer.text,
            )
        text = restore(answer.text).strip()
        if not text:
            raise ProviderError(
                "the model answered with an empty letter", "try again; nothing was stored"
            )
        return text


def start_letter(
    job_ref: str | None, cv_ref: str | None, tone: str, choice: ModelChoice
) -> LetterRun:
    """Resolve the job and CV (the latest by default) and choose the writer; stores nothing."""
    from careercoach.services.grounding import load_grounding, require_facts
    from careercoach.store.db import open_store

    tone = tone.strip().lower()
    if tone not in TONES:
        raise BadInput(f"unknown tone {tone!r}", hint=f"choose one of: {', '.join(TONES)}")
    store = open_store()
    grounding = load_grounding(store, job_ref, cv_ref, cv_required=False)
    require_facts(grounding)
    if choice.offline:
        return LetterRun(store, grounding, tone, None, "--offline")
    from careercoach.services.model import open_gateway

    try:
        gateway = open_gateway("letter", choice, store=store)
    except NotConfigured as exc:
        return LetterRun(store, grounding, tone, None, exc.message)
    return LetterRun(store, grounding, tone, gateway)


# --- the claimed-skills check -----------------------------------------------------------------


def claim_warnings(text: str, grounding: Grounding) -> list[str]:
    """Warnings for skills the letter names that the profile and CV do not show."""
    from careercoach.analysis.keyword_coverage import unshown_skills

    taxonomy = grounding.taxonomy
    # The company's own name ("Snowflake", "Docker") is no claim to its skill.
    besides = grounding.cv_text + "\n" + (grounding.job.company or "")
    unshown = unshown_skills(text, grounding.shown_skills, taxonomy, besides=besides)
    soft = [s for s in unshown if (k := taxonomy.get(s)) is not None and k.category == "soft"]
    hard = [s for s in unshown if s not in soft]
    warnings = []
    if hard:
        warnings.append(
            CLAIM_WARNING + ", ".join(hard) + "; make sure the letter does not claim them"
        )
    if soft:
        warnings.append(SOFT_WARNING + ", ".join(soft) + "; back each with an example or cut it")
    return warnings


# --- the model's letter -----------------------------------------------------------------------


def letter_messages(
    store: Store, grounding: Grounding, tone: str
) -> tuple[list[dict[str, str]], Callable[[str], str]]:
    """The prompt (profile, CV and posting redacted with one book, delimited) and `restore`."""
    from careercoach.documents.delimit import DATA_NOTICE, wrap_document
    from careercoach.prompts import load_prompt
    from careercoach.services.grounding import job_label, redact_together

    judged = grounding.judged()
    have = grounding.held_keywords()
    held = {k.name for k in have}
    have_lines = "\n".join(
        f"- {k.name}" + (f" ({judged[k.name].evidence})" if judged[k.name].evidence else "")
        for k in have
    )
    lack_lines = ", ".join(k.name for k in grounding.keywords if k.name not in held)
    profile = _profile_facts(store)
    posting = grounding.job.text[:MAX_POSTING_CHARS]
    (profile, cv_text, posting, have_lines), redaction = redact_together(
        [profile, grounding.cv_text, posting, have_lines], grounding.person_names
    )
    system = load_prompt("letter").render(
        data_notice=DATA_NOTICE,
        job=job_label(grounding.job),
        tone=_TONE_GUIDE[tone],
        have=have_lines or "none of the posting's named skills",
        lack=lack_lines or "none",
    )
    documents = [wrap_document(profile or "nothing stored", "profile")]
    if cv_text.strip():
        documents.append(wrap_document(cv_text, "CV"))
    documents.append(wrap_document(posting, "job posting"))
    user = "Write my cover letter as instructed.\n\n" + "\n\n".join(documents)
    messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    return messages, redaction.restore


def _profile_facts(store: Store) -> str:
    """The profile as the coach sees it (coach_context), without goals or analyses."""
    from careercoach.services.coach_context import build_context

    context = build_context(store)
    keep = ("Profile", "Skills", "Experience", "Education and certifications")
    return "\n\n".join(f"{t}:\n{b}" for t, b in context.sections.items() if t in keep)


class _Restoring:
    """Pass streamed text on with placeholders restored, holding back a "[" not yet closed."""

    def __init__(self, on_text: Callable[[str], None], restore: Callable[[str], str]) -> None:
        self.on_text = on_text
        self.restore = restore
        self.held = ""

    def __call__(self, delta: str) -> None:
        text = self.held + delta
        cut = text.rfind("[")
        if cut != -1 and "]" not in text[cut:] and len(text) - cut < 40:
            text, self.held = text[:cut], text[cut:]
        else:
            self.held = ""
        if text:
            self.on_text(self.restore(text))

    def flush(self) -> None:
        if self.held:
            self.on_text(self.restore(self.held))
            self.held = ""


# --- the offline template ---------------------------------------------------------------------

_OPENING = {
    "formal": "I am writing to apply for the {title} position at {company}.",
    "warm": "I was glad to see the {title} opening at {company}, and I would love to apply.",
    "concise": "I am applying for the {title} role at {company}.",
}
_CLOSING = {
    "formal": "I would welcome the opportunity to discuss how I could contribute to {company}. "
    "Thank you for your time and consideration.",
    "warm": "I would be delighted to talk about how I could help the team. Thank you for "
    "reading, and I hope to hear from you.",
    "concise": "I would welcome a conversation. Thank you for your time.",
}
_SIGN_OFF = {"formal": "Sincerely,", "warm": "Warm regards,", "concise": "Best regards,"}


def offline_letter(grounding: Grounding, tone: str) -> str:
    """A letter from stored facts only: the role, the latest job, a real achievement and the
    posting's skills the person has; what only the person can say is left [bracketed]."""
    job, profile, parsed = grounding.job, grounding.profile, grounding.parsed_cv
    company = job.company or "your company"
    title = job.title or "advertised"
    name = profile.name or parsed.contact.name or "[Your name]"
    greeting = "Dear Hiring Manager,"
    if tone == "warm" and job.company:
        greeting = f"Hello {job.company} team,"
    first = [_OPENING[tone].format(title=title, company=company)]
    background = _background(grounding)
    if background:
        first.append(background)
    paragraphs = [" ".join(first)]
    have = [k.name for k in grounding.held_keywords()][:5]
    middle = []
    if have:
        which = {1: "it is", 2: "both are"}.get(len(have), "each is")
        middle.append(f"The role asks for {_join(have)}, and {which} part of my experience.")
    achievement = _achievement(grounding)
    if achievement and tone != "concise":
        middle.append(achievement)
    middle.append(f"[One or two sentences, in your own words, on why {company} and this role.]")
    paragraphs.append(" ".join(middle))
    paragraphs.append(_CLOSING[tone].format(company=company))
    return "\n\n".join([greeting, *paragraphs, f"{_SIGN_OFF[tone]}\n{name}"])


def _background(grounding: Grounding) -> str | None:
    roles = grounding.profile.experience or grounding.parsed_cv.experience
    if roles:
        role = roles[0]
        where = f" at {role.employer}" if role.employer else ""
        if role.end is None or getattr(role, "current", False):
            return f"I currently work as {role.title}{where}."
        return f"Most recently I worked as {role.title}{where}."
    headline = grounding.profile.headline or grounding.parsed_cv.headline
    return f"I am a {headline.rstrip('.')}." if headline else None


def _achievement(grounding: Grounding) -> str | None:
    """The first achievement with a number in it (else the first at all) of the latest roles,
    as a sentence: "In that role I cut ..." when it opens with a verb, else quoted."""
    from careercoach.analysis.ats_data import STRONG_VERBS
    from careercoach.analysis.taxonomy import fold

    roles = list(grounding.profile.experience) + list(grounding.parsed_cv.experience)
    bullets = [" ".join(a.split()) for role in roles[:2] for a in role.achievements if a.strip()]
    with_number = [b for b in bullets if any(ch.isdigit() for ch in b)]
    chosen = (with_number or bullets or [None])[0]
    if chosen is None:
        return None
    chosen = chosen.rstrip(". ")
    verb = fold(chosen.split()[0])
    if verb in STRONG_VERBS or verb.endswith("ed") or verb + "ed" in STRONG_VERBS:
        return f"In that role I {chosen[0].lower()}{chosen[1:]}."
    return f'One result from my CV: "{chosen}."'


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- storing and reading ----------------------------------------------------------------------


def _store(store: Store, grounding: Grounding, tone: str, text: str, mode: str) -> LetterView:
    from careercoach.store.models import Letter

    row = Letter(
        job_id=grounding.job.id,
        cv_id=grounding.cv.id if grounding.cv is not None else None,
        tone=tone,
        text=text,
        mode=mode,
        warnings=claim_warnings(text, grounding),
    )
    with store.session() as session:
        session.add(row)
        session.flush()
    from careercoach.store.letter_rows import StoredLetter

    assert row.id is not None
    stored = StoredLetter(
        id=row.id,
        job_id=row.job_id,
        cv_id=row.cv_id,
        tone=row.tone,
        text=row.text,
        mode=row.mode,
        warnings=list(row.warnings or []),
        created_at=row.created_at,
        job_title=grounding.job.title,
        job_company=grounding.job.company,
    )
    return _stored_view(stored)


def list_letters(store: Store, job_ref: str | None = None) -> list[LetterView]:
    """Every stored letter (or one job's), the newest first; plain SQL (store/letter_rows.py)."""
    from careercoach.services.jobs import get_stored_job
    from careercoach.store import letter_rows

    job_id = get_stored_job(store, job_ref).id if job_ref is not None else None
    return [_stored_view(letter) for letter in letter_rows.list_letters(store, job_id)]


def get_letter(store: Store, ref: str) -> LetterView:
    """The letter with id `ref` (exit 1 when it is not a stored letter's id)."""
    from careercoach.store.letter_rows import find_letter

    letter_id = _letter_id(ref)
    found = find_letter(store, letter_id)
    if found is None:
        raise _letter_not_found(letter_id)
    return _stored_view(found)


def remove_letter(store: Store, ref: str) -> LetterView:
    """Delete the letter with id `ref` and return what it was (exit 1 for an unknown id)."""
    from careercoach.store.letter_rows import delete_letter

    letter_id = _letter_id(ref)
    removed = delete_letter(store, letter_id)
    if removed is None:
        raise _letter_not_found(letter_id)
    return _stored_view(removed)


def _letter_id(ref: str) -> int:
    from careercoach.ids import as_id

    letter_id = as_id(ref)
    if letter_id is None:
        raise BadInput(
            f"not a letter id: {ref!r}", hint="give the number shown by: careercoach letter list"
        )
    return letter_id


def _letter_not_found(letter_id: int) -> NotFound:
    return NotFound(
        f"no letter with id {letter_id}", hint="see the stored letters: careercoach letter list"
    )


def _stored_view(letter: StoredLetter) -> LetterView:
    from careercoach.services.grounding import label_of_job

    # A removed job leaves job_id NULL (ON DELETE SET NULL), so an id means the job is there.
    has_job = letter.job_id is not None
    return LetterView(
        id=letter.id,
        job_id=letter.job_id,
        cv_id=letter.cv_id,
        tone=letter.tone,
        mode=letter.mode,
        text=letter.text,
        warnings=letter.warnings,
        created_at=letter.created_at,
        job=label_of_job(letter.job_id, letter.job_title, letter.job_company) if has_job else None,
        notes=[OFFLINE_NOTE] if letter.mode == "offline" else [],
    )
