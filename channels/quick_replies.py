"""Quick replies: what a chosen button sends to Rasa, and what the transcript shows.

A resident's free text must never be read as a Rasa command ("/intent{...}" sets intents and slots), so only the
payloads of the buttons currently offered reach Rasa as commands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Interpreted:
    """What goes to Rasa and what the transcript keeps (the button's title rather than its payload)."""

    to_rasa: str
    to_transcript: str


def interpret(text: str, offered: Sequence[Mapping[str, str]]) -> Interpreted:
    """Map a chosen payload (or a button title typed back) to its payload; neutralise any other command."""
    for button in offered:
        if text == button["payload"] or text.casefold() == button["title"].casefold():
            return Interpreted(to_rasa=button["payload"], to_transcript=button["title"])
    if text.startswith("/"):
        return Interpreted(to_rasa=text.lstrip("/").strip() or "?", to_transcript=text)
    return Interpreted(to_rasa=text, to_transcript=text)
