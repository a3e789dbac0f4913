"""Territory files for tests: the shipped format, pointed at local case systems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WEEKDAYS_9_TO_12_AND_14_TO_17 = {
    day: ["09:00-12:00", "14:00-17:00"] for day in ("monday", "tuesday", "wednesday", "thursday", "friday")
}


def territory_document(code: str, case_system: dict[str, Any], **callbacks: Any) -> dict[str, Any]:
    """A valid territory document with office hours on weekdays."""
    section: dict[str, Any] = {"case_system": case_system, "opening_hours": WEEKDAYS_9_TO_12_AND_14_TO_17}
    section.update(callbacks)
    return {"code": code, "name": code.capitalize(), "callbacks": section}


def write_territory(directory: Path, code: str, case_system: dict[str, Any], **callbacks: Any) -> Path:
    """Write ``<directory>/<code>.yml`` and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{code}.yml"
    path.write_text(yaml.safe_dump(territory_document(code, case_system, **callbacks)), encoding="utf-8")
    return path


def webhook(url: str, secret_name: str = "TEST_WEBHOOK_SECRET", timeout: float = 5.0) -> dict[str, Any]:
    """The case system block of a signed webhook."""
    return {"kind": "webhook", "options": {"url": url, "timeout_seconds": timeout},
            "secrets": {"signing_secret": secret_name}}
