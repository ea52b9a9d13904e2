"""Typer adapters, one module per command group: parse, call a service, render through ui/.

Modules here import nothing heavy at import time (no litellm, sqlmodel, pypdf, questionary):
services are imported inside the command functions, so `careercoach --help` stays fast.
"""
