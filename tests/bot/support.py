"""Helpers shared by the bot tests (importable, unlike conftest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
DOMAIN_DIR = Path(__file__).resolve().parents[2] / "bot" / "domain"


def load_fixture(name: str) -> Any:
    """The parsed content of tests/bot/fixtures/<name>."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))
