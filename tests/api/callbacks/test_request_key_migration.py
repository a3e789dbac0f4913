"""Migration 0008 rewrites the keys already stored the way the api now scopes them, so a retry that spans the
upgrade still finds its booking (and a booking without a key stays without one)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from api.callbacks.booking import scoped_key
from tests.support.databases import ROOT

ROW = ("INSERT INTO callback (id, reference, request_key, territory, phone, first_name, slot_chosen, "
       "consent_share_bilan, status, case_system_ref, delivery_state, created_at, updated_at) VALUES "
       "(:id, :reference, :key, 'bastia', '+33600000000', '', 0, 0, 'nouveau', '', '{}', "
       "'2026-11-25 10:00:00', '2026-11-25 10:00:00')")


def test_existing_keys_are_scoped_to_their_territory(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = Config(str(ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = url.replace("sqlite://", "sqlite+aiosqlite://", 1)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "0006")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(ROW), {"id": "a" * 32, "reference": "AAAA-AAAA", "key": "conversation-1:rappel"})
        connection.execute(text(ROW), {"id": "b" * 32, "reference": "BBBB-BBBB", "key": None})
    command.upgrade(config, "head")
    with engine.connect() as connection:
        keys: dict[str, str | None] = {row[0]: row[1] for row in connection.execute(
            text("SELECT reference, request_key FROM callback"))}
    engine.dispose()
    assert keys == {"AAAA-AAAA": scoped_key("bastia", "conversation-1:rappel"), "BBBB-BBBB": None}
