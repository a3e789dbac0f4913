"""Opt-out and opt-in keywords: one word, any case, accents and surrounding spaces ignored.

STOP must work whatever else is going on in the conversation, so keywords are read before anything reaches the bot.
The list is Twilio's (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) plus the French ARRET / ARRÊT; START and
UNSTOP subscribe again. EFFACER / OUBLIER ask for the right to be forgotten: the person's conversations and
callbacks are erased (api/privacy/forget.py).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

OPT_OUT_WORDS = frozenset({"STOP", "STOPALL", "ARRET", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
OPT_IN_WORDS = frozenset({"START", "UNSTOP"})
FORGET_WORDS = frozenset({"EFFACER", "OUBLIER"})

# A keyword may be followed by a full stop or an exclamation mark ("Stop." / "STOP !"); nothing else.
_KEYWORD = re.compile(r"^\s*([^\W\d_]+)\s*[.!]?\s*$")


class Keyword(StrEnum):
    """What a keyword message asks for."""

    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    FORGET = "forget"


def _plain_upper(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).upper()


def keyword(text: str) -> Keyword | None:
    """The keyword ``text`` is, if the whole message is one ("stop", " Arrêt ", "UNSTOP"); else None."""
    match = _KEYWORD.match(text)
    if match is None:
        return None
    word = _plain_upper(match.group(1))
    if word in OPT_OUT_WORDS:
        return Keyword.OPT_OUT
    if word in OPT_IN_WORDS:
        return Keyword.OPT_IN
    if word in FORGET_WORDS:
        return Keyword.FORGET
    return None
