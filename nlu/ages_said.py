"""Ages told with more than one number (pure; texts folded, number words already digits).

« je suis née le 23 décembre 1956 » is 69 on 3 December 2026, not 70; « dans ma 83e année » is 82; « 39 ou 40…
non 39 » is 39; « j'ai 45 ans, j'habite là depuis 10 ans » is 45; « lui 41, moi 39 » gives the partner 41 and
« j'ai 40 ans et lui 3 ans de plus » gives 43. Each function returns None when its shape is not there, so that the
caller's general rules apply.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

_MONTHS: Final = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
                  "novembre", "decembre")
_WORDED_DATE: Final = re.compile(rf"\b(\d{{1,2}})(?:er)? ({'|'.join(_MONTHS)}) ((?:19|20)\d\d)\b")
_NUMERIC_DATE: Final = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b")
_ORDINAL_YEAR: Final = re.compile(r"\bdans (?:ma|sa|son) (\d{2,3}) ?(?:e|eme|ieme)? annee\b")
_FINAL: Final = re.compile(r"(?:\b(?:oui|non|donc|enfin|pardon|bon|voila|c est|plutot|pour l instant|actuellement|"
                           r"aujourd hui|en fait|attendez)\b[\s.,!]*)(\d{1,3})\b(?!.*\d)")
_OWN: Final = re.compile(r"\b(?:j ai|jai|g|moi|moi j ai|je suis age|je suis agee|j en ai)\s+(\d{1,3})\b(?! ans? de)")
_PARTNER: Final = re.compile(
    r"\b(?:il a|elle a|lui|elle|il|mon mari a|ma femme a|mon conjoint a|ma conjointe a|mon compagnon a|"
    r"ma compagne a|mon copain a|ma copine a|mon epoux a|mon epouse a|ma conjointe elle a|mon mari il a|"
    r"ma femme elle a)\s+(?:a\s+)?(\d{1,3})\b(?! ans? de (?:plus|moins))")
_RELATIVE: Final = re.compile(r"\b(\d{1,2}) ans? de (plus|moins)\b|\b(?:le )?meme age\b|\bmon age\b")
"""« il a 5 ans de plus (que moi) », « le même âge », « il a mon âge »: the partner's age from another's."""


def birth_date_age(text: str, today: date) -> int | None:
    """The age on `today` of someone born on a date told in full (« le 25/12/1966 », « le 3 mars 1985 »)."""
    found = _WORDED_DATE.search(text)
    if found:
        day, month, year = int(found.group(1)), _MONTHS.index(found.group(2)) + 1, int(found.group(3))
    else:
        numeric = _NUMERIC_DATE.search(text)
        if numeric is None:
            return None
        day, month, year = (int(numeric.group(part)) for part in (1, 2, 3))
    if not (1 <= month <= 12 and 1 <= day <= 31) or year > today.year:
        return None
    return today.year - year - (1 if (month, day) > (today.month, today.day) else 0)


def ordinal_year_age(text: str) -> int | None:
    """« dans ma 83e année »: 82 years old."""
    found = _ORDINAL_YEAR.search(text)
    return int(found.group(1)) - 1 if found else None


def restated_age(text: str, numbers: list[int]) -> int | None:
    """« 39 ou 40… non 39 », « 26 ou 27.. 27 oui », « enfin il les aura dans 2 semaines, donc pour l'instant 44 »:
    among several numbers, the last one said as the conclusion, or said again."""
    if len(numbers) < 2:
        return None
    found = _FINAL.search(text)
    if found:
        return int(found.group(1))
    if numbers[-1] in numbers[:-1]:
        return numbers[-1]
    return None


def own_age(text: str) -> int | None:
    """The resident's own age among other numbers (« j'ai 45 ans, …depuis 10 ans », « moi 34 »)."""
    found = _OWN.search(text)
    return int(found.group(1)) if found else None


def tells_relative_age(text: str) -> bool:
    """Whether the partner's age is told from another's (« 5 ans de plus que moi », « le même âge »)."""
    return _RELATIVE.search(text) is not None


def relative_age(text: str, base: int | None) -> int | None:
    """The partner's age told from `base` (the resident's): « 3 ans de plus » is base + 3, « le même âge » is base."""
    found = _RELATIVE.search(text)
    if found is None or base is None:
        return None
    if found.group(1) is None:
        return base
    return base + (1 if found.group(2) == "plus" else -1) * int(found.group(1))


def partner_age(text: str) -> int | None:
    """The partner's age told beside the resident's: « lui 41, moi 39 », « j'ai 40 ans et lui 3 ans de plus »,
    « ma copine a 28 ans, on est ensemble depuis 3 ans », « on a le même âge, 33 ans »."""
    relative = _RELATIVE.search(text)
    own = own_age(text)
    if relative and relative.group(1) is None:  # the same age: the one number said
        numbers = [int(n) for n in re.findall(r"\b\d{1,3}\b", text)]
        return numbers[0] if len(set(numbers)) == 1 else own
    if relative and own is not None:
        return relative_age(text, own)
    found = _PARTNER.search(text)
    return int(found.group(1)) if found else None
