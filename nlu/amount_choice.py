"""Which amount an answer means when it holds several (pure; texts folded, number words already digits).

Residents explain their figures: « avant je payais 540, maintenant c'est 565 », « 1 720 brut mais 1 340 sur le
compte », « 700 de base plus 150 de complémentaire », « 690 + 310, donc en tout 1000 », « le loyer total fait
1 200 mais je paye seulement ma part, 400 ». Each number is judged by the words just before it (and « brut » or
« net » just after): a number said to be the conclusion (« en tout », « donc », « maintenant », « ma part »,
« en moyenne ») is the answer; a number said to be past, gross or an extreme (« avant », « brut », « les bons
mois ») is not; what remains is added up when the message names its parts (« charges », « livret », « base »,
« complémentaire »…) or says to add them, else left to the caller.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Final

from nlu.text import has_any, padded, phrases

WINDOW_WORDS: Final = 6
"""How many words before a number are read as being about it."""

_CONCLUDING = phrases(
    "au total", "en tout", "tout compris", "soit", "ca fait", "ca doit faire", "ca me fait", "donc", "au final",
    "en moyenne", "moyenne", "disons", "maintenant", "desormais", "aujourd hui", "actuellement",
    "il me reste", "il reste", "me reste", "ma part", "seulement", "sur le compte", "qui tombe", "ce qui tombe",
    "net", "a la fin", "en vrai", "finalement", "plutot", "mettons", "on va dire",
)
_AFTER_CONCLUDING = re.compile(
    r"^\s*(?:€|e|eur|euros?)?\s*(?:(?:en )?net|nets|nette|en tout|au total|de moyenne|en moyenne)\b")
_DISCARDED = phrases(
    "avant", "au debut", "auparavant", "brut", "le bail dit", "les bons mois", "les mauvais mois", "bon mois",
    "mauvais mois", "au maximum", "au mieux", "le loyer total", "total fait", "a l epoque", "j avais", "je touchais",
    "je payais", "je gagnais", "passe de", "je serais a",
    "je serai a", "sans elles", "sans les primes", "sans prime", "serait de", "c etait", "etait de", "ca etait",
)
_AFTER_DISCARDED = re.compile(
    r"^\s*(?:€|e|eur|euros?)?\s*(?:(?:en )?brut|bruts|brute|avant|par jour|la journee|par heure|de l heure|"
    r"(?:de |d['\s]?)?(?:la |l['\s]?)?"
    r"(?:prime d['\s]?activite|rsa|apl|caf|"
    r"aide au logement|allocations?|alloc))\b")
"""…or a rate per day or hour beside a monthly amount (« 1 140 par mois, soit 38 par jour »), or an aid the engine
computes itself (« 150 de prime d'activité »), which the questions leave out."""
_PARTS = phrases(
    "charges", "charge", "provisions", "livret", "livret a", "ldds", "lep", "pel", "cel", "assurance vie",
    "compte epargne", "le mien", "la mienne", "sur le sien", "base", "de base", "complementaire", "complementaires",
    "reversion", "agirc", "arrco", "agirc arrco", "carsat", "msa", "artisans", "regime general", "employeur",
    "complete", "secu", "ircantec", "cnracl", "retraite", "salaire", "prime", "primes", "pension", "boulot",
    "petit boulot",
)
_ADDING = phrases("plus", "et", "s ajoutent", "s ajoute", "ajouter", "additionner", "avec", "en plus", "complete",
                  "et puis", "puis", "a cote", "aussi", "de plus", "en supplement")
_AFTER_ADDED = re.compile(r"^\s*(?:€|e|eur|euros?)?\s*(?:de plus|en plus|en supplement|a cote|de complement)\b")
"""« ça lui rapporte 400 de plus »: a part added to the one before."""
_EXCLUDING = phrases("hors charges", "charges comprises", "charge comprise", "cc", "tout compris", "tt compris")
"""« 610 hors charges et 55 de charges » adds up; « 720 charges comprises » is one figure already."""


_OWN_QUALIFIER = re.compile(r"^\s*(?:€|e|eur|euros?)?\s*(?:en |de )?(?:net|nets|nette|brut|bruts|brute)\b")
"""« 1200 net, 1550 brut »: the « net » after a number qualifies that number, not the next one."""


def _before(text: str, start: int, previous_end: int) -> str:
    between = _OWN_QUALIFIER.sub(" ", text[previous_end:start]) if previous_end else text[:start]
    window = between.replace("+", " plus ").split()[-WINDOW_WORDS:]
    return padded(" ".join(window))


def choose(text: str, spans: Sequence[tuple[int, int]], values: Sequence[float]) -> float | None:
    """The amount meant among several numbers (their spans in `text`, their values), or None when nothing tells."""
    concluding: list[float] = []
    kept: list[int] = []
    previous_end = 0
    for index, (start, end) in enumerate(spans):
        before, after = _before(text, start, previous_end), text[end:]
        previous_end = end
        if _AFTER_DISCARDED.match(after):
            continue  # « soit 38 par jour », « donc 1 500 brut »: what follows the number says what it is
        if has_any(before, _CONCLUDING) or _AFTER_CONCLUDING.match(after):
            concluding.append(values[index])  # « l'an dernier…, il me reste 3 000 »: the conclusion wins
        elif has_any(before, _DISCARDED):
            continue
        kept.append(index)
    if concluding:
        return concluding[-1]
    if len(kept) == 1:
        return values[kept[0]]
    spaced = padded(text)
    names_parts = has_any(spaced, _PARTS) and not has_any(spaced.replace(" hors charges ", " "), _EXCLUDING)
    joined = all(has_any(_before(text, spans[i][0], spans[j][1]), _ADDING + _PARTS)
                 or _AFTER_ADDED.match(text[spans[i][1]:]) for j, i in pairwise(kept))
    if len(kept) > 1 and names_parts and (joined or has_any(spaced, phrases("additionner", "ajouter"))):
        return round(sum(values[i] for i in kept), 2)
    return None
