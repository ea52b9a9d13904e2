"""careercoach's tables as SQLModel classes, to query and write through a Store session.

The schema itself is made by store/migrations.py; a test keeps the two in step. Times are
stored as ISO 8601 text in UTC ("2026-11-21T12:00:00.000000+00:00"), so they sort as text and
come back timezone-aware.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timezone-aware datetime kept as ISO 8601 text in UTC; naive datetimes are refused."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: give it a time zone (UTC)")
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(timezone.utc)


class UsageRecord(SQLModel, table=True):
    """One model call in the usage log, whatever its outcome."""

    __tablename__ = "usage"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    command: str
    model: str
    transport: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_usd: float | None = None
    latency_ms: int
    cache_hit: bool
    outcome: str


class CacheEntry(SQLModel, table=True):
    """A stored model answer, keyed by the sha256 hex of the request that produced it."""

    __tablename__ = "cache"

    key: str = Field(primary_key=True)
    model: str
    text: str = Field(sa_type=sa.Text)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_usd: float | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Conversation(SQLModel, table=True):
    """A chat with the coach; its messages are Message rows."""

    __tablename__ = "conversation"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    model: str | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Message(SQLModel, table=True):
    """One turn of a conversation; complete is false for an answer cut off mid-stream."""

    __tablename__ = "message"
    __table_args__ = (
        sa.CheckConstraint(
            "role IN ('system', 'user', 'assistant')", name="ck_message_role"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", ondelete="CASCADE", index=True)
    role: str
    content: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    complete: bool = Field(default=True, sa_column_kwargs={"server_default": sa.text("1")})


# --- CVs and the profile (migration m003) ---------------------------------------------------


class CV(SQLModel, table=True):
    """A CV as extracted text, with the facts about its file (one row per distinct file)."""

    __tablename__ = "cv"

    id: int | None = Field(default=None, primary_key=True)
    name: str | None = None  # the person's label for this version ("2026 data engineer")
    filename: str
    kind: str  # pdf | docx | txt | md
    sha256: str = Field(unique=True)
    size_bytes: int
    page_count: int | None = None
    word_count: int
    text: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)


class Profile(SQLModel, table=True):
    """The person: one row (id 1). Contact details never leave the machine unredacted."""

    __tablename__ = "profile"

    id: int | None = Field(default=None, primary_key=True)
    name: str | None = None
    headline: str | None = None
    location: str | None = None
    remote: str | None = None  # yes | no | hybrid
    salary_expectation: float | None = None
    currency: str | None = None
    email: str | None = None
    phone: str | None = None
    links: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class ProfileSkill(SQLModel, table=True):
    """A skill the person has, with a level and the evidence for it."""

    __tablename__ = "profile_skill"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)  # canonical taxonomy name where one exists
    level: str | None = None  # beginner | intermediate | advanced | expert
    evidence: str | None = Field(default=None, sa_type=sa.Text)
    source: str = "manual"  # manual | cv:<id> | llm:cv:<id>
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Education(SQLModel, table=True):
    __tablename__ = "education"

    id: int | None = Field(default=None, primary_key=True)
    institution: str
    degree: str | None = None  # e.g. "BSc", "MSc", "PhD", "High school"
    field_of_study: str | None = None
    start: str | None = None  # "YYYY" or "YYYY-MM"
    end: str | None = None  # None while ongoing
    source: str = "manual"
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Experience(SQLModel, table=True):
    __tablename__ = "experience"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    employer: str | None = None
    location: str | None = None
    start: str | None = None  # "YYYY" or "YYYY-MM"
    end: str | None = None  # None means present
    achievements: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    source: str = "manual"
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Project(SQLModel, table=True):
    __tablename__ = "project"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    description: str | None = Field(default=None, sa_type=sa.Text)
    technologies: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    url: str | None = None
    source: str = "manual"
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Certification(SQLModel, table=True):
    __tablename__ = "certification"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    issuer: str | None = None
    date: str | None = None  # "YYYY" or "YYYY-MM"
    source: str = "manual"
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


# --- Jobs and analyses (migration m003) -----------------------------------------------------


class Job(SQLModel, table=True):
    """A job posting (kind "posting") or a dream role in the person's words ("description")."""

    __tablename__ = "job"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = "posting"  # posting | description
    title: str | None = None
    company: str | None = None
    location: str | None = None
    remote: str | None = None  # yes | no | hybrid
    salary_min: float | None = None
    salary_max: float | None = None
    currency: str | None = None
    years_required: float | None = None
    degree: str | None = None
    required_skills: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    preferred_skills: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    text: str = Field(sa_type=sa.Text)
    filename: str | None = None
    sha256: str | None = Field(default=None, index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)


