"""Phone numbers: normalised to E.164, and a keyed hash of them as the conversation id.

The number itself is never the id: HMAC-SHA256 with a secret key, so the id of a known number cannot be computed
without the key, and a leaked database does not give the numbers. Never log a number.
"""

from __future__ import annotations

import hashlib
import hmac

import phonenumbers

CONVERSATION_ID_LENGTH = 32
"""Hex characters kept of the HMAC (128 bits), the length of the conversation ids."""


def normalise(number: str, *, region: str = "FR") -> str | None:
    """The number in E.164 ("+33612345678"), or None if it is not a possible phone number."""
    try:
        parsed = phonenumbers.parse(number.strip(), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def conversation_id(number_e164: str, *, key: bytes) -> str:
    """The conversation id of a phone number: a keyed hash, the same for every message from that number."""
    if not key:
        raise ValueError("the phone hash key is empty")
    digest = hmac.new(key, number_e164.encode("ascii"), hashlib.sha256).hexdigest()
    return digest[:CONVERSATION_ID_LENGTH]
