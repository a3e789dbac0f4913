"""Validation of the bilan form and resetting its answers.

The age slot is filled `from_text` while the form asks for it; this action reads
that text in light of the question (nlu.numbers), because an intent classifier
cannot tell "34", "trente-quatre ans" and "né en 1989" apart reliably.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from nlu.numbers import is_plausible_age, read_age
from nlu.replies import is_dont_know

BILAN_SLOTS = ("age",)
"""Every slot the bilan asks; reset together when the resident starts over."""

SLOT_TOPICS: dict[str, str] = {"age": "age"}
"""Bilan slot → the topic nlu.answers.correction_target names when a correction is about it."""

MISUNDERSTOOD_SLOT = "misunderstood_answers"
MISUNDERSTANDINGS_BEFORE_A_PERSON = 2
"""After this many unreadable answers in a row, the bot also offers a person."""


def unreadable(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, response: str) -> dict[str, Any]:
    """Ask again with an example; the second unreadable answer in a row also offers a person."""
    count = int(tracker.get_slot(MISUNDERSTOOD_SLOT) or 0) + 1
    dispatcher.utter_message(response=response)
    if count >= MISUNDERSTANDINGS_BEFORE_A_PERSON:
        dispatcher.utter_message(response="utter_misunderstood_twice")
        count = 0
    return {slot: None, MISUNDERSTOOD_SLOT: float(count)}


class ValidateBilanForm(FormValidationAction):
    """Checks each answer of the bilan form and asks again kindly when needed."""

    def __init__(self, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self._today = today

    def name(self) -> str:
        return "validate_bilan_form"

    def validate_age(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Keep a plausible age; otherwise explain with an example and ask again.

        Setting the slot to None makes the form ask the same question again. An empty
        value is not an answer (action_reset_bilan has just cleared the slot): the form
        asks the question without a complaint. "Je ne sais pas" gets a kind word: every
        estimate needs an age, so the form asks again with an example.
        """
        if slot_value is None:
            return {"age": None}
        if isinstance(slot_value, (int, float)) and not isinstance(slot_value, bool):
            age: int | None = int(slot_value)
        else:
            if is_dont_know(str(slot_value)):
                dispatcher.utter_message(response="utter_dont_know_age")
                return {"age": None}
            age = read_age(str(slot_value), today=self._today())
        if age is None:
            return unreadable(dispatcher, tracker, "age", "utter_age_unreadable")
        if not is_plausible_age(age):
            dispatcher.utter_message(response="utter_age_out_of_range")
            return {"age": None}
        return {"age": float(age), MISUNDERSTOOD_SLOT: 0.0}


class ActionResetBilan(Action):
    """Forgets the bilan answers, so that the form asks every question again.

    Only the bilan slots are reset, not the whole tracker (unlike action_restart),
    so metadata such as the channel and territory survive.
    """

    def name(self) -> str:
        return "action_reset_bilan"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        return [SlotSet(slot, None) for slot in BILAN_SLOTS]
