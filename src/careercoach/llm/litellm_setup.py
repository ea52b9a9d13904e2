"""Import LiteLLM tamed: no network at import, no .env pickup, no banners, no prompt in logs.

Call `load_litellm()` wherever litellm is needed; never `import litellm` directly. It is the
one place the import happens, so the environment is set before litellm reads it.
"""

from __future__ import annotations

import logging
import os
import threading
from types import ModuleType
from typing import Any

# LiteLLM's loggers: its debug records carry whole prompts, which are the person's private
# career material, so they are never emitted, whatever the log configuration.
_LITELLM_LOGGERS = ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy")

_lock = threading.Lock()
_module: ModuleType | None = None


def _prepare_environment() -> None:
    """Set what LiteLLM reads from the environment at import time (a person's own values win)."""
    # Otherwise the import fetches the model price map from GitHub (and, offline, retries
    # for seconds); the copy bundled with the installed litellm is what we want.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    # In its default "DEV" mode litellm's __init__ calls dotenv.load_dotenv(), which reads a
    # .env found by walking up from litellm's own directory (from the cwd in a REPL or under
    # a tracer): a stranger's API keys could become ours. Only "DEV" triggers it.
    os.environ.setdefault("LITELLM_MODE", "PRODUCTION")
    # Records that slip out during the import itself go no lower than errors.
    os.environ.setdefault("LITELLM_LOG", "ERROR")


def _silence(litellm: Any) -> None:
    """Turn off LiteLLM's feedback banner, telemetry, message logging and loggers."""
    litellm.suppress_debug_info = True  # the "Give Feedback / Get Help" lines on stdout
    litellm.telemetry = False  # gone from recent versions; harmless where it still exists
    litellm.turn_off_message_logging = True  # callbacks, if any are ever added, get no prompt
    litellm.set_verbose = False
    for name in _LITELLM_LOGGERS:
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
        logger.setLevel(logging.CRITICAL + 1)


def load_litellm() -> ModuleType:
    """Return the litellm module, importing and taming it on first use (thread-safe)."""
    global _module
    if _module is not None:
        return _module
    with _lock:
        if _module is None:
            _prepare_environment()
            import litellm

            _silence(litellm)
            _module = litellm
    return _module
