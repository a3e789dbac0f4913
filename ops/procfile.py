"""Reads the Procfile: the one place where the command of each process (rasa, actions, api, worker) is written."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def read_procfile(path: Path = ROOT / "Procfile") -> dict[str, str]:
    """Process name → shell command, as honcho reads them."""
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, command = line.partition(":")
            entries[name.strip()] = command.strip()
    return entries
