"""One error hierarchy: every failure a person can meet, with its exit code and a hint.

Services raise these; the CLI boundary (cli.py) renders the message and hint on stderr and
exits with the code. The codes are the contract's (../shared/CLI-CONTRACT.md).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BAD_INPUT = 1
    USAGE = 2
    NOT_CONFIGURED = 3
    PROVIDER = 4
    INTERRUPTED = 130


class CareerCoachError(Exception):
    """Base of careercoach's own errors: a message, a hint for what to do next, an exit code."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class BadInput(CareerCoachError):
    """Unreadable file, unknown id, empty text, invalid date or value (exit 1)."""

    exit_code = ExitCode.BAD_INPUT


class NotFound(BadInput):
    """An id or name that is not stored (exit 1)."""


class StoreError(CareerCoachError):
    """The database cannot be opened, written or migrated (exit 1)."""

    exit_code = ExitCode.BAD_INPUT


class NotConfigured(CareerCoachError):
    """No model, no key, no keyring backend, or the monthly budget reached (exit 3)."""

    exit_code = ExitCode.NOT_CONFIGURED


class ProviderError(CareerCoachError):
    """The model's provider failed: bad key, rate limit, timeout, server error, bad answer (exit 4)."""

    exit_code = ExitCode.PROVIDER


class IncompleteAnswer(ProviderError):
    """A streamed answer stopped before the model finished it (exit 4)."""

    def __init__(self, message: str, hint: str | None = None, partial: str = "") -> None:
        super().__init__(message, hint)
        self.partial = partial
