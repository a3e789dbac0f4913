"""Is a secret strong enough for production? A pure check, so settings and territories share one rule.

Issue 13 found production starting with an empty internal secret and an empty session key: anyone could then open
the internal routes or forge an admin cookie. A production secret must be long and look random; the reason given
back names what is wrong, never the value, so it can go into a start-up error.
"""

from __future__ import annotations

import math
from collections import Counter

MIN_SECRET_LENGTH = 32
"""Characters at least: 32 hex digits are 128 bits, the size of a Twilio auth token."""
MIN_DISTINCT_CHARACTERS = 10
MIN_BITS_PER_CHARACTER = 3.0
"""Shannon entropy of the characters: random hex gives about 3.7-4, base64 about 5, "abcabcabc…" 1.6."""


def entropy_per_character(value: str) -> float:
    """Shannon entropy of the character distribution of ``value``, in bits per character."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(count / total * math.log2(count / total) for count in counts.values())


def weakness(value: str) -> str | None:
    """Why ``value`` is not a production secret (a short English reason without the value), or None if it is."""
    if not value:
        return "is empty"
    if len(value) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    if len(set(value)) < MIN_DISTINCT_CHARACTERS or entropy_per_character(value) < MIN_BITS_PER_CHARACTER:
        return "does not look random (too few different characters)"
    return None


def weak_settings(secrets: dict[str, str]) -> list[str]:
    """One line per weak secret, named by its setting (``INTERNAL_API_SECRET is empty``), in the given order."""
    return [f"{name} {reason}" for name, value in secrets.items() if (reason := weakness(value)) is not None]
