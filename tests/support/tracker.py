"""A real Rasa tracker store database for tests, with the table Rasa 3.6 creates (tests/rasa_events.py): a SQLite
file or a PostgreSQL database of its own, addressed by Rasa's kind of URL (``sqlite:///…``, ``postgresql://…``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import create_engine, func, select

from tests.rasa_events import EVENTS, METADATA
from tests.support.databases import POSTGRES_ADMIN_URL


def _sync(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@contextmanager
def tracker_database(kind: str, directory: Path) -> Iterator[str]:
    """An empty tracker store with Rasa's ``events`` table; Rasa's URL of it."""
    if kind == "sqlite":
        url = f"sqlite:///{directory / f'tracker-{uuid.uuid4().hex}.db'}"
        create_tables(url)
        yield url
        return
    name = f"rasa_tracker_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    try:
        create_tables(url)
        yield url
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_tables(url: str) -> None:
    engine = create_engine(_sync(url))
    METADATA.create_all(engine)
    engine.dispose()


def add_events(url: str, rows: list[dict[str, Any]]) -> None:
    """Write event rows as Rasa does."""
    engine = create_engine(_sync(url))
    with engine.begin() as connection:
        connection.execute(EVENTS.insert(), rows)
    engine.dispose()


def events_by_sender(url: str) -> dict[str, int]:
    """How many events each conversation has in the tracker store."""
    engine = create_engine(_sync(url))
    with engine.connect() as connection:
        rows = connection.execute(select(EVENTS.c.sender_id, func.count()).group_by(EVENTS.c.sender_id))
        counts = {sender: count for sender, count in rows}
    engine.dispose()
    return counts


def all_event_data(url: str) -> str:
    """Every event's JSON, concatenated: to look for what must no longer be there."""
    engine = create_engine(_sync(url))
    with engine.connect() as connection:
        text = "\n".join(str(row) for row in connection.execute(select(EVENTS)))
    engine.dispose()
    return text
