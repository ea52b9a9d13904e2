"""`careercoach job ...`."""

from __future__ import annotations

import typer

app = typer.Typer(help="Job postings and dream roles to measure yourself against.", no_args_is_help=True)
