"""A numbered reply ("2") selects the second choice the bot offered; anything else is read as for the web."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from channels.quick_replies import Interpreted, interpret

# "2", " 2 ", "2.", "2)", "n°2": a number alone, as people answer a numbered list.
_NUMBER = re.compile(r"^\s*(?:n°\s*)?(\d{1,2})\s*[.)]?\s*$", re.IGNORECASE)


def choose(text: str, offered: Sequence[Mapping[str, str]]) -> Interpreted:
    """Map a number in range to its choice's payload (the transcript keeps the title); otherwise as typed.

    A number out of range (an age, "34") is ordinary text, and so is any number when nothing is offered.
    """
    match = _NUMBER.match(text)
    if match is not None and offered:
        number = int(match.group(1))
        if 1 <= number <= len(offered):
            chosen = offered[number - 1]
            return Interpreted(to_rasa=chosen["payload"], to_transcript=chosen["title"])
    return interpret(text.strip(), offered)
