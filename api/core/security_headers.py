"""Security headers on every answer: a strict Content-Security-Policy, no framing of staff pages, no sniffing, no
referrer, HSTS in production, and no caching of staff pages and conversations (issue 13).

The pages and the widget load nothing from third parties, so ``default-src 'self'`` holds; only FastAPI's /docs
(Swagger UI from a CDN, with an inline script) gets a wider policy. A pure ASGI middleware: it touches headers,
never bodies, so it also covers 413s and 500s.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STRICT_CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
              "frame-ancestors {ancestors}")
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; "
            "object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")
STAFF_PREFIX = "/staff"
NO_STORE_PREFIXES = (STAFF_PREFIX, "/api/v1/conversations")
"""Staff pages show phone numbers; conversations hold what residents wrote: never kept by a browser or proxy."""
HSTS = "max-age=31536000; includeSubDomains"


def _starts(path: str, prefixes: Iterable[str]) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in prefixes)


def headers_for(path: str, *, production: bool) -> dict[str, str]:
    """The security headers of an answer on ``path`` (pure, one test per rule)."""
    if _starts(path, DOCS_PATHS):
        csp = DOCS_CSP
    else:
        csp = STRICT_CSP.format(ancestors="'none'" if _starts(path, (STAFF_PREFIX,)) else "'self'")
    headers = {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    if _starts(path, (STAFF_PREFIX,)):
        headers["X-Frame-Options"] = "DENY"
    if _starts(path, NO_STORE_PREFIXES):
        headers["Cache-Control"] = "no-store"
    if production:
        headers["Strict-Transport-Security"] = HSTS
    return headers


class SecurityHeaders:
    """Adds ``headers_for(path)`` to every HTTP answer, replacing any value a route set for the same header."""

    def __init__(self, app: ASGIApp, *, production: bool) -> None:
        self.app = app
        self.production = production

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = headers_for(scope["path"], production=self.production)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
