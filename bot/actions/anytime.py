"""Actions for what a resident may say at any moment: corrections and repeated misunderstandings.

The reading itself is in nlu.answers (pure, tested without Rasa); these actions only turn it into events.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.forms import SLOT_TOPICS, answers_of
from bot.actions.plan import BILAN_SLOTS, DEPENDENT_SLOTS, UNKNOWN_MARKER, previous_answered
from bot.actions.readings import read_slot
from nlu.answers import correction_target
from nlu.text import fold, has_any, padded, phrases

FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTIONS = frozenset({"action_misunderstood", "action_default_fallback"})
MISUNDERSTANDINGS_BEFORE_A_PERSON = 2
"""After this many misunderstood messages in a row, the bot offers a person instead of asking to rephrase."""


def _intent(event: dict[str, Any]) -> str | None:
    name = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
    return str(name) if name else None


def misunderstood_in_a_row(events: list[dict[str, Any]]) -> int:
    """How many user messages in a row the bot did not understand, the latest one (being answered) included.

    A message was not understood when the NLU fell back (`nlu_fallback`) or when no rule or story knew what to do
    with it (Rasa's core fallback, action_default_fallback). Raw events are read: the core fallback takes the
    message back out of the conversation, but it was still misunderstood."""
    turns: list[tuple[str | None, list[str]]] = []
    for event in events:
        if event.get("event") == "user":
            turns.append((_intent(event), []))
        elif event.get("event") == "action" and turns:
            turns[-1][1].append(str(event.get("name")))
    if not turns:
        return 0
    count = 1  # the message being answered: this action runs because it was not understood
    for intent, actions in reversed(turns[:-1]):
        if intent != FALLBACK_INTENT and not FALLBACK_ACTIONS.intersection(actions):
            break
        count += 1
    return count


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


class ActionCorrection(Action):
    """ "non en fait j'ai 3 enfants", "je me suis trompé sur le loyer": forget the answer concerned."""

    def name(self) -> str:
        return "action_correction"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        requested = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
        answers = answers_of(tracker)
        if requested is not None:
            answers[requested] = None  # the form extracted the correction's text for the question being asked
        events, response = correction_events(text, requested, answers, date.today())
        dispatcher.utter_message(response=response)
        return events


class ActionMisunderstood(Action):
    """Asks to rephrase; the second misunderstanding in a row offers a person instead."""

    def name(self) -> str:
        return "action_misunderstood"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        if misunderstood_in_a_row(tracker.events) >= MISUNDERSTANDINGS_BEFORE_A_PERSON:
            dispatcher.utter_message(response="utter_misunderstood_twice")
        else:
            dispatcher.utter_message(response="utter_default")
        return []
