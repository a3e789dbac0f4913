"""Per-client rate limits: fixed windows counted in memory (one process) or in Redis (shared by every replica).

Issue 13: one client created 300 conversations in a minute, and ten parallel requests of one client slowed every
resident's turn. Each limited action counts hits per key (the client's address, a phone number's hash) in windows
of ``window_seconds``; past the limit the caller answers 429 with Retry-After. A Redis that does not answer lets
the request through (residents come first) and says so in the log.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

MAX_MEMORY_KEYS = 50_000
"""The in-memory counter forgets finished windows once it holds this many keys (an address scan cannot grow it)."""


@dataclass(frozen=True)
class Decision:
    """Whether one more hit is allowed, and in how many seconds the window ends."""

    allowed: bool
    retry_after: int


def decide(count: int, *, limit: int, now: float, window_seconds: int) -> Decision:
    """The decision for the ``count``-th hit of the window containing ``now`` (pure)."""
    remaining = window_seconds - int(now) % window_seconds
    return Decision(allowed=count <= limit, retry_after=max(remaining, 1))


class RateLimiter(Protocol):
    """Counts one hit of ``key`` and says whether it is within ``limit`` per ``window_seconds``."""

    async def hit(self, key: str, *, limit: int, window_seconds: int) -> Decision: ...

    async def aclose(self) -> None: ...


class MemoryRateLimiter:
    """Counters of this process only: right for the embedded default (one api process)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._counts: dict[tuple[str, int], int] = {}
        self._lock = asyncio.Lock()

    async def hit(self, key: str, *, limit: int, window_seconds: int) -> Decision:
        now = self._clock()
        window = int(now) // window_seconds
        async with self._lock:
            if len(self._counts) >= MAX_MEMORY_KEYS:
                self._counts = {k: v for k, v in self._counts.items() if k[1] == window}
            count = self._counts.get((key, window), 0) + 1
            self._counts[(key, window)] = count
        return decide(count, limit=limit, now=now, window_seconds=window_seconds)

    async def aclose(self) -> None:
        self._counts.clear()


class RedisRateLimiter:
    """Counters in Redis (INCR, then EXPIRE with the window), so several api replicas share one limit."""

    def __init__(self, url: str, clock: Callable[[], float] = time.time) -> None:
        self._redis: Redis = Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._clock = clock

    async def hit(self, key: str, *, limit: int, window_seconds: int) -> Decision:
        now = self._clock()
        redis_key = f"assistant:rate:{key}:{int(now) // window_seconds}"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(redis_key)
                pipe.expire(redis_key, window_seconds + 1)
                count, _ = await pipe.execute()
        except (RedisError, OSError) as error:
            logger.warning("rate limit not counted, Redis did not answer: %s", type(error).__name__)
            return Decision(allowed=True, retry_after=0)
        return decide(int(count), limit=limit, now=now, window_seconds=window_seconds)

    async def aclose(self) -> None:
        await self._redis.aclose()


def make_rate_limiter(redis_url: str) -> RateLimiter:
    """Redis when a URL is set (production with replicas), else this process's memory."""
    return RedisRateLimiter(redis_url) if redis_url else MemoryRateLimiter()
