"""careercoach setup: a wizard for the model, its key and a live test."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from careercoach.commands.common import get_env


def _ask(question: object) -> object:
    answer = question.ask()  # type: ignore[attr-defined]
    if answer is None:  # questionary returns None on Ctrl-C
        raise KeyboardInterrupt
    return answer


def setup(
    ctx: typer.Context,
    provider: Annotated[
        str | None,
        typer.Option(help="openai, anthropic, gemini, mistral, groq, openrouter, ollama, compatible."),
    ] = None,
    model: Annotated[str | None, typer.Option("--model", "-m", help="Model name at the provider.")] = None,
    api_base: Annotated[
        str | None, typer.Option(help="Base URL for ollama or an OpenAI-compatible server.")
    ] = None,
    key_stdin: Annotated[
        bool, typer.Option("--key-stdin", help="Read the API key from stdin (never an argument).")
    ] = False,
    no_key: Annotated[bool, typer.Option("--no-key", help="Store no key (env var or local server).")] = False,
    skip_test: Annotated[bool, typer.Option("--skip-test", help="Do not make the live test call.")] = False,
) -> None:
    """Choose a provider and model, store the API key in the keyring, and test it live."""
    from careercoach.errors import BadInput
    from careercoach.services import setup as svc

    env = get_env(ctx)
    interactive = env.stdin_is_tty and not key_stdin
    if provider is None:
        if not interactive:
            raise BadInput("no provider given", hint="pass --provider (e.g. --provider openai)")
        import questionary

        choices = [
            questionary.Choice(f"{p}  {svc.PROVIDER_HELP.get(p, '')}".rstrip(), value=p)
            for p in svc.PROVIDERS
        ]
        provider = str(_ask(questionary.select("Which provider?", choices=choices)))
    if provider not in svc.PROVIDERS:
        raise BadInput(f"unknown provider {provider!r}", hint="choose one of: " + ", ".join(svc.PROVIDERS))
    prefix, default_model, default_base, needs_key = svc.PROVIDERS[provider]
    if model is None:
        if interactive:
            import questionary

            model = str(_ask(questionary.text("Model:", default=default_model)))
        else:
            model = default_model
    if api_base is None and default_base is not None:
        if interactive:
            import questionary

            api_base = str(_ask(questionary.text("API base URL:", default=default_base))) or None
        else:
            api_base = default_base

    key: str | None = None
    if key_stdin:
        key = sys.stdin.readline().strip()
        if not key:
            raise BadInput("no key on stdin", hint="pipe the key in, e.g. from a password manager")
    elif needs_key and not no_key and interactive:
        import questionary

        key = str(_ask(questionary.password(f"API key for {provider} (hidden; Enter to skip):"))) or None

    full_model, stored = svc.save(provider, model, api_base, key)
    env.notice(f"model set to {full_model}" + (f" at {api_base}" if api_base else ""))
    if stored:
        env.notice(f"key for {svc.key_provider(provider)} stored in the keyring")
    if skip_test:
        env.notice("skipped the live test; run 'careercoach doctor' to check")
        return
    env.notice("testing the model with one tiny request...")
    reply = svc.test_call(full_model)
    env.out.print(f"[green]ready[/]: {full_model} answered ({len(reply)} characters)")
