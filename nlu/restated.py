"""Answers that restate themselves: a correction inside one message, and parts to add up (pure).

Residents correct a slip in the same message (« 950 non 590 », « 38 pas 36 », « 1200 enfin 1100 », « pas 36
mais 38 ») or give a total in parts (« 520 + 40 de charges »). The readers of numbers read what these functions
leave: the value the resident finally meant. Texts are folded and their number words already digits.
"""

from __future__ import annotations

import re
from typing import Final

_NUMBER: Final = r"\d[\d.,]*(?: \d{3})*"
_UNIT: Final = r"(?:\s*(?:ans?|€|e|eur|euros?|balles|mois|k))?(?:\s*(?:par mois|/ ?mois|net|nets))?"
_CORRECTOR: Final = (
    r"(?:(?:ah |oh |euh |heu )?(?:non|nan|pardon|enfin|plutot|ou plutot|je veux dire|je voulais dire|oups|"
    r"en fait|enfait|correction|je me suis trompe|je me suis trompee|je me trompe|euh|heu|attendez|attends)"
    r"(?:\s*,?\s*(?:non|pardon|plutot|en fait|c['\s]?est|je veux dire|attendez|attends|euh))*)"
)
_REPLACED: Final = re.compile(
    rf"{_NUMBER}{_UNIT}(?: (?:dessus|de cote|sur le compte|par mois|de loyer|ans))?\s*[,.!;-]*\s*{_CORRECTOR}"
    r"\s*[,.!:;-]*\s*(?=\d)")
"""« 950 non 590 »: what stands before the corrector is dropped, the number after it is the answer."""
_DENIED_AFTER: Final = re.compile(
    rf"({_NUMBER}{_UNIT})\s*[,;-]*\s*(?:et )?(?:pas|et non pas|non pas)\s+{_NUMBER}{_UNIT}"
)
"""« 38 pas 36 »: the number after « pas » is the one denied."""
_DENIED_BEFORE: Final = re.compile(rf"\b(?:pas|non pas)\s+{_NUMBER}{_UNIT}\s*[,;-]*\s*(?:mais|c est|plutot)\s+(?=\d)")
"""« pas 36 mais 38 »."""
_WHOLE: Final = r"(?<![\d.,])(\d{1,3}(?: \d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?)"
"""A number with its thousands apart (« 1 150 ») taken whole, so that « 1 150 + 80 » is 1 230, not « 1 230 » by luck."""
_SUM: Final = re.compile(
    rf"{_WHOLE}\s*(?:€|e|eur|euros?)?\s*(?:net\s*)?(?:\+|plus)\s*(\d+(?:,\d{{1,2}})?)(?![\d.,])"
)


_WITH_CHARGES: Final = re.compile(
    r"(?<![\d.,])(\d+(?:,\d{1,2})?)\s*(?:€|e|eur|euros?)?\s*(?:de loyer\s*)?(?:et|avec)\s*(\d+(?:,\d{1,2})?)\s*"
    r"(?:€|e|eur|euros?)?\s*(?:de\s+|d\s+)?charges"
)
"""« 500 et 50 de charges »: the rent and its charges, told as two parts."""
_EARNING: Final = (r"(?:salaire|paie|paye|primes?(?! d.activite)|heures sup\w*|pension|retraite|chomage|are|"
                   r"indemnites?|pourboires|complementaire|complement de salaire|treizieme mois)")
_LABELLED_PARTS: Final = re.compile(
    rf"(?<![\d.,])(\d+(?:,\d{{1,2}})?)\s*(?:€|e|eur|euros?)?\s*(?:de|d)\s+{_EARNING}\s*(?:,|et|plus)\s*"
    rf"(?:(?:j ai|je touche|il y a|avec)\s+)?(\d+(?:,\d{{1,2}})?)\s*(?:€|e|eur|euros?)?\s*(?:de|d)\s+{_EARNING}"
)
"""« 1200 de salaire et 200 de prime »: two earnings, named, make one total (an aid such as the prime d'activité
is never added: the question leaves aids out)."""
_PAID_BY_AID: Final = re.compile(
    r"(?<![\d.,])(\d+(?:,\d{1,2})?)\s*(?:€|e|eur|euros?)?\s*,?\s*(?:mais|dont)\s+(?:la caf|les apl|l apl|la msa|"
    r"l aide au logement)\s+(?:en )?(?:paie|paye|paient|payent|prend|prennent|verse|versent|rembourse)?\s*\d+.*$"
)
"""« 450 mais la CAF en paie 200 »: the rent is the first number (the engine computes the housing aid itself)."""
_HALF: Final = re.compile(r"\b(?:la )?moitie (?:de|d|du loyer de)\s*(\d+(?:,\d{1,2})?)")
"""« la moitié de 900 »: half of it."""


def meant(text: str) -> str:
    """The message with its inline corrections applied (the denied numbers removed)."""
    previous = None
    while previous != text:
        previous = text
        text = _DENIED_BEFORE.sub("", text)
        text = _DENIED_AFTER.sub(r"\1", text)
        text = _REPLACED.sub("", text, count=1)
    return text


def _number(value: str) -> float:
    return float(value.replace(" ", "").replace(",", "."))


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}"


def added_up(text: str) -> str:
    """« 520 + 40 de charges » → « 560 de charges »: parts joined by « + » or « plus » become their total; so do two
    named earnings (« 1200 de salaire et 200 de prime »); « la moitié de 900 » is 450."""
    text = _WITH_CHARGES.sub(lambda m: f"{_format(_number(m.group(1)) + _number(m.group(2)))} charges", text)
    text = _LABELLED_PARTS.sub(lambda m: _format(_number(m.group(1)) + _number(m.group(2))), text)
    text = _HALF.sub(lambda m: _format(_number(m.group(1)) / 2), text)
    text = _PAID_BY_AID.sub(lambda m: m.group(1), text)
    previous = None
    while previous != text:
        previous = text
        text = _SUM.sub(lambda m: _format(_number(m.group(1)) + _number(m.group(2))), text, count=1)
    return text
