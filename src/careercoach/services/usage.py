"""The usage report: calls, tokens, cost and cache hits from the usage log."""

from __future__ import annotations

from typing import Any


def usage_report() -> dict[str, Any]:
    """Totals and breakdowns by model, command and month (costs in USD; None when unknown)."""
    from careercoach.store.db import open_store
    from careercoach.store.ledger import StoreLedger

    return StoreLedger(open_store()).summary()
