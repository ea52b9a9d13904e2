"""apply add/list/update/show/due/stats/remove: JSON shapes, events, the due rule, the funnel."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

TODAY = date.today()


def _ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def _ahead(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def _store():
    from careercoach.store.db import open_store

    return open_store()


def _job(title: str = "Data Engineer", company: str | None = "Acme") -> int:
    from careercoach.store.models import Job

    with _store().session() as s:
        job = Job(title=title, company=company, text="We need Python and SQL.")
        s.add(job)
        s.flush()
        assert job.id is not None
        return job.id


def _rows() -> tuple[list[Any], list[Any]]:
    from sqlmodel import select

    from careercoach.store.models import Application, ApplicationEvent

    with _store().read_session() as s:
        apps = list(s.exec(select(Application)).all())
        events = list(s.exec(select(ApplicationEvent)).all())
    return apps, sorted(events, key=lambda e: (e.date, e.id))


def _snapshot() -> list[tuple[Any, ...]]:
    apps, events = _rows()
    return [(a.id, a.status, a.status_since, a.follow_up, a.updated_at) for a in apps] + [
        (e.id, e.application_id, e.status, e.date, e.note) for e in events
    ]


def _add(cli, *args: str) -> dict[str, Any]:
    result = cli("apply", "add", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _fails(cli, *args: str, says: str) -> None:
    """The command exits 1 with `says` in its message, and nothing stored changes."""
    before = _snapshot()
    result = cli(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert _snapshot() == before


LIST_KEYS = {
    "id",
    "job_id",
    "title",
    "company",
    "status",
    "status_since",
    "days_in_stage",
    "follow_up",
}


# --- add -------------------------------------------------------------------------------------


def test_add_without_a_date_is_saved_today_with_one_event(cli) -> None:
    job = _job()
    data = _add(cli, str(job))
    assert set(data) >= LIST_KEYS and "events" in data
    assert isinstance(data["id"], int)
    assert (data["job_id"], data["title"], data["company"]) == (job, "Data Engineer", "Acme")
    assert (data["status"], data["status_since"], data["days_in_stage"]) == ("saved", _ago(0), 0)
    assert [(e["status"], e["date"]) for e in data["events"]] == [("saved", _ago(0))]
    assert data["created_at"].endswith("+00:00")
    apps, events = _rows()
    assert len(apps) == 1 and len(events) == 1


def test_add_with_a_date_is_applied_on_that_day(cli) -> None:
    job = _job()
    data = _add(cli, str(job), "--date", "3 days ago", "--note", "via the careers site")
    assert (data["status"], data["status_since"], data["days_in_stage"]) == ("applied", _ago(3), 3)
    assert data["events"][0]["note"] == "via the careers site"


def test_add_with_status_and_follow_up(cli) -> None:
    job = _job()
    data = _add(cli, str(job), "--status", "Interview", "--follow-up", "in 1 week")
    assert data["status"] == "interview"
    assert data["follow_up"] == _ahead(7)
    assert data["follow_up_overdue"] is False


def test_add_prints_the_timeline_for_people(cli) -> None:
    job = _job(title="ML [bold]Engineer[/]")
    result = cli("apply", "add", str(job), "--date", _ago(2))
    assert result.exit_code == 0, result.stderr
    assert "Tracking application #1 (applied)" in result.stdout
    assert "ML [bold]Engineer[/]" in result.stdout  # job text is never read as markup
    assert _ago(2) in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("99",), "no job with id 99"),
        (("abc",), "'abc' is not a job id"),
        (("{job}", "--status", "ghosted"), "unknown status 'ghosted'"),
        (("{job}", "--date", "someday"), "invalid --date 'someday'"),
        (("{job}", "--date", "2026-02-30"), "that day does not exist"),
        (("{job}", "--date", "{future}"), "is in the future"),
        (("{job}", "--follow-up", "whenever"), "cannot read the date 'whenever'"),
        (("{job}", "--follow-up", "{past}"), "is in the past"),
        (("{job}", "--note", "   "), "the note is empty"),
    ],
)
def test_add_refuses_bad_input_and_stores_nothing(cli, args: tuple[str, ...], says: str) -> None:
    job = _job()
    values = {"job": str(job), "future": _ahead(2), "past": _ago(2)}
    _fails(cli, "apply", "add", *(a.format(**values) for a in args), says=says)
    assert _rows() == ([], [])


def test_invalid_status_lists_the_stages(cli) -> None:
    job = _job()
    result = cli("apply", "add", str(job), "--status", "ghosted")
    assert result.exit_code == 1
    assert "saved, applied, screening, interview, offer, accepted, rejected, withdrawn" in (
        result.stderr
    )


def test_a_second_open_application_for_a_job_is_refused(cli) -> None:
    job = _job()
    first = _add(cli, str(job))
    _fails(cli, "apply", "add", str(job), says=f"already has an open application (#{first['id']}")
    cli("apply", "update", str(first["id"]), "--status", "withdrawn")
    assert _add(cli, str(job))["id"] != first["id"]  # once closed, applying again is fine


def test_the_job_snapshot_survives_removing_the_job(cli) -> None:
    job = _job(title="Platform Engineer", company="Globex")
    app = _add(cli, str(job))
    assert cli("job", "remove", str(job), "--yes").exit_code == 0
    shown = json.loads(cli("apply", "show", str(app["id"]), "--json").stdout)
    assert (shown["job_id"], shown["title"], shown["company"]) == (
        None,
        "Platform Engineer",
        "Globex",
    )


# --- update ----------------------------------------------------------------------------------


def test_each_update_is_an_event_with_its_date(cli) -> None:
    app = _add(cli, str(_job()), "--date", _ago(10))
    app_id = str(app["id"])
    moved = json.loads(
        cli("apply", "update", app_id, "--status", "screening", "--date", _ago(4), "--json").stdout
    )
    assert (moved["status"], moved["status_since"], moved["days_in_stage"]) == (
        "screening",
        _ago(4),
        4,
    )
    noted = json.loads(cli("apply", "update", app_id, "--note", "sent portfolio", "--json").stdout)
    assert (noted["status"], noted["status_since"]) == ("screening", _ago(4))  # stage unchanged
    followed = json.loads(
        cli("apply", "update", app_id, "--follow-up", "tomorrow", "--json").stdout
    )
    assert followed["follow_up"] == _ahead(1)
    events = [(e["status"], e["date"], e["note"]) for e in followed["events"]]
    assert events == [
        ("applied", _ago(10), None),
        ("screening", _ago(4), None),
        ("screening", _ago(0), "sent portfolio"),
        ("screening", _ago(0), f"follow-up on {_ahead(1)}"),
    ]
    assert len(_rows()[1]) == 4


def test_closing_an_application_clears_its_follow_up(cli) -> None:
    app = _add(cli, str(_job()), "--date", _ago(3), "--follow-up", "in 3 days")
    data = json.loads(
        cli("apply", "update", str(app["id"]), "--status", "rejected", "--json").stdout
    )
    assert (data["status"], data["follow_up"]) == ("rejected", None)


def test_follow_up_none_clears_it(cli) -> None:
    app = _add(cli, str(_job()), "--follow-up", "friday")
    data = json.loads(
        cli("apply", "update", str(app["id"]), "--follow-up", "none", "--json").stdout
    )
    assert data["follow_up"] is None
    assert data["events"][-1]["note"] == "follow-up cleared"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("{app}", "--status", "hired"), "unknown status 'hired'"),
        (("{app}", "--status", "interview", "--date", "{before}"), "before the application's last"),
        (("{app}", "--status", "interview", "--date", "{future}"), "is in the future"),
        (("{app}", "--status", "interview", "--date", "soon"), "invalid --date 'soon'"),
        (("{app}", "--follow-up", "{before}"), "is in the past"),
        (("{app}",), "nothing to update"),
        (("{app}", "--status", "applied"), "is already in applied"),
        (("{app}", "--note", ""), "the note is empty"),
        (("77", "--status", "interview"), "no application with id 77"),
        (("x1", "--status", "interview"), "'x1' is not an application id"),
    ],
)
def test_update_refuses_bad_input_and_changes_nothing(
    cli, args: tuple[str, ...], says: str
) -> None:
    app = _add(cli, str(_job()), "--date", _ago(5))
    values = {"app": str(app["id"]), "before": _ago(6), "future": _ahead(1)}
    _fails(cli, "apply", "update", *(a.format(**values) for a in args), says=says)
    assert len(_rows()[1]) == 1


def test_update_on_the_day_of_the_last_event_is_fine(cli) -> None:
    app = _add(cli, str(_job()), "--date", _ago(5))
    result = cli("apply", "update", str(app["id"]), "--status", "screening", "--date", _ago(5))
    assert result.exit_code == 0, result.stderr
    assert "Application #1 is screening." in result.stdout


# --- list and show ---------------------------------------------------------------------------


def test_list_json_is_grouped_by_stage_with_days_in_stage(cli) -> None:
    a = _add(cli, str(_job("A")), "--status", "interview", "--date", _ago(2))
    b = _add(cli, str(_job("B")))
    c = _add(cli, str(_job("C")), "--date", _ago(9))
    d = _add(cli, str(_job("D")), "--date", _ago(1))
    rows = json.loads(cli("apply", "list", "--json").stdout)
    assert all(set(row) >= LIST_KEYS and "events" not in row for row in rows)
    assert [r["id"] for r in rows] == [b["id"], c["id"], d["id"], a["id"]]
    assert [r["days_in_stage"] for r in rows] == [0, 9, 1, 2]
    only = json.loads(cli("apply", "list", "--status", "applied", "--json").stdout)
    assert [r["id"] for r in only] == [c["id"], d["id"]]
    result = cli("apply", "list", "--status", "nope")
    assert result.exit_code == 1 and "unknown status 'nope'" in result.stderr


def test_list_for_people_shows_stages_days_and_overdue_follow_ups(cli) -> None:
    from careercoach.store.models import Application

    app = _add(cli, str(_job("Analyst")), "--date", _ago(20))
    with _store().session() as s:  # a follow-up that has since passed
        row = s.get(Application, app["id"])
        row.follow_up = _ago(2)
        s.add(row)
    _add(cli, str(_job("Scientist")))
    out = cli("apply", "list").stdout
    assert out.index("saved (1)") < out.index("applied (1)")
    assert "Analyst at Acme" in out and _ago(2) in out and "20" in out
    assert "Days = days in the current stage." in out


def test_empty_list_says_how_to_start(cli) -> None:
    assert "careercoach apply add JOB_ID" in cli("apply", "list").stdout
    assert json.loads(cli("apply", "list", "--json").stdout) == []


def test_show_json_has_the_events_and_text_shows_the_timeline(cli) -> None:
    app = _add(cli, str(_job()), "--date", _ago(8), "--note", "applied online")
    cli("apply", "update", str(app["id"]), "--status", "interview", "--date", _ago(1))
    data = json.loads(cli("apply", "show", str(app["id"]), "--json").stdout)
    assert set(data) >= LIST_KEYS
    assert [set(e) for e in data["events"]] == [{"id", "status", "date", "note", "created_at"}] * 2
    out = cli("apply", "show", str(app["id"])).stdout
    assert out.index(_ago(8)) < out.index(_ago(1))
    assert "applied online" in out and "interview" in out
    missing = cli("apply", "show", "42")
    assert missing.exit_code == 1 and "no application with id 42" in missing.stderr


# --- due -------------------------------------------------------------------------------------


def _set(app_id: int, **values: Any) -> None:
    from careercoach.store.models import Application

    with _store().session() as s:
        row = s.get(Application, app_id)
        for name, value in values.items():
            setattr(row, name, value)
        s.add(row)


def test_due_lists_past_follow_ups_and_quiet_applications(cli) -> None:
    overdue = _add(cli, str(_job("Overdue")), "--date", _ago(3))
    _set(overdue["id"], follow_up=_ago(1))
    today = _add(cli, str(_job("Today")), "--date", _ago(3), "--follow-up", "today")
    quiet = _add(cli, str(_job("Quiet")), "--date", _ago(20))
    fresh = _add(cli, str(_job("Fresh")), "--date", _ago(14))  # exactly 14 days: not yet
    planned = _add(cli, str(_job("Planned")), "--date", _ago(30), "--follow-up", "in 2 days")
    closed = _add(cli, str(_job("Closed")), "--status", "rejected", "--date", _ago(30))
    _set(closed["id"], follow_up=_ago(5))
    saved = _add(cli, str(_job("Saved")))
    _set(saved["id"], status_since=_ago(60))
    rows = json.loads(cli("apply", "due", "--json").stdout)
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {overdue["id"], today["id"], quiet["id"]}
    assert by_id[overdue["id"]]["reason"] == "follow-up 1 day(s) overdue"
    assert by_id[today["id"]]["reason"] == "follow up today"
    assert by_id[quiet["id"]]["reason"] == "20 days in applied with no follow-up date"
    assert fresh["id"] not in by_id and planned["id"] not in by_id
    out = cli("apply", "due").stdout
    assert "Quiet" in out and "Planned" not in out
    assert "more than 14 days in applied or screening" in out


def test_nothing_due(cli) -> None:
    assert "Nothing is due" in cli("apply", "due").stdout
    assert json.loads(cli("apply", "due", "--json").stdout) == []


# --- stats -----------------------------------------------------------------------------------


def _history(cli, steps: list[tuple[str, str]]) -> int:
    """An application that went through `steps` (stage, ISO date), added then updated."""
    first_status, first_day = steps[0]
    app = _add(cli, str(_job()), "--status", first_status, "--date", first_day)
    for status, day in steps[1:]:
        result = cli("apply", "update", str(app["id"]), "--status", status, "--date", day)
        assert result.exit_code == 0, result.stderr
    return app["id"]


def test_stats_funnel_conversion_response_time_and_months(cli) -> None:
    _history(
        cli, [("applied", "2025-01-10"), ("screening", "2025-01-20"), ("interview", "2025-01-30")]
    )
    _history(cli, [("applied", "2025-01-15"), ("rejected", "2025-01-19")])
    _history(cli, [("applied", "2025-02-03")])
    _history(cli, [("saved", "2025-02-01")])
    _history(
        cli,
        [
            ("saved", "2025-02-01"),
            ("applied", "2025-02-05"),
            ("screening", "2025-02-11"),
            ("interview", "2025-02-20"),
            ("offer", "2025-03-01"),
            ("accepted", "2025-03-05"),
        ],
    )
    stats = json.loads(cli("apply", "stats", "--json").stdout)
    assert stats["total"] == 5
    assert stats["reached"] == {
        "saved": 5,
        "applied": 4,
        "screening": 2,
        "interview": 2,
        "offer": 1,
        "accepted": 1,
    }
    assert [(c["from"], c["to"], c["rate"]) for c in stats["conversion"]] == [
        ("saved", "applied", 80.0),
        ("applied", "screening", 50.0),
        ("screening", "interview", 100.0),
        ("interview", "offer", 50.0),
        ("offer", "accepted", 100.0),
    ]
    assert stats["response_days_median"] == 6.0  # 10, 4 and 6 days; one still waiting
    assert stats["responses"] == 3
    assert stats["by_month"] == [
        {"month": "2025-01", "applied": 2, "responded": 2},
        {"month": "2025-02", "applied": 2, "responded": 1},
    ]
    assert stats["by_status"]["rejected"] == 1 and stats["by_status"]["accepted"] == 1
    out = cli("apply", "stats").stdout
    assert "Funnel of 5 applications" in out
    assert "median 6 days from applied to first response" in out
    assert "2025-01" in out and "80%" in out


def test_stats_of_an_empty_store(cli) -> None:
    stats = json.loads(cli("apply", "stats", "--json").stdout)
    assert stats["total"] == 0 and stats["response_days_median"] is None
    assert all(c["rate"] is None for c in stats["conversion"])
    assert "No applications yet" in cli("apply", "stats").stdout


def test_median_of_an_even_count() -> None:
    from careercoach.services.applications import stats_of

    apps = [(1, "screening"), (2, "screening")]
    events = [
        (1, "applied", "2025-01-01"),
        (1, "screening", "2025-01-04"),
        (2, "applied", "2025-01-01"),
        (2, "screening", "2025-01-08"),
    ]
    assert stats_of(apps, events)["response_days_median"] == 5.0


def test_the_stage_list_matches_the_schema() -> None:
    from careercoach.services.applications import STAGES
    from careercoach.store.models import APPLICATION_STAGES

    assert STAGES == APPLICATION_STAGES


# --- remove ----------------------------------------------------------------------------------


def test_remove_needs_yes_off_a_terminal_and_deletes_events(cli) -> None:
    app = _add(cli, str(_job()), "--date", _ago(3))
    cli("apply", "update", str(app["id"]), "--note", "called")
    _fails(cli, "apply", "remove", str(app["id"]), says="add --yes")
    result = cli("apply", "remove", str(app["id"]), "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == app["id"]
    assert _rows() == ([], [])
    _fails(
        cli, "apply", "remove", str(app["id"]), "--yes", says=f"no application with id {app['id']}"
    )
