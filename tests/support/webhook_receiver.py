"""A territory's side of the signed callback webhook, written from docs/callback-webhook.md alone.

It checks the signature and the timestamp, de-duplicates on the idempotency key as the document asks, and can
be told to fail (an HTTP status for the next requests) or to be slow. It records what it received, and how many
requests of one key were in flight at once (two workers delivering one job at the same time would show here).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


@dataclass
class WebhookReceiver:
    """A case system receiving callbacks at POST /callbacks."""

    secret: str
    fail_next: list[int] = field(default_factory=list)
    delay_seconds: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)
    in_flight: Counter[str] = field(default_factory=Counter)
    max_in_flight: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/callbacks", self._receive, methods=["POST"])])

    def keys(self) -> list[str]:
        """The idempotency key of every request received, in order."""
        return [request["key"] for request in self.requests]

    async def _receive(self, request: Request) -> Response:
        body = await request.body()
        timestamp = request.headers.get("X-Assistant-Timestamp", "")
        given = request.headers.get("X-Assistant-Signature", "")
        key = request.headers.get("Idempotency-Key", "")
        expected = "sha256=" + hmac.new(self.secret.encode(), f"{timestamp}.".encode() + body,
                                        hashlib.sha256).hexdigest()
        if not (timestamp.isdigit() and abs(time.time() - int(timestamp)) <= 300
                and hmac.compare_digest(given, expected) and key):
            return JSONResponse({"error": "bad signature"}, status_code=401)
        with self._lock:
            self.requests.append({"key": key, "body": json.loads(body), "raw": body, "headers": dict(request.headers)})
            self.in_flight[key] += 1
            self.max_in_flight[key] = max(self.max_in_flight[key], self.in_flight[key])
            failure = self.fail_next.pop(0) if self.fail_next else None
        try:
            if self.delay_seconds:
                await asyncio.sleep(self.delay_seconds)
            if failure is not None:
                return JSONResponse({"error": "failure asked by the test"}, status_code=failure)
            with self._lock:
                # A key seen before is a retry of a delivery that did arrive: answer success, record nothing new.
                self.accepted.setdefault(key, json.loads(body))
            return JSONResponse({"id": f"case-{len(self.accepted)}"}, status_code=201)
        finally:
            with self._lock:
                self.in_flight[key] -= 1
