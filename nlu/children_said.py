"""How residents tell their children beyond a count and ages, rewritten for the children reader (pure).

Texts are folded, apostrophes as spaces, number words already digits. Each rewrite keeps what the bilan needs:
- children who left (« mon aîné a 20 ans, il vit plus chez nous, les autres ont 16 et 9 ans ») are left out, and
  so is the total that counted them (« j'en ai 4 mais deux sont partis, il me reste les jumeaux »);
- a list corrected in the same message (« 5 et 7 ans, enfin non pardon 5 et 8 ans ») keeps the corrected list;
- an age to come (« il aura 7 ans en mars ») is the age now, unless the message already said the ages;
- « j'en ai deux » is « 2 enfants »; a baby in weeks or days is 0 years old; « moins de 10 ans » and « et demi »
  are no ages.
"""

from __future__ import annotations

import re
from typing import Final

from nlu.restated import meant
from nlu.text import has_any, padded, phrases

GONE: Final = phrases(
    "ne vivent plus", "ne vit plus", "vivent plus", "vit plus", "ont quitte", "a quitte la maison", "sont partis",
    "sont parties", "plus a charge", "plus a ma charge", "plus a notre charge", "ils sont grands",
    "elles sont grandes", "sont majeurs et partis", "ont leur vie", "ont leur appartement", "plus chez moi",
    "plus chez nous", "plus a la maison", "a l armee", "fait sa vie", "font leur vie", "est parti de la maison",
    "est partie de la maison", "vit chez son pere", "vit chez sa mere", "vit en appartement", "vit avec sa copine",
    "vit avec son copain", "est marie", "est mariee", "sont maries", "parti vivre", "partie vivre", "partis vivre",
    "parties vivre", "sont adultes", "ils travaillent", "elles travaillent", "ont grandi", "plus maintenant",
)
"""Words that say a child left the household (« il est parti » alone may be the other parent)."""
STILL_HOME: Final = phrases(
    "il me reste", "il en reste", "me reste", "les autres", "l autre", "encore a la maison", "encore chez moi",
    "toujours a la maison", "toujours chez moi", "encore chez nous", "vit encore", "vivent encore", "a la maison",
    "avec moi", "chez moi toute", "avec nous",
)
_CLAUSE = re.compile(r"\s*(?:[,;.!?:]|\bmais\b|\bet\b(?= (?:les autres|l autre|il me reste|mon|ma|le|la|les) ))\s*")
_TOTAL_ONLY = re.compile(r"^\s*(?:j ai|on a|nous avons|oui)?\s*\d+\s*enfants?\s*$")
_CORRECTION = re.compile(
    r"\b(?:enfin non(?: pardon)?|non pardon|non attendez|non attends|attendez|je me suis trompee?|je me trompe|"
    r"je veux dire|pardon|en fait non|non en fait|plutot)\b"
)
_AGES = re.compile(r"\b\d{1,2}\b(?= ?(?:ans?|mois|,| et|$))")
_COMING = re.compile(
    r"\b(?:il |elle |qui )?(?:aura|va avoir|vont avoir|auront|fera|va feter|fetera) (\d{1,2}) ans\b"
    r"(?: (?:au mois de|en|le mois prochain|dans)(?: [a-z]+)?(?: prochain)?)?")
_COUNT_PRONOUN = re.compile(r"\b(?:j en ai|on en a|nous en avons|j en ai eu|en ai) (\d{1,2})\b")
_WEEKS = re.compile(r"\b(?:de|a) (\d{1,2}) (?:semaines?|jours?)\b")
_NOT_AN_AGE = re.compile(
    r"\b(?:moins|plus) de \d{1,2} ans\b|\bet demi(?:e)?\b|\b(?:tous|toutes) les (?:\d|deux|trois|quatre|cinq)\b"
    r"|\b(?:quand|lorsqu) (?:il|elle) "
    r"etait (?:bebe|petite?)\b|\b(?:dans|depuis|il y a) \d{1,2} (?:jours?|semaines?|mois|ans)\b")
_YEARS_AND_MONTHS = re.compile(r"\bans et \d{1,2} mois\b")
_MOIS_TYPO = re.compile(r"(?<=\d) moi\b")


def _without_the_gone(text: str) -> str:
    """The clauses about children still at home (see the module docstring); the text itself when none is gone."""
    if not has_any(padded(text), GONE):
        return text
    clauses = [clause for clause in _CLAUSE.split(text) if clause.strip()]
    kept = [clause for clause in clauses if not has_any(padded(clause), GONE)]
    if any(has_any(padded(clause), STILL_HOME) for clause in kept):
        kept = [clause for clause in kept if not _TOTAL_ONLY.match(clause)]
    return " , ".join(kept)


def _corrected(text: str) -> str:
    """« 5 et 7 ans, enfin non pardon 5 et 8 ans »: the list after the last correction replaces the one before."""
    found = [match for match in _CORRECTION.finditer(text) if len(_AGES.findall(text[match.end():])) >= 2]
    if not found:
        return text
    before, after = text[: found[-1].start()], text[found[-1].end():]
    head = re.split(r"\b\d{1,2} ?(?:ans?|mois|,| et)", before, maxsplit=1)[0]
    return f"{head} {after}"


def _coming(text: str) -> str:
    """« il aura 7 ans en mars » is 6 now; dropped when the ages were said before it (« 2 et 6 ans, le 2e va avoir
    7 ans dans une semaine »)."""
    def now(match: re.Match[str]) -> str:
        said_before = _AGES.search(text[: match.start()]) is not None
        return " " if said_before else f" {int(match.group(1)) - 1} ans "
    return _COMING.sub(now, text)


def as_children_said(text: str) -> str:
    """The rewrites above, in order (the text folded, apostrophes as spaces, number words digits)."""
    text = _MOIS_TYPO.sub(" mois", text)
    text = _COUNT_PRONOUN.sub(r"\1 enfants", text)
    text = _WEEKS.sub(" 0 mois", text)
    text = _coming(_NOT_AN_AGE.sub(" ", text))
    text = _YEARS_AND_MONTHS.sub(" ans ", meant(_corrected(text)))
    return _without_the_gone(text)
