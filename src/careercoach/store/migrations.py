"""careercoach's schema, as ordered SQL migrations recorded in PRAGMA user_version.

To change the schema, append a Migration to MIGRATIONS (never edit one that has shipped) and
change store/models.py to match; tests/store checks that the two describe the same tables.
Migration N brings the database from version N-1 to N. Each runs in its own BEGIN IMMEDIATE
transaction that re-reads the version first, so an interruption leaves the old version or the
new one, and two processes opening an old database at once migrate it only once. Before a
database that already holds a schema is upgraded, a copy is taken next to it.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from careercoach.errors import StoreError

_BUSY_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Migration:
    """One step of the schema: a name (mNNN_what) and the SQL statements that take it."""

    name: str
    sql: str


MIGRATIONS: list[Migration] = [
    Migration(
        "m001_initial",
        """
        CREATE TABLE usage (
            id INTEGER NOT NULL PRIMARY KEY,
            created_at VARCHAR NOT NULL,
            command VARCHAR NOT NULL,
            model VARCHAR NOT NULL,
            transport VARCHAR NOT NULL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost_usd FLOAT,
            latency_ms INTEGER NOT NULL,
            cache_hit BOOLEAN NOT NULL,
            outcome VARCHAR NOT NULL
        );
        CREATE INDEX ix_usage_created_at ON usage (created_at);
        CREATE TABLE cache (
            "key" VARCHAR NOT NULL PRIMARY KEY,
            model VARCHAR NOT NULL,
            text TEXT NOT NULL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost_usd FLOAT,
            created_at VARCHAR NOT NULL
        );
        """,
    ),
    Migration(
        "m002_conversations",
        """
        CREATE TABLE conversation (
            id INTEGER NOT NULL PRIMARY KEY,
            title VARCHAR NOT NULL,
            model VARCHAR,
            created_at VARCHAR NOT NULL,
            updated_at VARCHAR NOT NULL
        );
        CREATE TABLE message (
            id INTEGER NOT NULL PRIMARY KEY,
            conversation_id INTEGER NOT NULL
                REFERENCES conversation (id) ON DELETE CASCADE,
            role VARCHAR NOT NULL
                CONSTRAINT ck_message_role CHECK (role IN ('system', 'user', 'assistant')),
            content TEXT NOT NULL,
            created_at VARCHAR NOT NULL,
            complete BOOLEAN NOT NULL DEFAULT 1
        );
        CREATE INDEX ix_message_conversation_id ON message (conversation_id);
        """,
    ),
    Migration(
        "m003_cv_profile_jobs_analyses",
        """
        CREATE TABLE cv (
            id INTEGER NOT NULL,
            name VARCHAR,
            filename VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL,
            size_bytes INTEGER NOT NULL,
            page_count INTEGER,
            word_count INTEGER NOT NULL,
            text TEXT NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            UNIQUE (sha256)
        );
        CREATE INDEX ix_cv_created_at ON cv (created_at);
        CREATE TABLE profile (
            id INTEGER NOT NULL,
            name VARCHAR,
            headline VARCHAR,
            location VARCHAR,
            remote VARCHAR,
            salary_expectation FLOAT,
            currency VARCHAR,
            email VARCHAR,
            phone VARCHAR,
            links JSON NOT NULL,
            updated_at VARCHAR NOT NULL,
            PRIMARY KEY (id)
        );
        CREATE TABLE profile_skill (
            id INTEGER NOT NULL,
            name VARCHAR NOT NULL,
            level VARCHAR,
            evidence TEXT,
            source VARCHAR NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            UNIQUE (name)
        );
        CREATE TABLE education (
            id INTEGER NOT NULL,
            institution VARCHAR NOT NULL,
            degree VARCHAR,
            field_of_study VARCHAR,
            start VARCHAR,
            "end" VARCHAR,
            source VARCHAR NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id)
        );
        CREATE TABLE experience (
            id INTEGER NOT NULL,
            title VARCHAR NOT NULL,
            employer VARCHAR,
            location VARCHAR,
            start VARCHAR,
            "end" VARCHAR,
            achievements JSON NOT NULL,
            source VARCHAR NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id)
        );
        CREATE TABLE project (
            id INTEGER NOT NULL,
            name VARCHAR NOT NULL,
            description TEXT,
            technologies JSON NOT NULL,
            url VARCHAR,
            source VARCHAR NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id)
        );
        CREATE TABLE certification (
            id INTEGER NOT NULL,
            name VARCHAR NOT NULL,
            issuer VARCHAR,
            date VARCHAR,
            source VARCHAR NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id)
        );
        CREATE TABLE job (
            id INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            title VARCHAR,
            company VARCHAR,
            location VARCHAR,
            remote VARCHAR,
            salary_min FLOAT,
            salary_max FLOAT,
            currency VARCHAR,
            years_required FLOAT,
            degree VARCHAR,
            required_skills JSON NOT NULL,
            preferred_skills JSON NOT NULL,
            text TEXT NOT NULL,
            filename VARCHAR,
            sha256 VARCHAR,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id)
        );
        CREATE INDEX ix_job_created_at ON job (created_at);
        CREATE INDEX ix_job_sha256 ON job (sha256);
        CREATE TABLE analysis (
            id INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            cv_id INTEGER,
            job_id INTEGER,
            previous_id INTEGER,
            mode VARCHAR NOT NULL,
            verdict VARCHAR,
            score FLOAT,
            context TEXT,
            report JSON NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(cv_id) REFERENCES cv (id) ON DELETE SET NULL,
            FOREIGN KEY(job_id) REFERENCES job (id) ON DELETE SET NULL,
            FOREIGN KEY(previous_id) REFERENCES analysis (id) ON DELETE SET NULL
        );
        CREATE INDEX ix_analysis_created_at ON analysis (created_at);
        CREATE INDEX ix_analysis_cv_id ON analysis (cv_id);
        CREATE INDEX ix_analysis_job_id ON analysis (job_id);
        """,
    ),
    Migration(
        "m004_journal_goals",
        """
        CREATE TABLE journal_entry (
            id INTEGER NOT NULL,
            entry_date VARCHAR NOT NULL,
            text TEXT NOT NULL,
            tags JSON NOT NULL,
            mood INTEGER,
            stress FLOAT,
            motivation FLOAT,
            sentiment FLOAT,
            themes JSON NOT NULL,
            analysis JSON,
            analysis_mode VARCHAR,
            analyzed_at VARCHAR,
            created_at VARCHAR NOT NULL,
            updated_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            CONSTRAINT ck_journal_mood CHECK (mood IS NULL OR mood BETWEEN 1 AND 5)
        );
        CREATE INDEX ix_journal_entry_entry_date ON journal_entry (entry_date);
        -- Full-text search over the entries: an external-content FTS5 index kept in step by
        -- triggers, so every write path (the CLI, an import, plain SQL) updates it.
        CREATE VIRTUAL TABLE journal_fts USING fts5(
            text, tags, content='journal_entry', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER journal_fts_insert AFTER INSERT ON journal_entry BEGIN
            INSERT INTO journal_fts(rowid, text, tags) VALUES (new.id, new.text, new.tags);
        END;
        CREATE TRIGGER journal_fts_delete AFTER DELETE ON journal_entry BEGIN
            INSERT INTO journal_fts(journal_fts, rowid, text, tags)
                VALUES ('delete', old.id, old.text, old.tags);
        END;
        CREATE TRIGGER journal_fts_update AFTER UPDATE OF text, tags ON journal_entry BEGIN
            INSERT INTO journal_fts(journal_fts, rowid, text, tags)
                VALUES ('delete', old.id, old.text, old.tags);
            INSERT INTO journal_fts(rowid, text, tags) VALUES (new.id, new.text, new.tags);
        END;
        CREATE TABLE goal (
            id INTEGER NOT NULL,
            title VARCHAR NOT NULL,
            why TEXT,
            due VARCHAR,
            status VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            done_at VARCHAR,
            created_at VARCHAR NOT NULL,
            updated_at VARCHAR NOT NULL,
            PRIMARY KEY (id)
        );
        CREATE TABLE goal_step (
            id INTEGER NOT NULL,
            goal_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            due VARCHAR,
            done BOOLEAN NOT NULL,
            done_at VARCHAR,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE
        );
        CREATE INDEX ix_goal_step_goal_id ON goal_step (goal_id);
        """,
    ),
    Migration(
        "m005_interview",
        """
        CREATE TABLE interview_question (
            id INTEGER NOT NULL,
            role VARCHAR NOT NULL,
            difficulty VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            text TEXT NOT NULL,
            covers JSON NOT NULL,
            source VARCHAR NOT NULL,
            job_id INTEGER,
            bookmarked BOOLEAN NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(job_id) REFERENCES job (id) ON DELETE SET NULL
        );
        CREATE INDEX ix_interview_question_role ON interview_question (role);
        CREATE TABLE interview_practice (
            id INTEGER NOT NULL,
            question_id INTEGER NOT NULL,
            answer TEXT NOT NULL,
            score INTEGER,
            feedback JSON NOT NULL,
            mode VARCHAR NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(question_id) REFERENCES interview_question (id) ON DELETE CASCADE
        );
        CREATE INDEX ix_interview_practice_question_id ON interview_practice (question_id);
        CREATE INDEX ix_interview_practice_created_at ON interview_practice (created_at);
        """,
    ),
    Migration(
        "m006_applications_letters_search",
        """
        CREATE TABLE application (
            id INTEGER NOT NULL,
            job_id INTEGER,
            title VARCHAR,
            company VARCHAR,
            status VARCHAR NOT NULL,
            status_since VARCHAR NOT NULL,
            follow_up VARCHAR,
            created_at VARCHAR NOT NULL,
            updated_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(job_id) REFERENCES job (id) ON DELETE SET NULL
        );
        CREATE INDEX ix_application_job_id ON application (job_id);
        CREATE TABLE application_event (
            id INTEGER NOT NULL,
            application_id INTEGER NOT NULL,
            status VARCHAR NOT NULL,
            date VARCHAR NOT NULL,
            note TEXT,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(application_id) REFERENCES application (id) ON DELETE CASCADE
        );
        CREATE INDEX ix_application_event_application_id ON application_event (application_id);
        CREATE TABLE letter (
            id INTEGER NOT NULL,
            job_id INTEGER,
            cv_id INTEGER,
            tone VARCHAR NOT NULL,
            text TEXT NOT NULL,
            mode VARCHAR NOT NULL,
            warnings JSON NOT NULL,
            created_at VARCHAR NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(job_id) REFERENCES job (id) ON DELETE SET NULL,
            FOREIGN KEY(cv_id) REFERENCES cv (id) ON DELETE SET NULL
        );
        CREATE INDEX ix_letter_job_id ON letter (job_id);
        -- One full-text index over every stored text, for `careercoach search`. Each source
        -- row is one index row whose rowid is id * 8 + a code for its table (journal 1, cv 2,
        -- job 3, analysis 4, chat message 5, letter 6), so triggers find it directly.
        CREATE VIRTUAL TABLE search_fts USING fts5(
            type UNINDEXED, ref_id UNINDEXED, title, body,
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER search_journal_entry_insert AFTER INSERT ON journal_entry BEGIN
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 1, 'journal', new.id, new.entry_date, new.text || ' ' || new.tags);
        END;
        CREATE TRIGGER search_journal_entry_update AFTER UPDATE ON journal_entry BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 1;
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 1, 'journal', new.id, new.entry_date, new.text || ' ' || new.tags);
        END;
        CREATE TRIGGER search_journal_entry_delete AFTER DELETE ON journal_entry BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 1;
        END;
        INSERT INTO search_fts(rowid, type, ref_id, title, body)
            SELECT r.id * 8 + 1, 'journal', r.id, r.entry_date, r.text || ' ' || r.tags
            FROM journal_entry AS r;
        CREATE TRIGGER search_cv_insert AFTER INSERT ON cv BEGIN
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 2, 'cv', new.id, coalesce(new.name, new.filename), new.text);
        END;
        CREATE TRIGGER search_cv_update AFTER UPDATE ON cv BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 2;
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 2, 'cv', new.id, coalesce(new.name, new.filename), new.text);
        END;
        CREATE TRIGGER search_cv_delete AFTER DELETE ON cv BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 2;
        END;
        INSERT INTO search_fts(rowid, type, ref_id, title, body)
            SELECT r.id * 8 + 2, 'cv', r.id, coalesce(r.name, r.filename), r.text
            FROM cv AS r;
        CREATE TRIGGER search_job_insert AFTER INSERT ON job BEGIN
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 3, 'job', new.id, trim(coalesce(new.title, '') || ' ' || coalesce(new.company, '')), new.text);
        END;
        CREATE TRIGGER search_job_update AFTER UPDATE ON job BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 3;
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 3, 'job', new.id, trim(coalesce(new.title, '') || ' ' || coalesce(new.company, '')), new.text);
        END;
        CREATE TRIGGER search_job_delete AFTER DELETE ON job BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 3;
        END;
        INSERT INTO search_fts(rowid, type, ref_id, title, body)
            SELECT r.id * 8 + 3, 'job', r.id, trim(coalesce(r.title, '') || ' ' || coalesce(r.company, '')), r.text
            FROM job AS r;
        CREATE TRIGGER search_analysis_insert AFTER INSERT ON analysis BEGIN
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 4, 'analysis', new.id, new.kind || ' ' || coalesce(new.verdict, ''), new.report || ' ' || coalesce(new.context, ''));
        END;
        CREATE TRIGGER search_analysis_update AFTER UPDATE ON analysis BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 4;
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 4, 'analysis', new.id, new.kind || ' ' || coalesce(new.verdict, ''), new.report || ' ' || coalesce(new.context, ''));
        END;
        CREATE TRIGGER search_analysis_delete AFTER DELETE ON analysis BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 4;
        END;
        INSERT INTO search_fts(rowid, type, ref_id, title, body)
            SELECT r.id * 8 + 4, 'analysis', r.id, r.kind || ' ' || coalesce(r.verdict, ''), r.report || ' ' || coalesce(r.context, '')
            FROM analysis AS r;
        CREATE TRIGGER search_message_insert AFTER INSERT ON message BEGIN
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 5, 'chat', new.id, (SELECT title FROM conversation WHERE id = new.conversation_id), new.content);
        END;
        CREATE TRIGGER search_message_update AFTER UPDATE ON message BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 5;
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 5, 'chat', new.id, (SELECT title FROM conversation WHERE id = new.conversation_id), new.content);
        END;
        CREATE TRIGGER search_message_delete AFTER DELETE ON message BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 5;
        END;
        INSERT INTO search_fts(rowid, type, ref_id, title, body)
            SELECT r.id * 8 + 5, 'chat', r.id, (SELECT title FROM conversation WHERE id = r.conversation_id), r.content
            FROM message AS r;
        CREATE TRIGGER search_letter_insert AFTER INSERT ON letter BEGIN
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 6, 'letter', new.id, 'letter ' || new.tone, new.text);
        END;
        CREATE TRIGGER search_letter_update AFTER UPDATE ON letter BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 6;
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 6, 'letter', new.id, 'letter ' || new.tone, new.text);
        END;
        CREATE TRIGGER search_letter_delete AFTER DELETE ON letter BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 6;
        END;
        INSERT INTO search_fts(rowid, type, ref_id, title, body)
            SELECT r.id * 8 + 6, 'letter', r.id, 'letter ' || r.tone, r.text
            FROM letter AS r;
        """,
    ),
    Migration(
        "m007_search_applications",
        """
        -- Applications join `careercoach search`: each timeline event is one index row
        -- (rowid event id * 8 + 7), titled with its application's job and company, holding the
        -- stage and the note; ref_id is the application, which is what `apply show` opens.
        CREATE TRIGGER search_application_event_insert AFTER INSERT ON application_event BEGIN
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 7, 'application', new.application_id,
                    (SELECT trim(coalesce(a.title, '') || ' ' || coalesce(a.company, ''))
                     FROM application AS a WHERE a.id = new.application_id),
                    new.status || ' ' || coalesce(new.note, ''));
        END;
        CREATE TRIGGER search_application_event_update AFTER UPDATE ON application_event BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 7;
            INSERT INTO search_fts(rowid, type, ref_id, title, body)
                VALUES (new.id * 8 + 7, 'application', new.application_id,
                    (SELECT trim(coalesce(a.title, '') || ' ' || coalesce(a.company, ''))
                     FROM application AS a WHERE a.id = new.application_id),
                    new.status || ' ' || coalesce(new.note, ''));
        END;
        CREATE TRIGGER search_application_event_delete AFTER DELETE ON application_event BEGIN
            DELETE FROM search_fts WHERE rowid = old.id * 8 + 7;
        END;
        CREATE TRIGGER search_application_update AFTER UPDATE OF title, company ON application
        BEGIN
            UPDATE search_fts
                SET title = trim(coalesce(new.title, '') || ' ' || coalesce(new.company, ''))
                WHERE rowid IN (SELECT e.id * 8 + 7 FROM application_event AS e
                                WHERE e.application_id = new.id);
        END;
        INSERT INTO search_fts(rowid, type, ref_id, title, body)
            SELECT e.id * 8 + 7, 'application', e.application_id,
                trim(coalesce(a.title, '') || ' ' || coalesce(a.company, '')),
                e.status || ' ' || coalesce(e.note, '')
            FROM application_event AS e JOIN application AS a ON a.id = e.application_id;
        """,
    ),
]


def current_version() -> int:
    """The schema version this careercoach writes: the number of migrations it knows."""
    return len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the database at `path` to the current version through `conn`; return the version.

    `conn` must be in autocommit mode (isolation_level None): each migration issues its own
    BEGIN IMMEDIATE ... COMMIT.
    """
    target = current_version()
    version = user_version(conn)
    if version > target:
        raise newer_version_error(path, version)
    if version == target:
        return version
    # Rebuilding a table (SQLite's 12-step ALTER) needs foreign keys off outside the
    # transaction; foreign_key_check below stands in for them.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        first = True  # back up only what was there before this call changed anything
        while version < target:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = user_version(conn)  # another process may have migrated meanwhile
                if version > target:
                    raise newer_version_error(path, version)
                if version < target:
                    if version >= 1 and first:
                        backup_database(path, version)
                    first = False
                    _apply(conn, path, MIGRATIONS[version], version + 1)
                    version += 1
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return version


