"""Database engine, sessions and the declarative base: async SQLAlchemy 2, SQLite by default, PostgreSQL in production.

Each feature declares its own tables on :class:`Base` (``api/<feature>/models.py``); Alembic's env imports them all.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Dialect, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """Aware UTC now: every timestamp in the database is UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend: SQLite keeps no time zone, so UTC is stored and put back on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: use api.db.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of every table (Alembic reads its metadata)."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON}


def sync_url(async_url: str) -> str:
    """The synchronous twin of an async URL, for Alembic (aiosqlite → pysqlite; psycopg serves both)."""
    url = make_url(async_url)
    if url.drivername == "sqlite+aiosqlite":
        url = url.set(drivername="sqlite")
    return url.render_as_string(hide_password=False)


def ensure_sqlite_directory(url: str) -> None:
    """SQLite creates the file but not its folder: create it so a fresh clone runs without a manual step."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def create_engine(url: str) -> AsyncEngine:
    """An async engine; SQLite gets foreign keys on and a busy timeout, as PostgreSQL behaves by default."""
    ensure_sqlite_directory(url)
    is_sqlite = make_url(url).get_backend_name() == "sqlite"
    engine = create_async_engine(url, connect_args={"timeout": 15} if is_sqlite else {}, pool_pre_ping=not is_sqlite)
    if is_sqlite:
        # aiosqlite logs every statement with its parameters at DEBUG: phone numbers would reach the logs.
        logging.getLogger("aiosqlite").setLevel(logging.INFO)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

    return engine


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (the handlers return them)."""
    return async_sessionmaker(engine, expire_on_commit=False)


async def session_scope(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One session per request, closed whatever happens."""
    async with factory() as session:
        yield session
