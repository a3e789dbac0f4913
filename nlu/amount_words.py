"""Amounts as residents type them, made digits (pure; texts folded).

« 55O » (a letter O), « 4 cent », « mille deux » (1 200), « 1k2 », « 20 mille », « une cinquantaine d'euros »,
« pa 1 rond », « retraité depuis 2019 » (a year, not an amount): rewritten before nlu.numbers reads the amount.
"""

from __future__ import annotations

import re
from typing import Final

from text_to_num import alpha2digit

_DIGIT_THEN_MILLE = re.compile(r"(\d)\s*(?:mille|milles|mil|milliers)\b")
_ROUGH_COUNTS: Final = {"dizaine": 10, "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50,
                        "soixantaine": 60, "centaine": 100}
_ROUGH = re.compile(rf"\b(?:une |un )?({'|'.join(_ROUGH_COUNTS)})s?(?: de\b| d['\s]?)?")
"""« une cinquantaine d'euros » is about 50, « une vingtaine de jours » about 20, « une vingtaine de milliers » about
20 000 (the age reader reads « la cinquantaine » as an age: amounts only here)."""
_NOT_ONE = re.compile(r"\bpas? 1 (rond|centime|sou|euro|kopeck)\b")
"""« pa 1 rond », « pas 1 centime »: nothing, typed with a digit."""
_YEAR_SAID: Final = re.compile(
    r"\b(?:depuis|en|de|fin|debut|annee|jusqu en)\s+(?:19[5-9]\d|20[0-3]\d)\b"
    r"(?!\s*(?:€|e\b|eur\b|euros?\b|balles\b|par mois))")
"""« retraité depuis 2019 », « ma retraite c'est en 2028 »: a year, not an amount."""
_MILLE_HUNDREDS = re.compile(r"\bmille (deux|trois|quatre|cinq|six|sept|huit|neuf)\b(?! cents?\b| mille\b|\s*\d)")
"""« mille deux » said for 1 200 (hundreds left unsaid), as residents speak."""
_K_THEN_DIGIT = re.compile(r"\b(\d)k(\d)\b")
"""« 1k2 » is 1 200."""
_HUNDREDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9}


_LETTER_O_FOR_ZERO = re.compile(r"(?<=\d)[o](?=[o\d]|\b)")
"""« 55O »: a letter O typed for a zero after digits."""
_DIGIT_CENT = re.compile(r"\b(\d) ?cents?\b")
"""« 4 cent » is 400 (text2num would read « 4 100 »)."""


def _hundreds(match: re.Match[str]) -> str:
    return str(1000 + 100 * _HUNDREDS[match.group(1)])




def typed_digits(folded: str) -> str:
    """« 55O » → 550, « 4 cent » → 400, « pa 1 rond » → « pas un rond »."""
    typed = _DIGIT_CENT.sub(r"\g<1>00", _LETTER_O_FOR_ZERO.sub("0", _LETTER_O_FOR_ZERO.sub("0", folded)))
    return _NOT_ONE.sub(r"pas un \1", typed)


def rough_numbers(folded: str) -> tuple[str, bool]:
    """« une vingtaine de jours » → « 20 jours », and whether such a rough number was said (the amount is then a
    guess)."""
    if _ROUGH.search(folded) is None:
        return folded, False
    return re.sub(r"\s+", " ", _ROUGH.sub(lambda m: f"{_ROUGH_COUNTS[m.group(1)]} ", folded)), True


def as_digits(folded: str) -> str:
    """Number words as digits (text2num), thousands as « k », years and « pas 1 rond » out of the way."""
    folded = _YEAR_SAID.sub(" ", folded)
    prepared = _DIGIT_THEN_MILLE.sub(r"\1k", _K_THEN_DIGIT.sub(r"\1.\2k", _MILLE_HUNDREDS.sub(_hundreds, folded)))
    return _DIGIT_THEN_MILLE.sub(r"\1k", str(alpha2digit(prepared, "fr")))
