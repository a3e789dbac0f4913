"""One entry point per kind of question: the form validation reads an answer in light of the question asked.

`READERS[kind](text)` returns the typed value or None. `read_answer` adds the honest "je ne sais pas": it returns
`UNKNOWN` for it, so that the caller records an assumption instead of asking again. `correction_target` tells which
earlier answer a correction is about ("non en fait j'ai 3 enfants" → "children"). Pure, no Rasa import.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, Final

from nlu.communes import read_commune
from nlu.household import read_activity, read_child_ages, read_children, read_couple, read_housing
from nlu.numbers import read_age, read_amount
from nlu.occupation import read_occupation
from nlu.replies import is_dont_know, read_yes_no
from nlu.text import fold, has_any, padded, phrases, words


class Unknown(Enum):
    """The resident said they do not know ("jsp", "aucune idée"): an answer, not a failure to read one."""

    UNKNOWN = "unknown"


UNKNOWN: Final = Unknown.UNKNOWN

Reader = Callable[[str], Any]


def _age_today(text: str) -> int | None:
    return read_age(text, today=date.today())


READERS: dict[str, Reader] = {
    "age": _age_today,
    "amount": read_amount,
    "children": read_children,
    "child_ages": read_child_ages,
    "couple": read_couple,
    "activity": read_activity,
    "housing": read_housing,
    "yes_no": read_yes_no,
    "commune": read_commune,
    "occupation": read_occupation,
}
"""Kinds of question → reader. A slot of the bilan names its kind (income and rent are "amount")."""

DATED_READERS: Final[dict[str, Callable[[str, date], Any]]] = {
    "age": lambda text, today: read_age(text, today=today),
    "children": read_children,
    "child_ages": read_child_ages,
}
"""Kinds whose answer may be a birth year, read against the date the caller gives."""


def read_answer(kind: str, text: str, today: date | None = None) -> Any:
    """The value of an answer to a question of this kind, UNKNOWN for "je ne sais pas", or None if unreadable.

    `today` only matters for ages given as a birth year (tests and benchmarks pass a fixed date)."""
    value = DATED_READERS[kind](text, today) if kind in DATED_READERS and today is not None else READERS[kind](text)
    if is_dont_know(text) and (value is None or (kind not in VALUE_DESPITE_DOUBT and len(words(fold(text))) <= 5)):
        return UNKNOWN  # a long answer keeps its value: the doubt may be about something else
    return value


VALUE_DESPITE_DOUBT: Final = frozenset({"age", "amount"})
"""Kinds whose answer keeps its value when said with a doubt (« je sais pas exactement, autour de 900 »)."""


# Which earlier answer a correction is about. Topic names match the kinds above where they can; "income" and
# "rent" are both amounts. Checked in order: the first topic whose words appear wins.
# fmt: off
CORRECTION_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rent", phrases("loyer", "loyers", "apl", "charges", "le loyer", "mon loyer")),
    ("children", phrases(
        "enfant", "enfants", "enfs", "gosse", "gosses", "fils", "fille", "filles", "gamin", "gamins", "bebe",
        "garcon", "garcons", "jumeaux",
    )),
    ("disability", phrases("handicap", "handicape", "handicapee", "mdph", "invalidite", "taux d incapacite")),
    ("savings", phrases("epargne", "livret", "livret a", "economies", "economie", "de cote")),
    ("income", phrases(
        "revenu", "revenus", "salaire", "salaires", "paie", "paye", "ressources", "gagne", "touche", "net",
        "montant", "euros", "balles", "chomage touche", "pension", "retraite touche",
    )),
    ("couple", phrases(
        "couple", "marie", "mariee", "pacse", "pacsee", "celibataire", "seul", "seule", "conjoint", "conjointe",
        "copain", "copine", "mari", "femme", "divorce", "divorcee", "separe", "separee",
    )),
    ("housing", phrases(
        "logement", "locataire", "proprietaire", "proprio", "heberge", "hebergee", "hlm", "foyer", "loge",
    )),
    ("activity", phrases(
        "travail", "emploi", "chomage", "cdi", "cdd", "metier", "job", "boulot", "activite", "etudiant",
        "etudiante", "retraite", "retraitee", "situation pro",
    )),
    ("commune", phrases("commune", "ville", "code postal", "adresse", "cp", "habite", "demenage")),
    ("age", phrases("age", "ans", "an", "anniversaire", "ne en", "nee en", "naissance")),
)
# fmt: on


def correction_target(text: str) -> str | None:
    """The topic a correction is about ("je me suis trompé sur le loyer" → "rent"), or None if it does not say."""
    spaced = padded(fold(text))
    return next((topic for topic, keywords in CORRECTION_TOPICS if has_any(spaced, keywords)), None)
