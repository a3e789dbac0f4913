"""The staff CLI creates accounts of existing territories only (issue 13)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from api.core.config import get_settings
from api.staff import cli
from tests.support.databases import sqlite_database

ARGS = ["create-user", "--email", "agent@example.fr", "--name", "Agent Test", "--role", "agent"]


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with sqlite_database(tmp_path) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("STAFF_PASSWORD", "a long enough password")
        get_settings.cache_clear()
        yield url
    get_settings.cache_clear()


def accounts(url: str) -> list[str]:
    engine = create_engine(url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        rows = [row[0] for row in connection.execute(text("SELECT territory FROM staff_user"))]
    engine.dispose()
    return rows


def test_create_user_for_an_unknown_territory_is_refused(database_url: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([*ARGS, "--territory", "atlantide"]) == 2
    assert "atlantide" in capsys.readouterr().err
    assert accounts(database_url) == []


def test_create_user_for_a_known_territory_is_created(database_url: str) -> None:
    assert cli.main([*ARGS, "--territory", "bastia"]) == 0
    assert accounts(database_url) == ["bastia"]
