"""The recap before the result: « C'est exact » or « Corriger », then which answer to correct (pure).

The recap is the form's last step, not a question of the ten: the slot `recap` is asked after the plan's questions
(bot.actions.plan), `recap_topic` only after « Corriger » without saying what. Correcting forgets the answers of the
topic, so that the form asks them again, then shows the recap again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from bot.actions.plan import plan
from bot.actions.said import TOPIC_SLOTS
from nlu.answers import correction_target
from nlu.replies import read_yes_no
from nlu.text import fold, has_any, padded, phrases

RECAP: Final = "recap"
TOPIC: Final = "recap_topic"
CONFIRMED: Final = "confirmed"
CORRECT: Final = "correct"

TOPICS: Final = ("commune", "age", "couple", "children", "housing", "rent", "activity", "income",
                 "partner_situation")
"""The answers a resident may correct, in the order of the buttons (numbered 1 to 9 by SMS)."""

_CONFIRM: Final = phrases(
    "c est exact", "exact", "c est bon", "c est juste", "c est correct", "tout est bon", "tout est juste",
    "tout est exact", "tout est correct", "parfait", "valider", "je valide", "confirme", "je confirme", "ok",
    "c est ca", "correct", "nickel", "impeccable", "rien a corriger", "tout bon",
)
_NOTHING_TO_CHANGE: Final = phrases(
    "rien a changer", "rien a corriger", "rien a modifier", "rien a rectifier", "rien a redire", "rien de faux",
    "pas de changement", "aucun changement", "pas d erreur", "aucune erreur", "pas besoin de corriger",
    "pas besoin de changer", "pas besoin de modifier", "rien a ajouter", "n a rien a changer", "il n y a rien a",
)
"""« rien à changer »: a confirmation, although it holds a word of change."""
_BUT: Final = phrases("sauf", "mais", "par contre", "excepte", "a part")
_CORRECT: Final = phrases(
    "corriger", "je corrige", "modifier", "changer", "erreur", "une erreur", "faux", "c est faux", "pas exact",
    "pas juste", "pas correct", "pas bon", "inexact", "incorrect", "trompe", "trompee", "pas ca", "rectifier",
    "pas tout a fait", "presque bon", "presque juste", "presque exact", "c est presque", "presque ca", "presque tout",
    "sauf",
)
_PARTNER: Final = phrases(
    "conjoint", "conjointe", "mari", "femme", "compagnon", "compagne", "epoux", "epouse", "partenaire", "concubin",
    "concubine", "copain", "copine",
)
_WHERE: Final = phrases("la ville", "ma ville", "la commune", "ma commune", "le code postal", "mon code postal")
_RENT: Final = phrases("loyer", "je paye pour l appart", "je paie pour l appart", "ce que je paye pour",
                       "ce que je paie pour", "je paye pour le logement", "je paie pour le logement")
_COUPLE_ITSELF: Final = phrases("en couple", "seul", "seule", "celibataire", "separe", "separee", "divorce",
                                "divorcee", "pacse", "pacsee", "marie", "mariee", "plus ensemble", "vie de couple")
_NUMBER_ALONE: Final = re.compile(r"^\s*(?:le|la|n|no|numero|num)?\s*(\d)\s*[.)]?\s*$", re.IGNORECASE)
_TOPIC_OF_CORRECTION: Final = {"savings": "savings", "disability": "disability"}


def recap_slots(answers: Mapping[str, Any]) -> list[str]:
    """The form's steps after the questions: the topic (after « Corriger » alone), then the recap."""
    return [TOPIC, RECAP] if answers.get(RECAP) == CORRECT else [RECAP]


def read_topic(text: str) -> str | None:
    """« 5 », « le logement », « corriger : le loyer », « mon mari gagne plus »: the topic to correct, or None."""
    number = _NUMBER_ALONE.match(text)
    if number:
        index = int(number.group(1))
        return TOPICS[index - 1] if 1 <= index <= len(TOPICS) else None
    spaced = padded(fold(text))
    if has_any(spaced, _WHERE):
        return "commune"  # « la ville, j'ai mis le code postal de mon travail »
    if has_any(spaced, _RENT):
        return "rent"
    if has_any(spaced, phrases("situation", "activite", "travail", "emploi")) and not has_any(spaced, _PARTNER):
        return "activity"
    topic = correction_target(text)
    if has_any(spaced, _PARTNER) and topic in (None, "income", "activity", "couple", "age"):
        # « c'est pour mon mari »: the partner's answers; « en couple », « seule »: the couple itself
        return "couple" if has_any(spaced, _COUPLE_ITSELF) else "partner_situation"
    return _TOPIC_OF_CORRECTION.get(topic or "", topic) if topic in (*TOPICS, "savings", "disability") else None


def read_recap(text: str) -> tuple[str | None, str | None]:
    """(CONFIRMED or CORRECT or None, the topic named with a correction or None)."""
    number = _NUMBER_ALONE.match(text)
    if number and number.group(1) in ("1", "2"):
        return (CONFIRMED if number.group(1) == "1" else CORRECT), None
    spaced = padded(fold(text))
    if has_any(spaced, _NOTHING_TO_CHANGE) and not has_any(spaced, _BUT):
        return CONFIRMED, None
    wants_change = has_any(spaced, _CORRECT) or read_yes_no(text) is False
    if wants_change:
        return CORRECT, read_topic(text)
    if has_any(spaced, _CONFIRM) or read_yes_no(text) is True:
        return CONFIRMED, None
    topic = read_topic(text)
    return (CORRECT, topic) if topic else (None, None)


def recap_answer(slot: str, text: str, answers: Mapping[str, Any]) -> dict[str, Any] | None:
    """The slots an answer at the recap (RECAP) or to « quelle réponse corriger ? » (TOPIC) sets: the recap
    confirmed, a correction waiting for its topic, or the topic's answers forgotten; None when unreadable."""
    if slot == TOPIC:
        topic = read_topic(text)
        return None if topic is None else forgotten(topic, answers)
    decision, topic = read_recap(text)
    if decision is None:
        return None
    if decision == CORRECT and topic is not None:
        return forgotten(topic, answers)
    return {RECAP: decision, TOPIC: None}


def forgotten(topic: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers of `topic` to ask again (the rent of an owner is their housing), and the recap to show again."""
    asked = set(plan(answers))
    slots = [slot for slot in TOPIC_SLOTS.get(topic, ()) if slot in asked]
    if not slots and topic == "rent":
        slots = ["housing"]
    return {**{slot: None for slot in slots}, RECAP: None, TOPIC: None}
