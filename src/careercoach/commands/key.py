"""`careercoach key set|list|remove`: API keys in the OS keyring, never on the command line."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from careercoach.commands.common import Env, JsonOpt, get_env
from careercoach.errors import BadInput

if TYPE_CHECKING:
    from careercoach.services.keys import KeyListing

app = typer.Typer(
    help="Store, list and remove model API keys (kept in the OS keyring, never in a file).",
    no_args_is_help=True,
)

ProviderArg = Annotated[
    str,
    typer.Argument(
        help="LiteLLM provider name: openai, anthropic, gemini, mistral, groq, ...",
        show_default=False,
    ),
]


def _read_secret(env: Env, provider: str) -> str:
    """The key from a hidden prompt on a terminal, otherwise from stdin."""
    from careercoach.services.keys import MAX_KEY_LENGTH

    if env.stdin_is_tty:
        # The prompt goes to stderr so stdout stays clean; the typed key is never echoed.
        return str(typer.prompt(f"{provider} API key", hide_input=True, err=True))
    raw = sys.stdin.read(MAX_KEY_LENGTH + 2)
    if not raw.strip():
        raise BadInput(
            "no API key on stdin",
            hint=f'pipe the key in, e.g. printf %s "$KEY" | careercoach key set {provider}',
        )
    return raw


@app.command("set")
def set_key(ctx: typer.Context, provider: ProviderArg) -> None:
    """Store PROVIDER's API key in the keyring (hidden prompt, or the key on stdin)."""
    from careercoach.services import keys as service

    env = get_env(ctx)
    name = service.validate_provider(provider)  # before asking, so a typo costs no paste
    result = service.set_key(name, _read_secret(env, name))
    if result.warning:
        env.notice(f"Warning: {result.warning} (you allowed this with insecure_keyring = true).")
    env.out.print(
        f"Stored the {result.provider} key ({result.masked}) in the keyring ({result.backend}).",
        markup=False,
    )
    if result.env_override:
        env.notice(f"Note: ${result.env_override} is set and wins over the keyring.")


@app.command("list")
def list_keys(ctx: typer.Context, json: JsonOpt = False) -> None:
    """List the providers with a key, where it comes from (env or keyring), masked."""
    from careercoach.services import keys as service

    env = get_env(ctx)
    listing = service.list_keys()
    for warning in listing.warnings:
        env.notice(f"Warning: {warning}")
    if json:
        from careercoach.ui.console import print_json

        print_json(listing.keys)
        return
    _render_listing(env, listing)


def _render_listing(env: Env, listing: KeyListing) -> None:
    from rich.table import Table
    from rich.text import Text

    if not listing.keys:
        env.out.print("No API keys found.", markup=False)
        env.notice("Add one with: careercoach key set PROVIDER (or export its variable).")
        return
    table = Table("provider", "source", "key", "variable", "used", box=None, pad_edge=False)
    for entry in listing.keys:
        used = "yes" if entry.active else f"no (${entry.env_var} wins)"
        # Text cells: a key's last characters could look like Rich markup.
        table.add_row(
            *(
                Text(cell)
                for cell in (entry.provider, entry.source, entry.masked, entry.env_var, used)
            )
        )
    env.out.print(table)


@app.command("remove")
def remove_key(ctx: typer.Context, provider: ProviderArg) -> None:
    """Delete PROVIDER's API key from the keyring."""
    from careercoach.services import keys as service

    env = get_env(ctx)
    result = service.remove_key(provider)
    env.out.print(f"Removed the {result.provider} key from the keyring.", markup=False)
    if result.env_override:
        env.notice(f"Note: ${result.env_override} is still set and provides a key.")
