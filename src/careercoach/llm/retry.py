"""Our one retry policy: exponential backoff with jitter, Retry-After honoured, a hard deadline.

LiteLLM and the OpenAI client are told not to retry (num_retries=0, max_retries=0), so the
number of attempts and the time they may take are decided here and nowhere else.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from careercoach.llm.failures import ModelCallFailed

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry rate limits, server errors, timeouts, connection errors.

    The whole call (attempts and waits) never takes longer than timeout × (retries + 1).
    """

    retries: int = 2
    timeout: float = 60.0
    base_delay: float = 1.0  # first backoff, doubled per retry
    max_delay: float = 20.0
    max_retry_after: float = 30.0  # a server asking for longer is asking too much of a person
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, compare=False, repr=False)

    @property
    def deadline_seconds(self) -> float:
        return self.timeout * (self.retries + 1)

    def delay(self, retry: int, retry_after: float | None) -> float:
        """Seconds to wait before retry number `retry` (1-based)."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        ceiling = min(self.max_delay, self.base_delay * 2 ** (retry - 1))
        # "Equal jitter": never less than half the backoff, so retries stay spaced out.
        return ceiling / 2 + random.uniform(0, ceiling / 2)


def _gave_up(failure: ModelCallFailed, retries: int) -> ModelCallFailed:
    if retries == 0:
        return failure
    plural = "retry" if retries == 1 else "retries"
    return ModelCallFailed(
        f"{failure.message} (gave up after {retries} {plural})",
        failure.hint,
        kind=failure.kind,
        retry_after=failure.retry_after,
        status=failure.status,
    )


def call_with_retries(
    attempt: Callable[[float], T],
    policy: RetryPolicy,
    *,
    may_retry: Callable[[ModelCallFailed], bool] = lambda failure: True,
) -> T:
    """Run `attempt(timeout_seconds)`, retrying retryable failures within the policy's deadline.

    `may_retry` can veto a retry (the gateway does once streamed text reached the person).
    """
    deadline = policy.clock() + policy.deadline_seconds
    retries = 0
    while True:
        remaining = deadline - policy.clock()
        try:
            return attempt(max(0.001, min(policy.timeout, remaining)))
        except ModelCallFailed as failure:
            if not failure.retryable or retries >= policy.retries or not may_retry(failure):
                raise _gave_up(failure, retries) from None
            wait = policy.delay(retries + 1, failure.retry_after)
            # Waiting past the deadline, or leaving the next attempt a sliver of time, only
            # makes the person wait longer for the same failure.
            if policy.clock() + wait >= deadline - min(policy.timeout, 1.0) * 0.1:
                raise _gave_up(failure, retries) from None
            policy.sleep(wait)
            retries += 1
