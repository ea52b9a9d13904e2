"""`careercoach data export|import|backup|path|wipe`: your data, in your hands."""

from __future__ import annotations

from typing import Annotated

import typer

from careercoach.commands.common import JsonOpt, get_env
from careercoach.errors import BadInput

app = typer.Typer(
    help="Export, import, back up or wipe everything careercoach stores.", no_args_is_help=True
)

OutOpt = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


@app.command("export")
def export(ctx: typer.Context, output: OutOpt = None) -> None:
    """Everything stored (every table, with the schema version) as one JSON document."""
    from pathlib import Path

    from careercoach.store.db import open_store
    from careercoach.store.portability import export_data
    from careercoach.ui.console import print_json, to_json

    env = get_env(ctx)
    data = export_data(open_store())
    if output is None:
        print_json(data)
        return
    target = Path(output).expanduser()
    _write_private(target, to_json(data) + "\n")
    rows = sum(len(r) for r in data["tables"].values())
    env.notice(f"Exported {rows} rows from {len(data['tables'])} tables to {target}.")


def _write_private(target, text: str) -> None:  # type: ignore[no-untyped-def]
    """Write `text` to a new or replaced file readable by its owner only."""
    import os

    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise BadInput(
            f"cannot write {target}: {exc.strerror or exc}", hint="choose a writable path"
        ) from None


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A file made by `data export`.", show_default=False)],
    json_: JsonOpt = False,
) -> None:
    """Merge an export into your data; importing the same file twice changes nothing."""
    from pathlib import Path

    from careercoach.store.db import open_store
    from careercoach.store.portability import import_data, read_export
    from careercoach.ui.console import print_json

    env = get_env(ctx)
    data = read_export(Path(file).expanduser())
    report = import_data(open_store(), data)
    if json_:
        print_json({"added": report.added, "kept": report.kept, "notes": report.notes})
        return
    for note in report.notes:
        env.notice(note)
    if not report.total_added:
        env.out.print("Nothing new: everything in the file is already stored.", markup=False)
        return
    added = ", ".join(f"{n} {t}" for t, n in sorted(report.added.items()))
    kept = sum(report.kept.values())
    env.out.print(f"Imported {added}; {kept} rows were already there.", markup=False)


@app.command("backup")
def backup(ctx: typer.Context, output: OutOpt = None) -> None:
    """A consistent copy of the database file (SQLite's online backup), safe while in use."""
    from datetime import datetime
    from pathlib import Path

    from careercoach.store.db import open_store
    from careercoach.store.portability import backup as make_backup

    env = get_env(ctx)
    name = output or f"careercoach-backup-{datetime.now():%Y%m%d-%H%M%S}.db"
    target = make_backup(open_store(), Path(name))
    env.out.print(f"Backed up to {target}", markup=False)


@app.command("path")
def path(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Where the database and the config file are."""
    from careercoach import paths
    from careercoach.ui.console import print_json

    env = get_env(ctx)
    where = {
        "database": str(paths.db_path()),
        "config": str(paths.config_path()),
        "data_dir": str(paths.data_dir()),
    }
    if json_:
        print_json(where)
        return
    env.out.print(where["database"], markup=False, highlight=False, soft_wrap=True)


@app.command("wipe")
def wipe(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm without asking...")] = False,
    i_mean_it: Annotated[
        bool, typer.Option("--i-mean-it", help="...and confirm again (both are needed).")
    ] = False,
) -> None:
    """Delete everything stored (keys in the keyring and the config file stay)."""
    from careercoach.store.db import open_store
    from careercoach.store.portability import wipe as wipe_all

    env = get_env(ctx)
    store = open_store()
    if not (yes and i_mean_it):
        if not env.stdin_is_tty:
            raise BadInput(
                "wiping needs two confirmations and there is no terminal to ask",
                hint="pass both --yes and --i-mean-it (consider `careercoach data backup` first)",
            )
        import questionary

        env.notice(
            f"This deletes every CV, job, analysis, journal entry, goal and chat in "
            f"{store.path}. Consider `careercoach data backup` first."
        )
        first = questionary.confirm("Delete everything careercoach stores?", default=False).ask()
        second = first and questionary.text('Type "wipe" to confirm:').ask() == "wipe"
        if not second:
            env.out.print("Nothing was deleted.", markup=False)
            return
    removed = wipe_all(store)
    env.out.print(f"Deleted {sum(removed.values())} rows. The database is empty.", markup=False)
