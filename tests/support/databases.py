"""Fresh, migrated databases for tests: SQLite (embedded default) and the real PostgreSQL server.

PostgreSQL is the production store, so the storage and API tests run on both. The server of this machine kind
listens on 127.0.0.1:5432 with trust auth; TEST_POSTGRES_URL points elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def migrate(url: str) -> None:
    """Bring the database at ``url`` to the newest revision with the project's own migrations."""
    config = Config(str(ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


@contextmanager
def sqlite_database(directory: Path) -> Iterator[str]:
    """A migrated SQLite file; the async URL of it."""
    url = f"sqlite+aiosqlite:///{directory / f'test-{uuid.uuid4().hex}.db'}"
    migrate(url)
    yield url


@contextmanager
def postgres_database() -> Iterator[str]:
    """A migrated, uniquely named PostgreSQL database, dropped afterwards; the async URL of it."""
    name = f"assistant_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    url = f"{base}/{name}"
    try:
        migrate(url)
        yield url
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(kind: str, directory: Path) -> Iterator[str]:
    """A migrated database of ``kind`` ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        with sqlite_database(directory) as url:
            yield url
    elif kind == "postgresql":
        with postgres_database() as url:
            yield url
    else:
        raise ValueError(kind)
