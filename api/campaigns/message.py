"""A campaign's SMS text: checked before anything is sent (GSM-7, at most 2 segments, how to opt out), then
personalised with the recipient's first name where the admin wrote « {prénom} »."""

from __future__ import annotations

import re
from collections.abc import Iterable

from channels.sms.segments import MAX_SEGMENTS, count_segments, non_gsm7_characters

PLACEHOLDER = "{prénom}"
_PLACEHOLDERS = re.compile(r"\{\s*pr[ée]nom\s*\}", re.IGNORECASE)
_ANY_BRACES = re.compile(r"\{[^}]*\}")
_OPT_OUT = re.compile(r"\bSTOP\b")
MAX_LENGTH = 1000


def personalise(message: str, first_name: str) -> str:
    """The text one recipient gets: « {prénom} » replaced by the first name, or dropped cleanly without one."""
    if first_name:
        return _PLACEHOLDERS.sub(first_name, message)
    # "Bonjour {prénom}, …" → "Bonjour, …": the space before the placeholder goes with it.
    return _PLACEHOLDERS.sub("", re.sub(r"[ \t]+(?=\{\s*pr[ée]nom\s*\})", "", message, flags=re.IGNORECASE))


def message_problems(message: str, first_names: Iterable[str] = ()) -> list[str]:
    """What is wrong with a campaign text, in French (empty: it can be sent), checked with the longest first name.

    The extension characters of GSM-7 (€ [ ] ~ …) are allowed and counted double, as Twilio does.
    """
    text = message.strip()
    if not text:
        return ["Le message est vide."]
    if len(text) > MAX_LENGTH:
        return [f"Le message est trop long ({len(text)} caractères)."]
    problems: list[str] = []
    unknown = [match for match in _ANY_BRACES.findall(_PLACEHOLDERS.sub("", text))]
    if unknown:
        problems.append(f"Seul {PLACEHOLDER} peut être remplacé : retirez {', '.join(sorted(set(unknown)))}.")
    outside = non_gsm7_characters(_PLACEHOLDERS.sub("", text))
    if outside:
        problems.append("Caractères hors de l'alphabet SMS (ils feraient passer le message en 70 caractères par "
                        f"SMS) : {' '.join(outside)}. Remplacez-les (ê → e, ’ → ', « » → \").")
    longest = max((name for name in first_names), key=len, default="")
    rendered = personalise(text, longest)
    count = count_segments(rendered)
    if count.segments > MAX_SEGMENTS:
        problems.append(f"Le message fait {count.segments} SMS ({count.units} caractères"
                        f"{' avec le prénom le plus long' if longest and _PLACEHOLDERS.search(text) else ''}) : "
                        f"{MAX_SEGMENTS} SMS au plus, soit 306 caractères.")
    if not _OPT_OUT.search(text):
        problems.append("Le message doit dire comment ne plus recevoir de SMS, par exemple « STOP pour ne plus "
                        "recevoir de message ».")
    return problems
