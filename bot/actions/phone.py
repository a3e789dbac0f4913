"""Reading a French phone number in a resident's answer, for the callback and the SMS summary.

Residents write « 06 12 34 56 78 », « 0612345678 », « +33 6 12 34 56 78 », « 06.12.34.56.78 », often inside a
sentence (« c'est le 06… »). The number is found with phonenumbers' matcher, then read as metropolitan France or
an overseas department (« 0692… » is La Réunion). The bot reads it back in the national format for confirmation;
the api normalises it again (E.164) and stays the authority. Pure: no Rasa import, never raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import phonenumbers
from phonenumbers import Leniency, PhoneNumber, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType

from facts.phone import FRENCH_REGIONS

REGIONS = FRENCH_REGIONS

CALLABLE = frozenset({
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.VOIP,
})


class PhoneProblem(Enum):
    """Why an answer gives no number a social worker can call; each has its own French response."""

    NOT_A_NUMBER = "not_a_number"
    INCOMPLETE = "incomplete"
    FOREIGN = "foreign"
    SERVICE = "service"


@dataclass(frozen=True)
class PhoneReading:
    """A number found in an answer: ``display`` as a French person writes it, or the ``problem`` with it."""

    display: str | None = None
    problem: PhoneProblem | None = None


def _valid_in_a_french_region(raw: str) -> PhoneNumber | None:
    """The first reading of ``raw`` that is a valid number, trying France then the overseas regions."""
    for region in REGIONS:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return number
        if raw.lstrip().startswith(("+", "00")):
            return None  # an international number reads the same from every region
    return None


def read_phone(text: str) -> PhoneReading:
    """The phone number in ``text``, or why there is none a team could call back."""
    digits = sum(char.isdigit() for char in text)
    if digits < 2:
        return PhoneReading(problem=PhoneProblem.NOT_A_NUMBER)
    candidates = [match.raw_string for match in PhoneNumberMatcher(text, REGIONS[0], leniency=Leniency.POSSIBLE)]
    numbers = [number for raw in candidates if (number := _valid_in_a_french_region(raw)) is not None]
    if not numbers:
        return PhoneReading(problem=PhoneProblem.INCOMPLETE)
    number = numbers[0]
    if phonenumbers.region_code_for_number(number) not in REGIONS:
        return PhoneReading(problem=PhoneProblem.FOREIGN)
    if phonenumbers.number_type(number) not in CALLABLE:
        return PhoneReading(problem=PhoneProblem.SERVICE)
    return PhoneReading(display=phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
