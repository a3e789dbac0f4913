"""Corrections: which answer of the bilan a correction is about, and its new value when it gives one (pure).

"non en fait j'ai 3 enfants" during the housing question is about the children and says 3; "je me suis trompé sur
le loyer" names the rent only; "je me suis trompé" alone is about the question answered just before. Used by
action_correction (the NLU recognised a correction) and by the form's validation (an answer unreadable for the
question asked that reads as a correction of another one).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk.events import EventType, SlotSet

from bot.actions.plan import BILAN_SLOTS, DEPENDENT_SLOTS, UNKNOWN_MARKER, previous_answered
from bot.actions.readings import read_slot
from nlu.answers import correction_target
from nlu.text import fold, has_any, padded, phrases

SLOT_TOPICS: dict[str, str] = {
    "depcom": "commune", "age": "age", "couple": "couple", "partner_age": "couple", "children": "children",
    "child_ages": "children", "housing": "housing", "rent": "rent", "activity": "activity", "income": "income",
    "partner_situation": "income", "partner_income": "income", "pension": "income", "disability": "disability",
    "savings": "savings",
}
"""Bilan slot → the topic nlu.answers.correction_target names when a correction is about it (the first slot of a
topic is the one corrected; bot.actions.anytime refines it for the partner)."""

_MARKERS = phrases(
    "non", "nan", "en fait", "enfait", "pardon", "attendez", "oups", "erreur", "finalement", "plutot", "trompe",
    "trompee", "gourre", "je voulais dire", "je corrige", "correction", "c est faux", "c etait faux",
)
"""Words that make an answer a correction even when the NLU did not say so."""

# fmt: off
_CORRECTION_WORDS = phrases(
    "non", "nan", "en fait", "enfait", "pardon", "attendez", "attends", "attend", "oups", "erreur", "finalement",
    "plutot", "je me suis trompe", "je me suis trompee", "je me suis trompe sur", "je me suis trompee sur",
    "je me suis gourre", "je me suis gouree", "je me suis gouree sur", "je me suis gourre sur", "j ai fait une erreur",
    "je voulais dire", "je corrige", "correction", "c est faux", "c etait faux", "pas ca", "mauvaise reponse",
    "sur", "le", "la", "les", "l", "mon", "ma", "mes",
)
# fmt: on
_PARTNER_WORDS = phrases(
    "conjoint", "conjointe", "mari", "femme", "compagnon", "compagne", "copain", "copine", "epoux", "epouse",
    "partenaire", "concubin", "concubine",
)


def corrected_text(text: str) -> str:
    """The correction without its correcting words ("non en fait j'ai 3 enfants" → "j ai 3 enfants")."""
    spaced = padded(fold(text))
    for phrase in sorted(_CORRECTION_WORDS, key=len, reverse=True):
        spaced = spaced.replace(f" {phrase} ", " ")
    return " ".join(spaced.split())


def corrected_slot(text: str, answers: dict[str, Any], requested: str | None) -> str | None:
    """The bilan slot a correction is about: its topic (the partner's when the partner is named), else the
    question answered just before the one asked."""
    topic = correction_target(text)
    slots = [name for name, slot_topic in SLOT_TOPICS.items() if slot_topic == topic]
    if not slots:
        return previous_answered(answers, requested)
    if has_any(padded(fold(text)), _PARTNER_WORDS):
        partner = [name for name in slots if name.startswith("partner_")]
        slots = partner or slots
    asked = [name for name in slots if answers.get(name) is not None or name == requested]
    return (asked or slots)[0]


def correction_events(
    text: str, requested: str | None, answers: dict[str, Any], today: date
) -> tuple[list[EventType], str]:
    """Events and the response for a correction, given the slot being asked (if any) and the bilan's answers.

    - the correction says the new value ("non en fait j'ai 3 enfants"): keep it for the slot it is about;
    - it only names the question ("je me suis trompé sur le loyer"): forget that answer, so the form asks again;
    - the slot corrected is not the one being asked: the text the form extracted for the current question is
      forgotten too, and the form asks it again afterwards;
    - after the bilan, about nothing the bilan asked: forget every answer and ask again.
    """
    slot = corrected_slot(text, answers, requested)
    if slot is None:
        if requested is not None:
            return [], "utter_correction_noted"
        return [SlotSet(name, None) for name in BILAN_SLOTS], "utter_correction_restart"
    events: list[EventType] = []
    if requested is not None and slot != requested:
        events.append(SlotSet(requested, None))
    if slot == requested:
        return [SlotSet(slot, corrected_text(text) or None)], "utter_correction_noted"
    reading = read_slot(slot, corrected_text(text), today=today)
    if reading.understood and reading.values.get(slot) != UNKNOWN_MARKER:
        events += [SlotSet(name, value) for name, value in reading.values.items()]
        events += [SlotSet(name, None) for name in DEPENDENT_SLOTS.get(slot, ()) if name not in reading.values]
    else:
        events.append(SlotSet(slot, None))
    return events, "utter_correction_noted"




def implicit_correction(text: str, requested: str, answers: dict[str, Any], today: date) -> dict[str, Any]:
    """For an answer unreadable for the question asked: the slots it corrects with a new value, if it is a
    correction of another answer that says its new value ("non en fait j'ai 3 enfants"); else nothing."""
    if not has_any(padded(fold(text)), _MARKERS):
        return {}
    slot = corrected_slot(text, answers, requested)
    if slot is None or slot == requested or answers.get(slot) is None:
        return {}
    events, _ = correction_events(text, requested, answers, today)
    values = {event["name"]: event["value"] for event in events}
    return values if values.get(slot) is not None else {}