class Analysis(SQLModel, table=True):
    """A stored report: a gap analysis (kind "gap") or CV feedback (kind "cv")."""

    __tablename__ = "analysis"

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # gap | cv | roadmap
    cv_id: int | None = Field(default=None, foreign_key="cv.id", ondelete="SET NULL", index=True)
    job_id: int | None = Field(
        default=None, foreign_key="job.id", ondelete="SET NULL", index=True
    )
    previous_id: int | None = Field(default=None, foreign_key="analysis.id", ondelete="SET NULL")
    mode: str  # offline | llm
    verdict: str | None = None  # FIT | UNFIT for gap analyses
    score: float | None = None  # readiness (gap) or overall score (cv), 0-100
    context: str | None = Field(default=None, sa_type=sa.Text)
    report: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)


# --- The journal and goals (migration m004) -------------------------------------------------


class JournalEntry(SQLModel, table=True):
    """One diary entry. The text is searchable through journal_fts (kept in step by triggers).

    entry_date is the day the entry is about ("YYYY-MM-DD", the person's local calendar), which
    may differ from created_at. The analysis columns are filled by `journal analyze`: offline
    estimates or the model's reading, analysis_mode says which.
    """

    __tablename__ = "journal_entry"
    __table_args__ = (
        sa.CheckConstraint("mood IS NULL OR mood BETWEEN 1 AND 5", name="ck_journal_mood"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_date: str = Field(index=True)
    text: str = Field(sa_type=sa.Text)
    tags: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    mood: int | None = None  # the person's own rating, 1-5
    stress: float | None = None  # 0-10, from the analysis
    motivation: float | None = None  # 0-10, from the analysis
    sentiment: float | None = None  # -1..1, from the analysis
    themes: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    analysis: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    analysis_mode: str | None = None  # offline | llm
    analyzed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Goal(SQLModel, table=True):
    """A career goal; its progress is the share of its steps done."""

    __tablename__ = "goal"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    why: str | None = Field(default=None, sa_type=sa.Text)
    due: str | None = None  # "YYYY-MM-DD"
    status: str = "open"  # open | done
    source: str = "manual"  # manual | roadmap:<analysis id>
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class GoalStep(SQLModel, table=True):
    """One small, dated step towards a goal."""

    __tablename__ = "goal_step"

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", ondelete="CASCADE", index=True)
    position: int = 0
    text: str = Field(sa_type=sa.Text)
    due: str | None = None  # "YYYY-MM-DD"
    done: bool = False
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


# --- Interview preparation (migration m005) --------------------------------------------------


class InterviewQuestion(SQLModel, table=True):
    """A question shown to the person: from the shipped bank or written by the model."""

    __tablename__ = "interview_question"

    id: int | None = Field(default=None, primary_key=True)
    role: str = Field(index=True)
    difficulty: str  # easy | medium | hard
    type: str  # technical | behavioral | situational
    text: str = Field(sa_type=sa.Text)
    covers: list[str] = Field(default_factory=list, sa_type=sa.JSON)  # what a good answer covers
    source: str = "bank"  # bank | llm
    job_id: int | None = Field(default=None, foreign_key="job.id", ondelete="SET NULL")
    bookmarked: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class InterviewPractice(SQLModel, table=True):
    """One practised answer and the feedback it got."""

    __tablename__ = "interview_practice"

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="interview_question.id", ondelete="CASCADE", index=True)
    answer: str = Field(sa_type=sa.Text)
    score: int | None = None  # 1-10
    feedback: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    mode: str  # offline | llm
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)


# --- Applications, letters and search (migration m006) --------------------------------------

APPLICATION_STAGES = (
    "saved",
    "applied",
    "screening",
    "interview",
    "offer",
    "accepted",
    "rejected",
    "withdrawn",
)


class Application(SQLModel, table=True):
    """An application for a job, moving through the stages; its history is ApplicationEvent."""

    __tablename__ = "application"

    id: int | None = Field(default=None, primary_key=True)
    job_id: int | None = Field(default=None, foreign_key="job.id", ondelete="SET NULL", index=True)
    title: str | None = None  # the job's title and company, kept should the job be removed
    company: str | None = None
    status: str = "saved"
    status_since: str  # "YYYY-MM-DD": the day it entered its current stage
    follow_up: str | None = None  # "YYYY-MM-DD": when to act next
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class ApplicationEvent(SQLModel, table=True):
    """One change of an application: its stage on a day, with a note."""

    __tablename__ = "application_event"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", ondelete="CASCADE", index=True)
    status: str
    date: str  # "YYYY-MM-DD"
    note: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Letter(SQLModel, table=True):
    """A cover letter written for a job."""

    __tablename__ = "letter"

    id: int | None = Field(default=None, primary_key=True)
    job_id: int | None = Field(default=None, foreign_key="job.id", ondelete="SET NULL", index=True)
    cv_id: int | None = Field(default=None, foreign_key="cv.id", ondelete="SET NULL")
    tone: str = "formal"  # formal | warm | concise
    text: str = Field(sa_type=sa.Text)
    mode: str  # llm (letters need a model)
    warnings: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
