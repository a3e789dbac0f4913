"""Phone numbers: E.164, and a keyed hash as the conversation id that reveals nothing without the key."""

from __future__ import annotations

import re

import pytest

from channels.sms.phone import conversation_id, normalise

KEY = b"test-phone-hash-key"


@pytest.mark.parametrize("number", ["+33612345678", "+33 6 12 34 56 78", "06 12 34 56 78", "0612345678"])
def test_numbers_are_normalised_to_e164(number: str) -> None:
    assert normalise(number) == "+33612345678"


@pytest.mark.parametrize("number", ["", "ASSISTANT", "12", "+3361234567890123"])
def test_what_is_not_a_phone_number_is_refused(number: str) -> None:
    assert normalise(number) is None


def test_conversation_id_is_stable_keyed_and_reveals_no_digit_run() -> None:
    first = conversation_id("+33612345678", key=KEY)
    assert first == conversation_id("+33612345678", key=KEY)
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != conversation_id("+33612345679", key=KEY)
    assert first != conversation_id("+33612345678", key=b"another key")
    assert "612345678" not in first


def test_an_empty_key_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        conversation_id("+33612345678", key=b"")
