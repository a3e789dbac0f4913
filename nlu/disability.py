"""A disability recognised by the MDPH, and its rate, from everyday and SMS French (pure).

« oui 80 % », « taux de 50 », « oui 80 pr100 », « entre 50 et 79 », « j'ai la RQTH, sans taux », « j'avais 50 % au
début puis 80 % au renouvellement » (the rate now), « dossier MDPH en cours » (no recognition yet), « moi non, c'est
mon fils qui a un handicap à 80 % » (someone else's disability is not the resident's).
"""

from __future__ import annotations

import re
from typing import Final

from text_to_num import alpha2digit

from nlu.replies import read_yes_no
from nlu.text import fold, has_any, padded, phrases

_TAUX: Final = re.compile(r"\btaux (?:de |d |a |:)?\s*(\d{2,3})\b")
_PERCENT: Final = re.compile(r"\b(\d{1,3})\s*(?:%|pour ?cent|pourcent|pour 100\b|pr ?100\b|pr ?cent\b|p100\b)")
_RATE_RANGE: Final = re.compile(r"\bentre (\d{2}) ?%? et (?:\d{2}) ?(?:%|pour ?cent)?")
"""« entre 50 et 79 »: the bracket's lower bound."""
_RECOGNISED: Final = phrases(
    "travailleuse handicapee", "travailleur handicape", "aah", "rqth", "mdph", "carte d invalidite",
    "carte mobilite inclusion", "cmi", "invalidite", "reconnu handicape", "reconnue handicapee",
    "pension d invalidite", "reconnu", "reconnue")
_NO_RATE_GIVEN: Final = phrases(
    "jamais donne de taux", "pas de taux", "sans taux", "pas donne de taux", "aucun taux", "jamais eu de taux",
    "connais pas le taux", "sais pas le taux", "souviens plus du taux", "souviens pas du taux", "rappelle plus du taux",
    "rappelle pas du taux", "sais plus le taux", "oublie le taux")
_BARE_RATE: Final = re.compile(r"^\W*(?:oui|ouais|yes)\W+(?:a |de |avec )?(\d{2,3})\W*$")
MDPH_PENDING: Final = phrases(
    "reponse de la mdph", "demande a la mdph", "dossier mdph", "dossier a la mdph", "demande mdph", "attends la mdph",
    "en attente de la mdph", "dossier en cours", "demande en cours")
"""A request to the MDPH waiting for its answer is no recognised disability yet."""
_CHANGED: Final = phrases("puis", "passe a", "passee a", "maintenant", "aujourd hui", "actuellement", "renouvellement",
                          "reevalue", "reevaluee", "depuis")
"""« 50 % au début puis 80 % »: the rate told last is the one now."""
_SOMEONE_ELSE: Final = re.compile(
    r"\b(?:mon|ma|mes|notre|nos) (?:fils|fille|filles|enfant|enfants|garcon|petit|petite|gamin|gamine|mari|femme|"
    r"conjoint|conjointe|compagnon|compagne|epoux|epouse)\b")
_NOT_ME: Final = phrases("moi non", "pas moi", "moi personnellement je n ai rien", "moi rien", "moi pas",
                         "mais pas moi", "moi je n ai pas", "moi j ai rien", "moi je n ai rien")

Rate = float | bool
"""A rate (80.0), True for a recognition whose rate was not told, 0.0 for none."""


def _rate(digits: str) -> float | None:
    rates = [int(found.group(1)) for found in _PERCENT.finditer(digits)]
    if len(rates) > 1 and has_any(padded(digits), _CHANGED):
        rates = rates[-1:]
    told = rates[0] if rates else None
    if told is None:
        found = _RATE_RANGE.search(digits) or _TAUX.search(digits)
        told = int(found.group(1)) if found else None
    return float(told) if told is not None and 0 < told <= 100 else None


def read_disability(text: str) -> Rate | None:
    """The resident's recognised disability: its rate, True when recognised without a rate told, 0.0 for none;
    None when the answer says neither."""
    folded = fold(text)
    spaced = padded(folded)
    if _SOMEONE_ELSE.search(folded) and has_any(spaced, _NOT_ME):
        return 0.0  # « moi non, c'est mon fils qui a un handicap reconnu à 80 % »
    rate = _rate(str(alpha2digit(folded, "fr")))
    if rate is None and has_any(spaced, MDPH_PENDING):
        return 0.0  # « dossier MDPH en cours »
    if rate is not None:
        return rate
    answer = read_yes_no(text)
    if has_any(spaced, _RECOGNISED) and (answer is None or has_any(spaced, _NO_RATE_GIVEN)):
        answer = True  # « je touche l'AAH », « j'ai la RQTH, on m'a jamais donné de taux »
    bare = _BARE_RATE.search(folded)
    if answer and bare and 10 <= int(bare.group(1)) <= 100:
        return float(bare.group(1))  # « oui, 80 »
    if answer is None:
        return None
    return True if answer else 0.0
