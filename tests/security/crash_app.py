"""The real app plus one route that fails with the request's words in its exception, to test the 500 path.

A handler bug that puts a body into an exception message is exactly what issue 13 found in the log; this route
does it on purpose, so the suite can check that neither the answer nor the log carries the words.
"""

from __future__ import annotations

from fastapi import FastAPI, Request

from api.main import app_factory as real_app_factory

CRASH_PATH = "/api/v1/test-crash"


def app_factory() -> FastAPI:
    """The api of `make run`, with the failing route (served only by tests/security)."""
    app = real_app_factory()

    @app.post(CRASH_PATH, include_in_schema=False)
    async def crash(request: Request) -> None:
        words = (await request.body()).decode("utf-8", errors="replace")
        raise RuntimeError(f"could not handle the resident's message: {words}")

    return app
