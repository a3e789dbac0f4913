"""Phone numbers as residents type them: French numbers to E.164, the others refused with a kind reason."""

from __future__ import annotations

import pytest

from api.callbacks.phone import PhoneError, display_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("0612345678", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+33612345678", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("07 81 23 45 67", "+33781234567"),
        ("01 23 45 67 89", "+33123456789"),  # a landline can be called back
        ("09 70 12 34 56", "+33970123456"),  # so can a box line
        ("04 95 12 34 56", "+33495123456"),  # Corsica
        ("0692 12 34 56", "+262692123456"),  # La Réunion, written as residents there do
        ("+262 692 12 34 56", "+262692123456"),
    ],
)
def test_french_numbers_are_normalised_to_e164(typed: str, e164: str) -> None:
    assert normalise_phone(typed) == e164


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "phone_not_a_number"),
        ("bonjour", "phone_not_a_number"),
        ("06 12", "phone_invalid"),
        ("12345", "phone_invalid"),
        ("06 12 34 56 78 90", "phone_invalid"),
        ("3631", "phone_invalid"),
        ("08 99 12 34 56", "phone_service_number"),
        ("0800 123 456", "phone_service_number"),
        ("+44 7911 123456", "phone_not_french"),
        ("+1 415 555 2671", "phone_not_french"),
    ],
)
def test_numbers_the_team_cannot_call_are_refused_with_a_code(typed: str, code: str) -> None:
    with pytest.raises(PhoneError) as error:
        normalise_phone(typed)
    assert error.value.code == code


def test_stored_numbers_are_shown_as_french_teams_read_them() -> None:
    assert display_phone("+33612345678") == "06 12 34 56 78"
    assert display_phone("+262692123456") == "0692 12 34 56"
