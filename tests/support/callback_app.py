"""The api app for callback tests: a fixed clock, the internal secret sent by default."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import httpx

from api.core.config import Settings
from api.deps import get_now
from api.eligibility_service import EligibilityService
from api.main import create_app
from tests.support.fake_rasa import FakeRasa

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
"""Wednesday 25 November 2026, 11:30 in Paris."""


@asynccontextmanager
async def callback_client(settings: Settings, *, internal_secret: str | None,
                          now: datetime = NOW) -> AsyncIterator[httpx.AsyncClient]:
    """A client on a started app whose clock says ``now``."""
    app = create_app(settings, service=EligibilityService(), rasa_transport=FakeRasa().transport())
    app.dependency_overrides[get_now] = lambda: now
    headers = {"X-Internal-Secret": internal_secret} if internal_secret else {}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers) as http:
            yield http
