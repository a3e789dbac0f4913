"""Bodies are size-checked and, when JSON, checked for readable text and finite numbers before any parsing.

Issue 13: a 20 MB body was accepted and parsed by /api/v1/eligibility, and malformed JSON (bytes that are not
UTF-8, NaN, a lone surrogate) became 500s. This ASGI middleware answers 413 as soon as the declared or received
size passes the limit (nothing is parsed), 400/422 for a JSON body api.core.strict_json refuses, and hands every
other body on unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.errors import is_public
from api.core.french_errors import STATUS_TEXTS, french_message
from api.core.strict_json import json_problem

DEFAULT_MAX_BODY_BYTES = 64 * 1024
BODYLESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BodyTooLarge(Exception):
    """The body passed its limit while it was being received."""


def _is_json(content_type: str | None) -> bool:
    """FastAPI reads a body as JSON when it says so, or says nothing at all."""
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


class BodyGuard:
    """Limit request bodies (``larger`` raises the limit under some path prefixes) and refuse unreadable JSON."""

    def __init__(self, app: ASGIApp, *, max_bytes: int = DEFAULT_MAX_BODY_BYTES,
                 larger: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = dict(larger or {})

    def limit_for(self, path: str) -> int:
        """The body limit of ``path``: the largest of the prefixes it starts with, else the default."""
        limits = [limit for prefix, limit in self.larger.items() if path.startswith(prefix)]
        return max(limits, default=self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in BODYLESS_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self.limit_for(scope["path"])
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(scope, receive, send)
            return
        try:
            body = await _read(receive, limit)
        except BodyTooLarge:
            await _too_large(scope, receive, send)
            return
        if body and _is_json(headers.get("content-type")):
            problem = json_problem(body)
            if problem is not None:
                detail = [{"loc": list(problem.loc), "type": problem.code, "msg": french_message(problem.code)}]
                await JSONResponse({"detail": detail}, status_code=problem.status)(scope, receive, send)
                return
        await self.app(scope, _replay(body, receive), send)


async def _read(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the buffered body once, then waits on the client as usual (for disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
    path = scope["path"]
    detail = STATUS_TEXTS[413] if is_public(path) else "Request body too large."
    response = JSONResponse({"detail": detail}, status_code=413, headers={"Connection": "close"})
    await response(scope, receive, send)
