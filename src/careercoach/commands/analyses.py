"""`careercoach analyses ...`."""

from __future__ import annotations

import typer

app = typer.Typer(help="Your stored gap analyses and CV reports: history, comparison and export.", no_args_is_help=True)
