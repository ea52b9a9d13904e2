"""Which model to call and how: resolved once per command from flags, environment and config.

Precedence: command-line flag > environment > config file > default. `Config` already puts
CAREERCOACH_MODEL / CAREERCOACH_API_BASE (and the other CAREERCOACH_* variables) over the
file, so this module only adds the flags on top. It never imports litellm.
"""

from __future__ import annotations

from dataclasses import dataclass

from careercoach.config import Config, parse_value
from careercoach.errors import NotConfigured


@dataclass(frozen=True)
class LLMSettings:
    """Everything the gateway needs to know about the model call, already validated."""

    model: str
    api_base: str | None = None
    timeout: float = 60.0  # seconds per request
    retries: int = 2  # retries of rate limits, server errors, timeouts, connection errors
    cache: bool = True
    budget_monthly_usd: float | None = None


def resolve_settings(
    config: Config, *, model: str | None = None, api_base: str | None = None
) -> LLMSettings:
    """Merge flags over the config (environment included); NotConfigured when no model is set."""
    chosen_model = parse_value("model", model, "--model") if model else config.get("model")
    if not chosen_model:
        raise NotConfigured(
            "no model is configured",
            hint=(
                "set one: careercoach setup, or careercoach config set model openai/gpt-4o-mini, "
                "or the CAREERCOACH_MODEL environment variable"
            ),
        )
    chosen_base = parse_value("api_base", api_base, "--api-base") if api_base else None
    return LLMSettings(
        model=chosen_model,
        api_base=chosen_base or config.get("api_base"),
        timeout=float(config.get("timeout")),
        retries=int(config.get("retries")),
        cache=bool(config.get("cache")),
        budget_monthly_usd=config.get("budget_monthly_usd"),
    )
