"""An answer of the bilan read in light of the question asked (pure, no Rasa import).

`read_slot(slot, value)` turns what the form extracted for one slot (the resident's text, or a value another action
already normalised) into the values the bilan keeps: plain numbers and enum values, UNKNOWN_MARKER for "je ne sais
pas", and the name of the domain response that explains what went wrong when the answer cannot be kept. The
readers themselves are nlu.answers.read_answer; this module only maps their results onto the bilan's slots.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from text_to_num import alpha2digit

from bot.actions.plan import PREGNANT_SLOT, RIGHTS_ENDED_SLOT, UNKNOWN_MARKER
from facts.insee import DEPCOM_PATTERN
from nlu.activity import rights_ended
from nlu.ages_said import birth_date_age, partner_age, relative_age, restated_age, tells_relative_age
from nlu.answers import UNKNOWN, read_answer
from nlu.children import MAX_CHILD_AGE, MAX_PLAUSIBLE_CHILDREN, expects_child
from nlu.disability import read_disability
from nlu.numbers import is_plausible_age
from nlu.replies import is_dont_know, read_yes_no, without_doubt
from nlu.restated import meant
from nlu.text import SHORT_ANSWER_WORDS, SHORT_NOTHING_WORDS, fold, has_any, padded, phrases, words

KIND_OF_SLOT: Final = {
    "depcom": "commune", "age": "age", "couple": "couple", "partner_age": "age", "children": "children",
    "child_ages": "child_ages", "housing": "housing", "rent": "amount", "activity": "activity", "income": "amount",
    "partner_situation": "occupation", "partner_income": "amount", "pension": "amount", "disability": "yes_no",
    "savings": "amount",
}
"""Bilan slot → the kind of question nlu.answers reads it as."""

MAX_CHOICES: Final = 4
"""Communes offered as buttons when a name is shared."""

DISABILITY_WITHOUT_RATE: Final = "yes"
"""A recognised disability whose rate the resident did not give: the api gets no rate and says what to check."""

_SKIP = phrases(
    "passer", "passe", "je passe", "on passe", "passons", "je saute", "suivant", "suivante", "question suivante",
    "je prefere ne pas repondre", "je ne veux pas repondre", "je veux pas repondre", "pas envie de repondre",
    "je prefere ne pas le dire", "je prefere pas dire", "skip",
)
_SKIP_WHATEVER_THE_LENGTH = phrases(
    "garder pour moi", "je prefere le garder", "ca me regarde",
    "question suivante", "je prefere ne pas repondre", "je ne veux pas repondre", "je veux pas repondre",
    "pas envie de repondre", "je prefere ne pas le dire", "je prefere pas dire", "passer cette question",
    "jpref pas dire", "jprefere pas dire", "je prefere pas repondre", "prefere pas repondre", "pref pas dire",
    "prefere pas dire", "prefere ne pas dire", "prefere ne pas", "jpref pas", "jprefere pas", "pref pas repondre",
    "ne pas en parler", "pas en parler", "ne pas aborder", "c est personnel", "assez personnel", "c est prive",
    "je passe cette question", "je passe mon tour",
)
"""A refusal to answer said in so many words; « je passe » inside a sentence may be « je passe par une agence »."""
_ZERO = phrases("non", "nan", "rien", "aucun", "aucune", "zero", "pas de", "pas d", "nada", "0")
_ZERO_ANYWHERE = phrases("zero", "0", "nada", "gratuit", "gratuitement", "je paie rien", "je paye rien",
                        "pas de loyer", "pas un centime", "pas un rond", "je touche rien", "je ne touche rien",
                        "aucun revenu", "pas de revenu", "pas de revenus", "aucune epargne", "pas d epargne",
                        "rien du tout", "aucun loyer", "je ne paie rien", "je ne paye rien", "pas de pension",
                        "je ne percois pas", "je ne percois rien", "pas encore de retraite", "pas de retraite",
                        "pas de chomage", "je ne touche pas")
"""Nothing said in so many words, whatever the length of the answer."""
_NO_FIRST = frozenset({"non", "nan", "nn", "aucun", "aucune", "rien"})
"""…or in a long one that starts with it (« Non, je ne perçois pas encore de retraite… »)."""
_IN_DEBT = phrases("decouvert", "a decouvert", "dettes", "des dettes", "endette", "endettee", "dans le rouge",
                   "fin de mois difficiles", "rien de cote", "a sec", "fauche", "fauchee", "surendette", "surendettee")
"""Savings told by their absence: « à découvert », « des dettes plutôt » are no savings."""
_INSEE = re.compile(DEPCOM_PATTERN)


@dataclass(frozen=True)
class Choice:
    """A commune the resident may mean: the button's title and the INSEE code it sends back."""

    title: str
    insee: str


@dataclass(frozen=True)
class Reading:
    """What the form keeps from one answer: slot values, or a problem (a response name) and maybe choices."""

    values: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None
    choices: tuple[Choice, ...] = ()
    approximate: bool = False
    """The amount of this answer was told as a guess (« je sais pas exactement, environ 900 »)."""

    @property
    def understood(self) -> bool:
        return self.problem is None


