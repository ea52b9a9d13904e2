"""`careercoach profile ...`."""

from __future__ import annotations

import typer

app = typer.Typer(help="Your profile: skills, education, experience, projects and certifications.", no_args_is_help=True)
