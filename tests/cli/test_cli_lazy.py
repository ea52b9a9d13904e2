"""The root group builds only the command that runs; `--help` builds none of them."""

from __future__ import annotations

import pytest
import typer.main

from careercoach.cli import COMMANDS, app


def _root():
    return typer.main.get_command(app)


def _run(root, *args: str) -> int:
    try:
        result = root.main(list(args), prog_name="careercoach", standalone_mode=False)
    except SystemExit as exit_:  # pragma: no cover - standalone_mode=False returns instead
        return int(exit_.code or 0)
    return int(result or 0)


def test_root_help_lists_every_command_without_building_one(capsys) -> None:
    root = _root()
    assert _run(root, "--help") == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f" {name} " in out
    assert root.commands._built == {}  # type: ignore[attr-defined]


def test_a_run_builds_only_its_own_command(capsys) -> None:
    root = _root()
    assert _run(root, "config", "path") == 0
    assert capsys.readouterr().out.strip()
    assert set(root.commands._built) == {"config"}  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_builds_with_the_help_the_list_shows(name: str) -> None:
    import click

    root = _root()
    ctx = click.Context(root)
    built = root.get_command(ctx, name)
    assert built is not None and built.name == name
    root._listing = True  # type: ignore[attr-defined]
    try:
        summary = root.get_command(ctx, name)
    finally:
        root._listing = False  # type: ignore[attr-defined]
    assert summary.help and summary.help.split("\n")[0] == (built.help or "").split("\n")[0]
    assert summary.help.strip()


def test_a_mistyped_command_is_refused_with_a_suggestion(cli) -> None:
    result = cli("journa")
    assert result.exit_code == 2
    assert "Did you mean 'journal'?" in result.stderr


def test_a_sub_command_runs_through_the_lazy_group(cli) -> None:
    result = cli("journal", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "[]"
