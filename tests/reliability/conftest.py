"""Fixtures for the reliability tests (issue 8).

Each test that measures something calls `figures(name, **values)`; when RELIABILITY_REPORT
names a file (bench/bench_reliability.py sets it), the figures are appended to it as one JSON
line, so the benchmark prints what the soak run actually observed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rel_helpers import record_figures


@pytest.fixture
def figures() -> Callable[..., None]:
    """figures(name, **values): keep what a test measured for bench/bench_reliability.py."""
    return record_figures
