"""Read numbers written by residents in French, the way they really write them.

Residents answer in digits ("34"), in words ("trente-quatre ans"), in SMS style
("34ans", "jai 34 ans") or with a birth year ("né en 1989"). A statistical
classifier reads none of these reliably, so the form validation reads the answer
*in light of the question asked* with these pure functions. They never raise and
take `today` as a parameter so that tests do not depend on the calendar.
"""

from __future__ import annotations

import re
from datetime import date

from text_to_num import alpha2digit

MIN_PLAUSIBLE_AGE = 15
"""Youngest age the estimate is meant for (younger residents are not its audience)."""

MAX_PLAUSIBLE_AGE = 120
"""Oldest plausible age; anything above is almost certainly a typing slip."""

EARLIEST_BIRTH_YEAR = 1900
"""Four-digit numbers from this year on are read as a birth year, not as an age."""

_NUMBER = re.compile(r"\d+")
_AGE_WITH_UNIT = re.compile(r"(\d+)\s*ans?\b")
_BIRTH_YEAR = re.compile(r"\b(\d{4})\b")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, unify apostrophes and spaces, and turn French number words into digits.

    alpha2digit is given a clean string because typographic apostrophes and
    non-breaking spaces (common on phones) would otherwise split number words.
    """
    cleaned = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    cleaned = _SPACES.sub(" ", cleaned.strip().lower())
    if not cleaned:
        return ""
    return str(alpha2digit(cleaned, "fr"))


def age_from_birth_year(year: int, today: date) -> int | None:
    """Age reached this calendar year by someone born in `year`.

    Without the birth date the age may be one year too high before the birthday;
    that is precise enough for an estimate and spares the resident a question.
    Returns None for a year in the future or before EARLIEST_BIRTH_YEAR.
    """
    if year < EARLIEST_BIRTH_YEAR or year > today.year:
        return None
    return today.year - year


def read_age(text: str, today: date | None = None) -> int | None:
    """Read an age from an answer to "quel âge avez-vous ?", or None if unreadable.

    The order of the rules resolves answers with several numbers:
    1. a number followed by "an"/"ans" is the age ("j'ai 34 ans et 2 enfants");
    2. a four-digit year is a birth year ("né en 1989", "1989");
    3. otherwise a single number is the age; several numbers are ambiguous.
    The value is not checked for plausibility here (see `is_plausible_age`), so
    the caller can tell "unreadable" from "implausible".
    """
    current = today or date.today()
    normalised = normalise(text)
    with_unit = _AGE_WITH_UNIT.findall(normalised)
    if len(with_unit) == 1:
        return int(with_unit[0])
    years = [int(y) for y in _BIRTH_YEAR.findall(normalised) if int(y) >= EARLIEST_BIRTH_YEAR]
    if len(years) == 1:
        return age_from_birth_year(years[0], current)
    numbers = _NUMBER.findall(normalised)
    if len(numbers) == 1:
        return int(numbers[0])
    return None


def is_plausible_age(age: int) -> bool:
    """Whether `age` is in the range the estimate is meant for."""
    return MIN_PLAUSIBLE_AGE <= age <= MAX_PLAUSIBLE_AGE
