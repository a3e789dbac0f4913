"""Prometheus metrics of the api and the worker, served on an internal port (METRICS_PORT; 0 = off).

What an operator watches (README « Exploitation »): request latency per route, Rasa turn latency as the api sees it,
the outbox's depth by kind and its dead letters, SMS sent and failed, the rule engine's batch sizes. Labels are
route templates and job kinds only: never a conversation id, a phone number or any other personal data.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
from prometheus_client import Counter, Gauge, Histogram, start_http_server

from api.asgi import HttpMiddleware, Receive, Scope, Send

LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0)

REQUEST_SECONDS = Histogram("assistant_http_request_duration_seconds", "api request latency by route template",
                            ["method", "route", "status"], buckets=LATENCY_BUCKETS)
RASA_TURN_SECONDS = Histogram("assistant_rasa_turn_duration_seconds",
                              "One message relayed to Rasa and its answer, seen by the api", ["outcome"],
                              buckets=LATENCY_BUCKETS)
OUTBOX_DEPTH = Gauge("assistant_outbox_pending_jobs", "Jobs waiting in the outbox (due or not), by kind", ["kind"])
DEAD_LETTERS = Gauge("assistant_outbox_dead_letters", "Jobs the worker gave up on, by kind", ["kind"])
SMS_SENT = Counter("assistant_sms_sent_total", "SMS accepted by Twilio's Messages API")
SMS_FAILED = Counter("assistant_sms_failed_total", "SMS refused by Twilio or not sent", ["reason"])
ENGINE_BATCH_SIZE = Histogram("assistant_rule_engine_batch_size", "Households computed in one OpenFisca simulation",
                              buckets=(1, 2, 4, 8, 16, 32, 64))


def serve(port: int, host: str = "127.0.0.1") -> None:
    """Expose /metrics on ``host:port`` from a daemon thread (internal network only, never through the proxy)."""
    if port:
        start_http_server(port, addr=host)


def route_of(scope: Scope) -> str:
    """The matched route's template (``/api/v1/conversations/{conversation_id}/messages``), never the raw path."""
    route = scope.get("route")
    path = getattr(route, "path_format", None) or getattr(route, "path", None)
    return str(path) if path else "unmatched"


class MetricsMiddleware(HttpMiddleware):
    """One latency observation per HTTP request, labelled by route template and status."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        begin = time.perf_counter()
        status = [500]

        async def send_and_note(message: Any) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            REQUEST_SECONDS.labels(scope["method"], route_of(scope), str(status[0])).observe(
                time.perf_counter() - begin)


class TimedRasaTransport(httpx.AsyncBaseTransport):
    """Wraps the api's transport to Rasa: each REST-channel turn is timed with its outcome."""

    def __init__(self, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self._inner = inner or httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not request.url.path.endswith("/webhooks/rest/webhook"):
            return await self._inner.handle_async_request(request)
        begin = time.perf_counter()
        outcome = "error"
        try:
            response = await self._inner.handle_async_request(request)
            outcome = "ok" if response.status_code == 200 else f"http_{response.status_code}"
            return response
        finally:
            RASA_TURN_SECONDS.labels(outcome).observe(time.perf_counter() - begin)

    async def aclose(self) -> None:
        await self._inner.aclose()
