"""Living alone or as a couple (married, pacsé, cohabiting) from everyday and SMS French."""

from __future__ import annotations

from enum import Enum

from nlu.replies import is_dont_know_text, read_yes_no
from nlu.text import fold, has_any, padded, phrases

# --- Couple -----------------------------------------------------------------------------------------------------


class CoupleStatus(str, Enum):
    """How the resident lives: alone, or in a couple (married, in a PACS, living together, unspecified)."""

    SINGLE = "single"
    MARRIED = "married"
    PACS = "pacs"
    COHABITING = "cohabiting"
    COUPLE = "couple"
    """In a couple, form of union not said ("oui", "en couple", "avec mon copain")."""

    @property
    def in_couple(self) -> bool:
        return self is not CoupleStatus.SINGLE


# fmt: off
_SINGLE = phrases(
    "seul", "seule", "seuls", "celibataire", "celib", "celibatere", "divorce", "divorcee", "separe", "separee",
    "veuf", "veuve", "solo", "pas en couple", "plus en couple", "isole", "isolee", "parent isole", "mere isolee",
    "pere isole", "pas de conjoint", "pas de compagnon", "pas de compagne", "personne", "en instance de divorce",
    "maman solo", "papa solo", "celibat", "pas de copain", "pas de copine", "sans conjoint", "on s est separes",
    "je suis seul", "je suis seule", "je vis seul", "je vis seule", "toute seule", "tout seul",
)
# fmt: on
# fmt: off
_NOT_A_COUPLE = phrases(
    "pas en couple", "plus en couple", "ne suis pas en couple", "ne suis plus en couple", "suis pas en couple",
    "suis plus en couple", "ne vis pas en couple", "vis pas en couple", "ne vivons plus ensemble",
    "vivons plus ensemble", "vit plus ensemble", "plus ensemble", "pas de conjoint", "pas de compagnon",
    "pas de compagne", "sans conjoint", "sans compagnon", "sans compagne", "pas de copain", "pas de copine",
    "pas de mari", "pas de femme", "ni conjoint", "ni mari",
)
# fmt: on
# fmt: off
_ENDED = phrases(
    "divorce", "divorcee", "divorces", "divorcees", "separe", "separee", "separes", "separees", "veuf", "veuve",
    "veuvage", "celibataire", "decede", "decedee", "est decede", "est decedee", "mort", "morte", "est mort",
    "est morte", "nous a quitte", "nous a quittes", "m a quitte", "m a quittee", "est parti", "est partie",
    "on s est quitte", "on s est quittes", "on s est separe", "on s est separes", "rupture", "perdu mon mari",
    "perdu ma femme", "perdu mon epoux", "perdu mon epouse", "perdu mon conjoint", "perdu ma conjointe", "disparu",
    "disparue", "en instance de divorce", "plus avec", "quitte mon mari", "quitte ma femme", "quitte mon copain",
    "quitte ma copine", "plus maintenant", "plus depuis", "chacun chez soi", "chacun chez nous",
)
# fmt: on
_NOT_SINGLE = phrases("pas seul", "pas seule", "plus seul", "plus seule", "pas celibataire", "plus celibataire")
_PACS = phrases("pacse", "pacsee", "pacses", "pacsees", "pacs", "pacser", "pacsé", "pacsés", "paxe", "paxee")
# fmt: off
_MARRIED = phrases(
    "marie", "mariee", "maries", "mariees", "epoux", "epouse", "mon mari", "ma femme", "mariage", "mari",
)
# fmt: on
# fmt: off
_NOT_MARRIED = phrases(
    "pas marie", "pas mariee", "pas maries", "pas mariees", "non marie", "non maries", "non mariee", "sans etre marie",
    "sans etre maries", "sans etre mariee", "pas pacse", "pas pacses", "pas pacsee", "ni pacse", "ni marie",
    "ni pacses", "ni maries", "pas de pacs", "sans pacs", "ni mariage", "pas de mariage",
)
# fmt: on
# fmt: off
_COHABITING = phrases(
    "concubin", "concubine", "concubinage", "union libre", "vie maritale", "en menage", "cohabitation",
    "vivons ensemble", "on vit ensemble", "vit ensemble", "vivre ensemble",
)
# fmt: on
# fmt: off
_COUPLE = phrases(
    "en couple", "couple", "mon copain", "ma copine", "mon conjoint", "ma conjointe", "compagnon", "compagne",
    "mon ami", "mon amie", "mon cheri", "ma cherie", "partenaire", "mon chum", "ma blonde", "mon homme",
    "avec quelqu un", "pas seule", "pas seul", "avec mon ami", "avec ma chérie", "mon mec", "ma meuf",
)
# fmt: on


def read_couple(text: str) -> CoupleStatus | None:
    """Read how the resident lives: "je vis seule" → SINGLE, "pacsé" → PACS, "en couple mais pas mariés" →
    COHABITING, "mariée" → MARRIED, "en couple" → COUPLE; a bare yes/no answers "vivez-vous en couple ?"."""
    folded = fold(text)
    if not folded or is_dont_know_text(folded):
        return None
    spaced = padded(folded)
    not_married = has_any(spaced, _NOT_MARRIED)
    not_single = has_any(spaced, _NOT_SINGLE)
    if not_married:
        for phrase in _NOT_MARRIED:
            spaced = spaced.replace(f" {phrase} ", " ")
    # « pas en couple », « depuis que ma femme est partie », « mon mari est décédé »: single, even if the
    # sentence names a partner or a marriage.
    if has_any(spaced, _NOT_A_COUPLE) or has_any(spaced, _ENDED):
        return CoupleStatus.SINGLE
    if has_any(spaced, _PACS):
        return CoupleStatus.PACS
    if has_any(spaced, _MARRIED):
        return CoupleStatus.MARRIED
    if has_any(spaced, _COHABITING) or (not_married and (has_any(spaced, _COUPLE) or not_single)):
        return CoupleStatus.COHABITING
    if not_single or has_any(spaced, _COUPLE):
        return CoupleStatus.COUPLE
    if has_any(spaced, _SINGLE):
        return CoupleStatus.SINGLE
    yes_no = read_yes_no(folded)
    if yes_no is None:
        return None
    return CoupleStatus.COUPLE if yes_no else CoupleStatus.SINGLE
