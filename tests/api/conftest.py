"""Fixtures of the api tests: a warm engine shared by all, a fresh database of each kind, a client on the app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.core.config import Settings
from api.db import create_engine, create_sessionmaker
from api.eligibility_service import EligibilityService
from api.main import create_app
from tests.support.databases import database
from tests.support.fake_rasa import FakeRasa

INTERNAL_SECRET = "test-internal-secret"
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
def service() -> EligibilityService:
    """One warm OpenFisca-France engine for the whole session (loading it takes seconds)."""
    eligibility = EligibilityService(today=lambda: TODAY)
    eligibility.warm_up()
    return eligibility


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database, once on SQLite and once on the real PostgreSQL server."""
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on the test database, for tests that read or write rows directly."""
    engine = create_engine(database_url)
    yield create_sessionmaker(engine)
    await engine.dispose()


@pytest.fixture
def fake_rasa() -> FakeRasa:
    """The scripted bot behind the REST channel contract."""
    return FakeRasa()


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings of a test app: its own database, no warm-up thread, a known internal secret."""
    return Settings(
        environment="test",
        database_url=database_url,
        internal_api_secret=INTERNAL_SECRET,
        warm_up_engine=False,
        actions_url="http://127.0.0.1:9",
    )


@asynccontextmanager
async def app_client(
    settings: Settings, service: EligibilityService, fake_rasa: FakeRasa
) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on an app built from ``settings``, its lifespan run, talking to the scripted bot."""
    app = create_app(settings, service=service, rasa_transport=fake_rasa.transport())
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=transport, base_url="http://testserver"
    ) as http:
        yield http


@pytest.fixture
async def client(
    settings: Settings, service: EligibilityService, fake_rasa: FakeRasa
) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on the app of the test settings."""
    async with app_client(settings, service, fake_rasa) as http:
        yield http