AMOUNT_BEARING: Final = frozenset({"rent", "income", "partner_income", "pension", "savings", "partner_situation"})
"""Slots whose value holds an amount (the partner's situation holds its monthly)."""


def guessed_amounts(before: Any, reading: Reading) -> list[str]:
    """The slots whose amount was told as a guess, after this reading: its amounts replace what was said of them."""
    changed = [slot for slot in reading.values if slot in AMOUNT_BEARING]
    kept = [slot for slot in before or [] if slot not in changed]
    return kept + (changed if reading.approximate else [])


def _unreadable(slot: str) -> Reading:
    return Reading(problem=f"utter_{slot}_unreadable")


def is_skip(text: str) -> bool:
    """"passer", "question suivante": the resident prefers not to answer (an optional question, or any)."""
    return has_any(padded(fold(text)), _SKIP)


def _amount(slot: str, text: str) -> Reading:
    value = read_answer("amount", text)
    if value is UNKNOWN:
        return _unreadable(slot)
    spaced = padded(fold(text))
    said = words(fold(text))
    short = len(said) <= SHORT_NOTHING_WORDS or (bool(said) and said[0] in _NO_FIRST)
    said_none = has_any(spaced, _ZERO_ANYWHERE) or (short and (read_yes_no(text) is False or has_any(spaced, _ZERO)))
    if value is None and (said_none or (slot == "savings" and has_any(spaced, _IN_DEBT))):
        return Reading({slot: 0.0})
    if value is None:
        return _unreadable(slot)
    return Reading({slot: round(float(value.monthly), 2)}, approximate=value.approximate)


def _partner_age_told(text: str, today: date) -> int | None:
    """The partner's age when the answer tells it beside other numbers (nlu.ages_said), a restated one first."""
    plain = meant(str(alpha2digit(fold(text), "fr"))).replace("'", " ")
    numbers = [int(number) for number in re.findall(r"\b\d{1,3}\b", plain)]
    if (len(numbers) < 2 and not re.search(r"\bmeme age\b", plain)) or birth_date_age(plain, today):
        return None  # one number, or a birth date: the age reader
    return restated_age(plain, numbers) or partner_age(plain)


def _age(slot: str, text: str, today: date) -> Reading:
    value = read_answer("age", text, today=today)
    if value is None or value is UNKNOWN:
        return _unreadable(slot)
    if not is_plausible_age(int(value)):
        return Reading(problem=f"utter_{slot}_out_of_range")
    return Reading({slot: float(value)})


def _commune(text: str, offered: Sequence[str]) -> Reading:
    stripped = text.strip().upper()
    if _INSEE.match(stripped) and stripped in offered:
        return Reading({"depcom": stripped})
    found = read_answer("commune", text)
    if not found:
        return _unreadable("depcom")
    choices: list[Choice] = []
    for commune in found:
        if all(choice.insee != commune.commune_insee for choice in choices):
            choices.append(Choice(commune.label, commune.commune_insee))
    if len(choices) == 1:
        return Reading({"depcom": choices[0].insee})
    return Reading(problem="utter_depcom_choose", choices=tuple(choices[:MAX_CHOICES]))


def _children(text: str, today: date) -> Reading:
    value = read_answer("children", text, today=today)
    if value is None:
        return _unreadable("children")
    if value.count > MAX_PLAUSIBLE_CHILDREN:
        return _unreadable("children")
    expecting = {PREGNANT_SLOT: True} if expects_child(text) else {}  # the question asks for a baby on the way
    if value.count and len(value.ages) >= value.count:
        # Every age told with the count ("2 enfants de 3 et 7 ans"): the ages question is not needed.
        return Reading({"children": [float(age) for age in value.ages[: value.count]], **expecting})
    return Reading({"children": float(value.count), **expecting})


def _child_ages(text: str, today: date) -> Reading:
    value = read_answer("child_ages", text, today=today)
    if not value or any(age > MAX_CHILD_AGE for age in value):
        return _unreadable("child_ages")
    return Reading({"child_ages": [float(age) for age in value]})


def _disability(text: str) -> Reading:
    rate = read_disability(text)
    if rate is None:
        return _unreadable("disability")
    return Reading({"disability": DISABILITY_WITHOUT_RATE if rate is True else float(rate)})


_OWN_PART = re.compile(
    r"\bmoi\b.*?(?=(?:[,.;!]|\bet\b|\bmais\b|\balors que\b)\s*(?:mon|ma|lui|elle|il|son|sa)\b|$)")
"""« moi je suis en arrêt mais lui il est au chômage », « il bosse en usine, 1900. Moi je travaille pas »: the
resident's own clause, from « moi » to where the partner is named again."""


def _without_own_part(text: str) -> str:
    folded = fold(text)
    left = _OWN_PART.sub(" ", folded)
    return left if left.strip() and left != folded else text


