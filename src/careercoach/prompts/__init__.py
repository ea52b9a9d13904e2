"""Prompt templates, one file per task, loaded by name.

A template is Markdown with a small header that declares its variables:

    ---
    description: what the prompt is for
    variables: profile, question
    ---
    Text with {{profile}} and {{question}}.

Rendering checks both ways: a declared variable not given, a given variable not declared, or a
placeholder not declared is an error, so a template and its caller cannot drift apart. A person
may override a prompt with a file of the same name in <config dir>/prompts/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from careercoach import paths
from careercoach.errors import BadInput

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class Prompt:
    name: str
    description: str
    variables: frozenset[str]
    template: str
    origin: str

    def render(self, **values: str) -> str:
        """Fill the template; every declared variable must be given, and nothing else."""
        given = set(values)
        missing = self.variables - given
        extra = given - self.variables
        if missing or extra:
            raise ValueError(
                f"prompt {self.name!r}: missing {sorted(missing)}, undeclared {sorted(extra)}"
            )
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], self.template).strip() + "\n"


def _parse(name: str, text: str, origin: str) -> Prompt:
    if not text.startswith("---\n"):
        raise BadInput(f"prompt {origin} has no header", hint="start it with a '---' header block")
    try:
        header, body = text[4:].split("\n---\n", 1)
    except ValueError:
        raise BadInput(f"prompt {origin} has an unclosed header", hint="close it with '---'") from None
    meta: dict[str, str] = {}
    for line in header.splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    variables = frozenset(v.strip() for v in meta.get("variables", "").split(",") if v.strip())
    used = set(_PLACEHOLDER.findall(body))
    if used - variables:
        raise BadInput(
            f"prompt {origin} uses undeclared variables: {', '.join(sorted(used - variables))}",
            hint="declare them in the header's 'variables:' line",
        )
    return Prompt(name, meta.get("description", ""), variables, body, origin)


def load_prompt(name: str) -> Prompt:
    """The prompt `name` (file NAME.md): the person's override if present, else the shipped one."""
    override = paths.prompts_override_dir() / f"{name}.md"
    if override.is_file():
        shipped = _parse(name, _shipped_text(name), f"careercoach/prompts/{name}.md")
        custom = _parse(name, override.read_text(encoding="utf-8"), str(override))
        if custom.variables != shipped.variables:
            raise BadInput(
                f"prompt override {override} declares {sorted(custom.variables)}, "
                f"but careercoach provides {sorted(shipped.variables)}",
                hint="declare exactly the shipped prompt's variables, or remove the override",
            )
        return custom
    return _parse(name, _shipped_text(name), f"careercoach/prompts/{name}.md")


def _shipped_text(name: str) -> str:
    resource = resources.files(__package__).joinpath(f"{name}.md")
    if not resource.is_file():
        raise KeyError(f"no shipped prompt named {name!r}")
    return resource.read_text(encoding="utf-8")


def shipped_prompt_names() -> list[str]:
    return sorted(
        Path(str(entry.name)).stem
        for entry in resources.files(__package__).iterdir()
        if str(entry.name).endswith(".md")
    )
