"""INSEE commune codes: read by rules/situation.py, api/territories and bot/actions/readings.py."""

from __future__ import annotations

DEPCOM_PATTERN = r"^(\d{5}|2[AB]\d{3})$"
"""An INSEE commune code: five digits, or 2A/2B and three digits in Corsica (not a postcode)."""
