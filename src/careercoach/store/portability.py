"""Owning your data: export everything as one JSON document, merge it back, back up, wipe.

The export holds every table (its rows as stored; JSON columns as JSON) and the schema
version. The answer cache is left out: it is derived, can be large, and holds model answers
that are also stored where they belong. Full-text indexes are rebuilt by the store's
triggers as rows go in.

Import merges, table by table in dependency order, and is idempotent:
- a row whose content (every column but its id, with references remapped) is already in the
  table is not added again; its id is mapped to the row that is there;
- a row that collides on a unique column (a CV's file hash, a skill's name, the profile's
  single row) keeps what is already stored, the local version wins;
- any other row is added, under its own id when that id is free, else under a new one, and
  the references to it from later tables follow it.
An export from a newer careercoach (a higher schema version) is refused; an older one is
read, unknown columns ignored and missing ones left to their defaults. Every value is checked
against its column's type (and the days against the calendar) before it goes in, so an edited
or damaged file cannot leave rows that later break the commands reading them. The whole
import is one transaction: a malformed file changes nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from careercoach.errors import BadInput, StoreError

if TYPE_CHECKING:
    from careercoach.store.db import Store

FORMAT = "careercoach-export"
SKIPPED_TABLES = frozenset({"cache"})
# Text columns that hold a calendar day, "YYYY-MM-DD".
DAY_COLUMNS = frozenset({"entry_date", "due", "status_since", "follow_up", "date"})
_SQLITE_INT = (-(2**63), 2**63 - 1)
_OFFLINE_LLM = ("offline", "llm")
_REMOTE = ("yes", "no", "hybrid")
# Text columns that hold one of a few words the commands rely on (store/models.py).
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("cv", "kind"): ("pdf", "docx", "txt", "md"),
    ("profile", "remote"): _REMOTE,
    ("profile_skill", "level"): ("beginner", "intermediate", "advanced", "expert"),
    ("job", "kind"): ("posting", "description"),
    ("job", "remote"): _REMOTE,
    ("analysis", "kind"): ("gap", "cv", "roadmap"),
    ("analysis", "mode"): _OFFLINE_LLM,
    ("analysis", "verdict"): ("FIT", "UNFIT"),
    ("journal_entry", "analysis_mode"): _OFFLINE_LLM,
    ("goal", "status"): ("open", "done"),
    ("interview_question", "difficulty"): ("easy", "medium", "hard"),
    ("interview_question", "type"): ("technical", "behavioral", "situational"),
    ("interview_question", "source"): ("bank", "llm"),
    ("interview_practice", "mode"): _OFFLINE_LLM,
    ("message", "role"): ("system", "user", "assistant"),
}


def _tables() -> list[sa.Table]:
    """Every table of the schema, parents before children."""
    from sqlmodel import SQLModel

    import careercoach.store.models  # noqa: F401  (registers the tables)

    return [t for t in SQLModel.metadata.sorted_tables if t.name not in SKIPPED_TABLES]


def _json_columns(table: sa.Table) -> set[str]:
    return {c.name for c in table.columns if isinstance(c.type, sa.JSON)}


def export_data(store: Store) -> dict[str, Any]:
    """Everything stored, as one JSON-ready document."""
    from careercoach.store.migrations import current_version

    tables: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        for table in _tables():
            json_columns = _json_columns(table)
            cursor = raw.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid')
            names = [d[0] for d in cursor.description]
            rows = []
            for values in cursor.fetchall():
                row = dict(zip(names, values, strict=True))
                for name in json_columns & row.keys():
                    if isinstance(row[name], str):
                        row[name] = json.loads(row[name])
                rows.append(row)
            tables[table.name] = rows
    return {
        "format": FORMAT,
        "schema_version": current_version(),
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "tables": tables,
    }


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)  # already there: identical or colliding
    notes: list[str] = field(default_factory=list)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


def read_export(path: Path) -> dict[str, Any]:
    """The export document at `path`, checked for shape and version (BadInput otherwise)."""
    from careercoach.store.migrations import current_version

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(
            f"no such file: {path}", hint="give the path of a careercoach export"
        ) from None
    except IsADirectoryError:
        raise BadInput(f"{path} is a directory", hint="give the export file itself") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(
            f"{path} is not a careercoach export (not valid JSON: {exc})",
            hint="make one with `careercoach data export -o FILE`",
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadInput(
            f"{path} is not a careercoach export",
            hint="make one with `careercoach data export -o FILE`",
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise BadInput(f"{path} has no valid schema_version", hint="re-export it")
    if version > current_version():
        raise BadInput(
            f"{path} comes from a newer careercoach (schema v{version}; this one knows "
            f"v{current_version()})",
            hint="upgrade careercoach (pipx upgrade careercoach), then import again",
        )
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
        for rows in tables.values()
    ):
        raise BadInput(
            f"{path} is malformed: 'tables' must map names to lists of rows", hint="re-export it"
        )
    return data


def import_data(store: Store, data: dict[str, Any]) -> ImportReport:
    """Merge an export into the store (see the module's docstring); one transaction."""
    report = ImportReport()
    known = {t.name for t in _tables()}
    for name in sorted(set(data["tables"]) - known - SKIPPED_TABLES):
        report.notes.append(f"table {name!r} is unknown to this version; its rows were skipped")
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        try:
            raw.execute("BEGIN IMMEDIATE")
            id_maps: dict[str, dict[Any, Any]] = {}
            for table in _tables():
                rows = data["tables"].get(table.name, [])
                id_maps[table.name] = _merge_table(raw, table, rows, id_maps, report)
            raw.execute("COMMIT")
        except BadInput:
            raw.execute("ROLLBACK")
            raise
        except sqlite3.Error as exc:
            raw.execute("ROLLBACK")
            raise BadInput(
                f"the export could not be imported ({exc}); nothing was changed",
                hint="check that the file is an unmodified careercoach export",
            ) from None
    return report


def _merge_table(  # noqa: C901  (one pass per row: map, compare, insert)
    raw: Any,
    table: sa.Table,
    rows: list[dict[str, Any]],
    id_maps: dict[str, dict[Any, Any]],
    report: ImportReport,
) -> dict[Any, Any]:
    columns = [c.name for c in table.columns]
    primary = [c.name for c in table.primary_key.columns]
    key = primary[0] if len(primary) == 1 else None
    json_columns = _json_columns(table)
    references = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
    uniques = [[c.name] for c in table.columns if c.unique] + [
        [c.name for c in constraint.columns]
        for constraint in table.constraints
        if isinstance(constraint, sa.UniqueConstraint)
    ]
    existing = {
        _fingerprint(row, key, json_columns): row.get(key) for row in _rows(raw, table.name)
    }
    mapping: dict[Any, Any] = {}
    for source in rows:
        row = _checked_row(table, {c: source[c] for c in columns if c in source})
        for column, parent in references.items():
            if row.get(column) is not None:
                parents = mapping if parent == table.name else id_maps.get(parent, {})
                row[column] = parents.get(row[column])  # None: the parent is not in the file
        for name in json_columns & row.keys():
            if row[name] is not None and not isinstance(row[name], str):
                row[name] = json.dumps(row[name])  # as SQLAlchemy's JSON type writes it
        old_id = row.get(key) if key else None
        fingerprint = _fingerprint(row, key, json_columns)
        found = existing.get(fingerprint)
        if found is None:
            found = _colliding(raw, table.name, row, uniques, key)
        if found is not None:
            mapping[old_id] = found
            report.kept[table.name] = report.kept.get(table.name, 0) + 1
            continue
        if key and old_id is not None and _taken(raw, table.name, key, old_id):
            row.pop(key)
        names = list(row)
        quoted = ", ".join(f'"{n}"' for n in names)
        cursor = raw.execute(
            f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" for _ in names)})',
            [row[n] for n in names],
        )
        new_id = row[key] if key and key in row else cursor.lastrowid
        mapping[old_id] = new_id
        existing[fingerprint] = new_id
        report.added[table.name] = report.added.get(table.name, 0) + 1
    return mapping


def _checked_row(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row's values checked against their columns' types and put in the form the store
    writes them (times as UTC ISO text, flags as 0/1); BadInput for a value a column cannot
    hold, which rolls the whole import back."""
    checked: dict[str, Any] = {}
    for name, value in row.items():
        if value is None:
            checked[name] = None
            continue
        try:
            checked[name] = _stored_form(table.name, table.columns[name], value)
        except (ValueError, TypeError, OverflowError) as exc:
            raise BadInput(
                f"the export's {table.name} row {_label(row.get('id'))} has an invalid "
                f"{name} ({_preview(value)}): {_reason(exc)}; nothing was changed",
                hint="check that the file is an unmodified careercoach export",
            ) from None
    return checked


def _stored_form(table: str, column: sa.Column[Any], value: Any) -> Any:
    from careercoach.store.models import UTCDateTime

    if isinstance(column.type, UTCDateTime) and not isinstance(value, str):
        raise TypeError("expected an ISO 8601 time with its time zone")
    value = _field_adapter(table, column.name).validate_python(value)
    if isinstance(column.type, UTCDateTime):
        return column.type.process_bind_param(value, None)  # type: ignore[arg-type]
    if isinstance(column.type, sa.JSON):
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and not _SQLITE_INT[0] <= value <= _SQLITE_INT[1]:
        raise OverflowError("the number is too large")
    if column.name in DAY_COLUMNS and isinstance(value, str):
        date.fromisoformat(value)
    choices = _choices().get((table, column.name))
    if choices is not None and value not in choices:
        raise ValueError("expected one of " + ", ".join(choices))
    return value


def _choices() -> dict[tuple[str, str], tuple[str, ...]]:
    from careercoach.store.models import APPLICATION_STAGES

    stages = tuple(APPLICATION_STAGES)
    return {**CHOICES, ("application", "status"): stages, ("application_event", "status"): stages}


@cache
def _field_adapter(table: str, column: str) -> Any:
    """A pydantic validator for one column, from the field of the table's model."""
    from pydantic import TypeAdapter
    from sqlmodel import SQLModel

    import careercoach.store.models  # noqa: F401  (registers the tables)

    for mapper in SQLModel._sa_registry.mappers:
        model = mapper.class_
        if getattr(model, "__tablename__", None) == table and column in model.model_fields:
            return TypeAdapter(model.model_fields[column].annotation)
    return TypeAdapter(Any)


def _reason(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)  # pydantic's ValidationError
    if callable(errors):
        return str(errors()[0]["msg"])
    return str(exc) or type(exc).__name__


def _label(value: Any) -> str:
    return f"#{value}" if isinstance(value, int) and not isinstance(value, bool) else "(no id)"


def _preview(value: Any) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _rows(raw: Any, table: str) -> list[dict[str, Any]]:
    cursor = raw.execute(f'SELECT * FROM "{table}"')
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _fingerprint(row: dict[str, Any], key: str | None, json_columns: set[str]) -> str:
    """The row's content without its id, in a canonical form (JSON columns parsed)."""
    content = {
        k: json.loads(v) if k in json_columns and isinstance(v, str) else v
        for k, v in row.items()
        if k != key
    }
    return json.dumps(content, sort_keys=True, default=str)


def _colliding(
    raw: Any, table: str, row: dict[str, Any], uniques: list[list[str]], key: str | None
) -> Any:
    """The id of a stored row sharing a unique value with `row` (the profile: its one row)."""
    checks = [u for u in uniques if all(row.get(c) is not None for c in u)]
    if table == "profile" and key:
        checks.append([key])
    for columns in checks:
        where = " AND ".join(f'"{c}" = ?' for c in columns)
        hit = raw.execute(
            f'SELECT {key or "rowid"} FROM "{table}" WHERE {where}', [row[c] for c in columns]
        ).fetchone()
        if hit is not None:
            return hit[0]
    return None


def _taken(raw: Any, table: str, key: str, value: Any) -> bool:
    return raw.execute(f'SELECT 1 FROM "{table}" WHERE "{key}" = ?', [value]).fetchone() is not None


def backup(store: Store, target: Path) -> Path:
    """A consistent copy of the live database through SQLite's online backup, mode 0600."""
    target = target.expanduser()
    if target.exists():
        raise BadInput(f"{target} already exists", hint="choose a new file name, or remove it")
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        source = sqlite3.connect(store.path)
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
            source.close()
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise StoreError(
            f"cannot write the backup to {target}: {exc.strerror or exc}",
            hint="choose a writable place with enough free space",
        ) from None
    return target


def wipe(store: Store) -> dict[str, int]:
    """Delete every row of every table (the schema stays); how many went from each."""
    import sqlalchemy as sa
    from sqlmodel import SQLModel

    import careercoach.store.models  # noqa: F401

    removed: dict[str, int] = {}
    with store.session() as session:
        for table in reversed(SQLModel.metadata.sorted_tables):
            removed[table.name] = session.execute(sa.delete(table)).rowcount or 0
    return removed
