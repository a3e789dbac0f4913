"""The bot's messages as SMS: GSM-7 typography, and quick replies as numbered choices.

Rendering never changes what a message says. Typographic characters with a plain equivalent (’ « » … – and the
French no-break spaces) are always replaced: nobody misses them on a phone and each one alone would turn the
message into 70-character UCS-2 segments. Accents that GSM-7 lacks (ê â î ô û ç ë ï) are folded only when that
saves a segment: "âge" stays "âge" in a short message. Links and amounts are kept whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from channels.rasa_client import BotMessage
from channels.sms.segments import count_segments
from facts.gsm7 import GSM7_BASIC, GSM7_EXTENSION

# Typographic characters → their GSM-7 equivalent, harmless in every context.
_TYPOGRAPHY = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'",  # ’ ‘ ‛ ʼ ′
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',  # “ ” „ ″
    "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",  # – — ‐ ‑ −
    "\u2026": "...",  # …
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u200a": " ",  # no-break and thin spaces
    "\u200b": "", "\u2060": "", "\ufeff": "",  # zero-width characters
    "\u0153": "oe", "\u0152": "OE",  # œ Œ
    "\u2022": "-", "\u00b7": "-",  # • ·
    "\t": " ",
})
# « and » with the (no-break) spaces French puts inside them.
_GUILLEMETS = re.compile(r"«\s*|\s*»")
_SPACES = re.compile(r"[ ]{2,}")


def typographic(text: str) -> str:
    """Replace typographic characters by GSM-7 equivalents and fold runs of spaces; line breaks are kept."""
    text = unicodedata.normalize("NFC", text)
    text = _GUILLEMETS.sub('"', text).translate(_TYPOGRAPHY)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def _fold_char(char: str) -> str:
    if char in GSM7_BASIC or char in GSM7_EXTENSION:
        return char
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if base and all(c in GSM7_BASIC for c in base) else char


def fold_accents(text: str) -> str:
    """Drop the accents GSM-7 lacks (ê → e, ç → c, Â → A); letters GSM-7 has (é è à ù É Ç) are kept."""
    return "".join(_fold_char(char) for char in text)


def render_for_sms(text: str) -> str:
    """The text as it is sent by SMS: GSM-7 typography; accents folded only if that costs fewer segments."""
    plain = typographic(text)
    folded = fold_accents(plain)
    if folded != plain and count_segments(folded).segments < count_segments(plain).segments:
        return folded
    return plain


def choice_prompt(first: int, last: int) -> str:
    """ "Répondez 1", "Répondez 1 ou 2", "Répondez 1, 2 ou 3" (a second list of one turn starts further on)."""
    numbers = [str(n) for n in range(first, last + 1)]
    if len(numbers) == 1:
        return f"Répondez {numbers[0]}"
    return f"Répondez {', '.join(numbers[:-1])} ou {numbers[-1]}"


@dataclass(frozen=True)
class RenderedTurn:
    """The SMS bodies of one bot turn, and the choices a numeric reply selects (1 is the first)."""

    bodies: list[str]
    choices: list[dict[str, str]]


def render_turn(replies: Sequence[BotMessage]) -> RenderedTurn:
    """Render the bot's messages of one turn; buttons become one numbered list, counted across the turn.

    Each message keeps its own SMS; a message with buttons lists them as "1. Recommencer" lines and ends with
    "Répondez 1 ou 2", so the resident answers with a number (or the title) and the choice maps back.
    """
    bodies: list[str] = []
    choices: list[dict[str, str]] = []
    for reply in replies:
        lines = [reply.text] if reply.text.strip() else []
        if reply.buttons:
            first = len(choices) + 1
            for number, button in enumerate(reply.buttons, start=first):
                lines.append(f"{number}. {button.title}")
                choices.append({"title": button.title, "payload": button.payload})
            lines.append(choice_prompt(first, len(choices)))
        body = render_for_sms("\n".join(lines))
        if body:
            bodies.append(body)
    return RenderedTurn(bodies=bodies, choices=choices)

