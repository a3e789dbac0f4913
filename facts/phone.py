"""Which phone numbers count as French: read by ``bot/actions/phone.py`` and ``api/callbacks/phone.py``."""

from __future__ import annotations

FRENCH_REGIONS = ("FR", "RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF")
"""phonenumbers' regions: metropolitan France first, then the overseas departments and collectivities whose
numbers are dialled like French ones (« 0692… » is La Réunion)."""