def _apply(conn: sqlite3.Connection, path: Path, migration: Migration, version: int) -> None:
    try:
        for statement in split_statements(migration.sql):
            conn.execute(statement)
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        conn.execute(f"PRAGMA user_version = {int(version)}")
    except sqlite3.Error as exc:
        raise StoreError(
            f"cannot upgrade the database {path} to schema v{version} ({migration.name}): {exc}",
            hint=f"it is unchanged at v{version - 1}; free disk space or try again, and report "
            "it as a careercoach bug if it happens again",
        ) from exc
    if problems:
        raise StoreError(
            f"cannot upgrade the database {path} to schema v{version} ({migration.name}): "
            f"{len(problems)} broken foreign key(s)",
            hint=f"it is unchanged at v{version - 1}; report this as a careercoach bug",
        )


def split_statements(sql: str) -> list[str]:
    """Split a migration's SQL into single statements (semicolons in strings or triggers stay)."""
    statements: list[str] = []
    current = ""
    for piece in sql.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    rest = current[:-1].strip()  # drop the ';' added after the last piece
    if rest:
        statements.append(rest)
    return statements


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_database(path: Path, version: int) -> Path:
    """Copy the database with SQLite's online backup API to path.bak-vN-<UTC time>, 0600."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    base = f"{path.name}.bak-v{version}-{stamp}"
    for n in itertools.count(1):
        target = path.with_name(base if n == 1 else f"{base}-{n}")
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        try:
            if os.name == "posix":
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
        break
    # A second connection: the caller's holds the write lock, which the backup API refuses
    # to read through; a reader still sees the last committed state, which nobody can change.
    source = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def newer_version_error(path: Path, version: int) -> StoreError:
    """The error for a database whose schema is newer than this careercoach knows."""
    return StoreError(
        f"the database {path} (schema v{version}) was created by a newer careercoach; "
        f"this one knows up to v{current_version()}",
        hint="upgrade careercoach (pipx upgrade careercoach); the database was left untouched",
    )


def sidecar_files(path: Path) -> tuple[Path, ...]:
    """The files SQLite keeps next to the database: its write-ahead log and shared memory."""
    return (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
