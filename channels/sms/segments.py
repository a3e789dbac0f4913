"""How many SMS segments a text costs: GSM-7 (160 characters, 153 per part) or UCS-2 (70, 67 per part).

A single character outside the GSM 03.38 alphabet (ê, ç, ’, «, an emoji…) turns the whole message into UCS-2.
Characters of the GSM-7 extension table (€ [ ] { } ~ \\ | ^ and form feed) take two septets; a part never
ends between the escape and its character. UCS-2 counts UTF-16 code units: an emoji takes two, never split.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from facts.gsm7 import GSM7_BASIC, GSM7_EXTENSION

Encoding = Literal["GSM-7", "UCS-2"]

GSM7_SINGLE = 160
GSM7_PART = 153
UCS2_SINGLE = 70
UCS2_PART = 67
MAX_SEGMENTS = 2
"""Every bot message sent by SMS fits in this many segments (Twilio recommends at most 320 GSM-7 characters)."""


@dataclass(frozen=True)
class SegmentCount:
    """The cost of one message: its encoding, its length in septets or UTF-16 units, and its segments."""

    encoding: Encoding
    units: int
    segments: int

    @property
    def fits(self) -> bool:
        """Whether the message fits the SMS budget of the bot."""
        return self.segments <= MAX_SEGMENTS


def is_gsm7(text: str) -> bool:
    """Whether every character of ``text`` is in the GSM-7 alphabet (basic or extension table)."""
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def non_gsm7_characters(text: str) -> list[str]:
    """The distinct characters that force UCS-2, in order of appearance (for lint reports)."""
    seen: list[str] = []
    for char in text:
        if char not in GSM7_BASIC and char not in GSM7_EXTENSION and char not in seen:
            seen.append(char)
    return seen


def _pack(sizes: list[int], single: int, part: int) -> int:
    """Segments needed for characters of ``sizes`` units each, never splitting one character across parts."""
    total = sum(sizes)
    if total == 0:
        return 1
    if total <= single:
        return 1
    segments, used = 1, 0
    for size in sizes:
        if used + size > part:
            segments += 1
            used = 0
        used += size
    return segments


def count_segments(text: str) -> SegmentCount:
    """The encoding Twilio will use for ``text`` (without smart encoding) and how many segments it costs."""
    if is_gsm7(text):
        sizes = [2 if char in GSM7_EXTENSION else 1 for char in text]
        return SegmentCount("GSM-7", sum(sizes), _pack(sizes, GSM7_SINGLE, GSM7_PART))
    sizes = [2 if ord(char) > 0xFFFF else 1 for char in text]
    return SegmentCount("UCS-2", sum(sizes), _pack(sizes, UCS2_SINGLE, UCS2_PART))
