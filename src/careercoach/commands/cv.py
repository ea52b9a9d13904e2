"""`careercoach cv ...`."""

from __future__ import annotations

import typer

app = typer.Typer(help="Add your CVs, turn them into a profile and get objective feedback on them.", no_args_is_help=True)
