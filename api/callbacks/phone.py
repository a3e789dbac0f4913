"""French phone numbers as residents type them, normalised to E.164 with phonenumbers.

Accepted: mobiles, landlines and box lines (09) of metropolitan France and the overseas departments, written
« 06 12 34 56 78 », « 06.12.34.56.78 », « +33 6 … », « 0033 6 … », « 0692 … » (La Réunion). Refused with a
stable code (PROBLEMS): what is not a number, a number of the wrong length, a service or premium-rate number,
a foreign number. The api says no French: the bot's domain has a response per code.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from facts.phone import FRENCH_REGIONS

REGIONS = FRENCH_REGIONS
CALLABLE_TYPES = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.VOIP,
}

PROBLEMS = {
    "phone_not_a_number": "no phone number in the text",
    "phone_invalid": "not a complete or existing number",
    "phone_not_french": "not a French number",
    "phone_service_number": "a service or premium-rate number",
}
"""Stable codes of the numbers a team cannot call back (the bot's domain and the staff page say them in French)."""


class PhoneError(ValueError):
    """A number the team cannot call back; ``code`` is one of PROBLEMS."""

    def __init__(self, code: str) -> None:
        super().__init__(PROBLEMS[code])
        self.code = code


def _parse(text: str) -> phonenumbers.PhoneNumber:
    cleaned = text.strip()
    if not any(char.isdigit() for char in cleaned):
        raise PhoneError("phone_not_a_number")
    try:
        first = phonenumbers.parse(cleaned, REGIONS[0])
        if phonenumbers.is_valid_number(first) or cleaned.startswith(("+", "00")):
            return first  # an international number does not depend on the region it is read from
        for region in REGIONS[1:]:
            number = phonenumbers.parse(cleaned, region)
            if phonenumbers.is_valid_number(number):
                return number
    except NumberParseException:
        raise PhoneError("phone_not_a_number") from None
    return first


def normalise_phone(text: str) -> str:
    """The E.164 form of a French number a team can call back, or a PhoneError saying why not."""
    number = _parse(text)
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("phone_invalid")
    if phonenumbers.region_code_for_number(number) not in REGIONS:
        raise PhoneError("phone_not_french")
    if phonenumbers.number_type(number) not in CALLABLE_TYPES:
        raise PhoneError("phone_service_number")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """How a French team reads a stored number: « 06 12 34 56 78 »."""
    return phonenumbers.format_number(phonenumbers.parse(e164), PhoneNumberFormat.NATIONAL)
