"""Alembic environment: migrations run synchronously on the URL of the api settings (or one given by a test)."""

from __future__ import annotations

from logging.config import fileConfig
from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import create_engine

# Each feature declares its tables; importing them all puts every table in Base.metadata.
import api.callbacks.models
import api.campaigns.models
import api.conversations.models
import api.indicators.models
import api.outbox
import api.sms.models
import api.staff.models  # noqa: F401
from api.core.config import get_settings
from api.db import Base, UTCDateTime, ensure_sqlite_directory, sync_url

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def render_item(type_: str, obj: object, _context: AutogenContext) -> str | Literal[False]:
    """Autogenerate writes our UTC column type as the plain timezone-aware DateTime it is in the database."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_online() -> None:
    """Migrate the database named by ``database_url`` (attribute set by tests) or by the settings."""
    url = config.attributes.get("database_url") or get_settings().database_url
    ensure_sqlite_directory(url)
    engine = create_engine(sync_url(url))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                          render_item=render_item)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
