"""A callback ticket as the worker builds it, with and without consent to share the bilan."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from api.case_systems import CallbackTicket

PARIS = ZoneInfo("Europe/Paris")


def make_ticket(*, consent: bool = True, first_name: str = "Marie") -> CallbackTicket:
    return CallbackTicket(
        reference="K7MQ-2XPT",
        territory="ville",
        territory_name="Ville",
        phone="+33612345678",
        phone_display="06 12 34 56 78",
        first_name=first_name,
        slot_start=datetime(2026, 11, 30, 9, 0, tzinfo=PARIS),
        slot_end=datetime(2026, 11, 30, 12, 0, tzinfo=PARIS),
        slot_label="lundi 30 novembre entre 9 h et 12 h",
        consent_share_bilan=consent,
        bilan_summary="Personne seule, 34 ans, sans revenu." if consent else None,
        bilan_answers={"age": 34} if consent else None,
        created_at=datetime(2026, 11, 25, 10, 30, tzinfo=UTC),
    )


@pytest.fixture
def ticket() -> CallbackTicket:
    return make_ticket()
