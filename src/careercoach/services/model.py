"""Opening the model gateway for a command: settings, the store's ledger, the cache switch."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from careercoach.config import Config
from careercoach.errors import NotConfigured

if TYPE_CHECKING:
    from careercoach.llm.gateway import Gateway
    from careercoach.store.db import Store


@dataclass
class ModelChoice:
    """What the person asked for on the command line (flags win over everything else)."""

    model: str | None = None
    offline: bool = False
    no_cache: bool = False


def open_gateway(
    command: str, choice: ModelChoice, *, store: Store | None = None, config: Config | None = None
) -> Gateway:
    """A gateway for `command`, or NotConfigured (exit 3) when offline or no model is set."""
    if choice.offline:
        raise NotConfigured(
            f"'{command}' needs a model, and offline mode is on",
            hint="drop --offline (or unset CAREERCOACH_OFFLINE) to call the configured model",
        )
    from careercoach.llm.gateway import Gateway
    from careercoach.llm.settings import resolve_settings
    from careercoach.llm.worker_transport import choose_transport
    from careercoach.store.db import open_store
    from careercoach.store.ledger import StoreLedger

    config = config or Config.load()
    settings = resolve_settings(config, model=choice.model)
    store = store or open_store()
    return Gateway(
        settings,
        StoreLedger(store),
        command=command,
        use_cache=settings.cache and not choice.no_cache,
        transport=choose_transport(config),
    )


def warm_model(choice: ModelChoice) -> None:
    """Start the warm model worker now, before the command reads its data, if it may be needed.

    Never fails: a problem with the config or the worker shows up (or is worked around) when
    the model is actually called.
    """
    if choice.offline:
        return
    from careercoach.llm.worker_client import start_early

    with contextlib.suppress(Exception):
        config = Config.load()
        if choice.model or config.get("model"):
            start_early(config)