def _occupation(slot: str, text: str) -> Reading:
    """The partner's situation in one answer: {"status": an activity or None, "monthly": euros or None}; what the
    resident says of themselves in it (« moi je suis retraitée avec 900 ») is left out."""
    value = read_answer("occupation", _without_own_part(text))
    if value is None or value is UNKNOWN:
        return _unreadable(slot)
    status = value.status.value if value.status is not None else None
    return Reading({slot: {"status": status, "monthly": value.monthly}}, approximate=value.approximate)


_PARTNER_NAMED: Final = phrases("mon mari", "ma femme", "mon conjoint", "ma conjointe", "mon compagnon", "ma compagne",
                                "mon copain", "ma copine", "lui", "mon epoux", "mon epouse", "mon concubin",
                                "ma concubine")


def _own_part(text: str) -> str:
    """« mon conjoint est au chômage mais moi je suis salariée, 1 150 net, et lui il touche 800 »: when the answer
    speaks of the partner too, the resident's own clause (from « moi ») is their situation."""
    folded = fold(text)
    own = _OWN_PART.search(folded)
    if own is None or not has_any(padded(folded.replace(own.group(0), " ")), _PARTNER_NAMED):
        return text
    return own.group(0) if read_answer("activity", own.group(0)) is not None else text


def _activity(text: str) -> Reading:
    """The resident's activity, and their monthly amount when the same answer says it (« retraitée, 710 € »)."""
    text = _own_part(text)
    reading = _enum("activity", text)
    if not reading.understood:
        return reading
    ended = {RIGHTS_ENDED_SLOT: True} if reading.values["activity"] == "unemployed" and rights_ended(text) else {}
    occupation = read_answer("occupation", text)
    if occupation is not None and occupation is not UNKNOWN and occupation.monthly is not None:
        return Reading({**reading.values, "income": occupation.monthly, **ended}, approximate=occupation.approximate)
    return Reading({**reading.values, **ended})


def _enum(slot: str, text: str) -> Reading:
    value = read_answer(KIND_OF_SLOT[slot], text)
    if value is None:
        return _unreadable(slot)
    status = getattr(value, "status", value)  # an Activity carries its status
    return Reading({slot: str(status.value)})



def read_slot(slot: str, value: Any, *, today: date, offered: Sequence[str] = (), resident_age: Any = None) -> Reading:
    """Read one answer of the bilan. `offered`: INSEE codes of the communes just offered as buttons; `resident_age`:
    the resident's answer, for a partner's age told from it (« 5 ans de plus que moi »).

    A value that is not text was set by an action (a correction read it already) and is kept as it is."""
    if not isinstance(value, str):
        return Reading({slot: value})
    long_answer = len(words(fold(value))) > SHORT_ANSWER_WORDS
    refused = has_any(padded(fold(value)), _SKIP_WHATEVER_THE_LENGTH)
    if value == UNKNOWN_MARKER or refused or (is_skip(value) and not long_answer):
        return Reading({slot: UNKNOWN_MARKER})
    if is_dont_know(value):
        # « je ne sais pas exactement, environ 900 » keeps its value; « je ne sais pas » alone is unknown; in a long
        # answer the doubt may be about something else (« 35000, je connais pas le nom officiel de la commune »).
        rest = without_doubt(fold(value))
        unsure = _read(slot, rest, today, offered) if rest and (long_answer or not is_dont_know(rest)) else None
        if unsure is not None and (unsure.understood or unsure.choices):  # « 20200, je connais pas le nom »
            return unsure
        return Reading({slot: UNKNOWN_MARKER})
    if is_skip(value):  # « je passe par une agence »: a skip only when nothing else is read
        read = _read(slot, value, today, offered)
        return read if read.understood else Reading({slot: UNKNOWN_MARKER})
    told = _partner_age_told(value, today) if slot == "partner_age" else None
    if told is not None:  # « lui 41, moi 39 », « j'ai 40 ans et lui 3 ans de plus »
        return Reading({slot: float(told)}) if is_plausible_age(told) else Reading(problem=f"utter_{slot}_out_of_range")
    said = str(alpha2digit(fold(value), "fr"))
    base = int(resident_age) if isinstance(resident_age, (int, float)) else None
    relative = relative_age(said, base) if slot == "partner_age" else None
    if relative is None and slot == "partner_age" and tells_relative_age(said):
        return _unreadable(slot)  # « 5 ans de plus que moi » without the resident's age: asked as a number
    if relative is not None:
        plausible = is_plausible_age(relative)
        return Reading({slot: float(relative)}) if plausible else Reading(problem=f"utter_{slot}_out_of_range")
    return _read(slot, value, today, offered)


def _read(slot: str, value: str, today: date, offered: Sequence[str]) -> Reading:
    if slot in ("age", "partner_age"):
        return _age(slot, value, today)
    if KIND_OF_SLOT[slot] == "amount":
        return _amount(slot, value)
    if slot == "depcom":
        return _commune(value, offered)
    if slot == "children":
        return _children(value, today)
    if slot == "child_ages":
        return _child_ages(value, today)
    if slot == "disability":
        return _disability(value)
    if slot == "partner_situation":
        return _occupation(slot, value)
    if slot == "activity":
        return _activity(value)
    return _enum(slot, value)
