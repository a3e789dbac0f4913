"""Actions for what a resident may say at any moment: corrections and repeated misunderstandings.

The reading itself is in nlu.answers and bot.actions.corrections (pure, tested without Rasa); these actions only
turn it into events.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.corrections import correction_events
from bot.actions.forms import answers_of
from bot.actions.recap import CONFIRMED, CORRECT, RECAP, TOPIC, recap_answer

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
        if requested in (RECAP, TOPIC):
            # « Corriger », « non, le loyer est faux » at the recap: which answer, then that question again.
            values = recap_answer(requested, text, answers)
            if values is None or values.get(RECAP) in (CONFIRMED, CORRECT):
                values = {RECAP: CORRECT, TOPIC: None}
            return [SlotSet(slot, value) for slot, value in values.items()]
        if requested is not None:
            answers[requested] = None  # the form extracted the correction's text for the question being asked
        events, response = correction_events(text, requested, answers, date.today())
        dispatcher.utter_message(response=response)
        return [*events, SlotSet(RECAP, None), SlotSet(TOPIC, None)]


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
