"""The phone number question and its read-back, shared by the callback form and the SMS summary form.

« J'ai noté le 06 12 34 56 78 : c'est bien ça ? » — a « non » asks the number again; a « non, c'est le 07… » takes
the new number at once and reads it back in turn. The number stays in the national format the resident reads.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.phone import PhoneProblem, read_phone
from nlu.replies import read_yes_no

PHONE = "callback_phone"
PHONE_CONFIRMED = "callback_phone_confirmed"

PROBLEM_RESPONSES = {
    PhoneProblem.NOT_A_NUMBER: "utter_callback_phone_not_a_number",
    PhoneProblem.INCOMPLETE: "utter_callback_phone_incomplete",
    PhoneProblem.FOREIGN: "utter_callback_phone_foreign",
    PhoneProblem.SERVICE: "utter_callback_phone_service",
}


def latest_text(tracker: Tracker) -> str:
    """What the resident wrote last."""
    return str(tracker.latest_message.get("text") or "")


def say_unreadable(dispatcher: CollectingDispatcher, tracker: Tracker, response: str) -> None:
    """Say why the answer was not kept. « Je veux parler à quelqu'un » in the callback form is no mistake: say that
    this is what is happening (the form then asks its question again)."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent == "human_request" and tracker.active_loop_name == "callback_form":
        dispatcher.utter_message(response="utter_callback_in_progress")
    else:
        dispatcher.utter_message(response=response)


class PhoneQuestions:
    """``validate_callback_phone`` and ``validate_callback_phone_confirmed`` for a FormValidationAction."""

    def validate_callback_phone(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> dict[str, Any]:
        """Keep the number found in the answer, in the national format; otherwise say why and ask again."""
        if slot_value is None:
            return {PHONE: None}
        reading = read_phone(str(slot_value))
        if reading.display is None:
            say_unreadable(dispatcher, tracker, PROBLEM_RESPONSES[reading.problem or PhoneProblem.NOT_A_NUMBER])
            return {PHONE: None}
        return {PHONE: reading.display}

    def validate_callback_phone_confirmed(self, slot_value: Any, dispatcher: CollectingDispatcher,
                                          tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        """Yes keeps the number; no asks it again; a new number in the answer is read back in turn."""
        text = latest_text(tracker)
        corrected = read_phone(text).display if any(char.isdigit() for char in text) else None
        if corrected is not None and corrected != tracker.get_slot(PHONE):
            return {PHONE: corrected, PHONE_CONFIRMED: None}
        answer = slot_value if isinstance(slot_value, bool) else read_yes_no(str(slot_value or ""))
        if answer is None:
            say_unreadable(dispatcher, tracker, "utter_callback_phone_confirm_unreadable")
            return {PHONE_CONFIRMED: None}
        if answer is False:
            dispatcher.utter_message(response="utter_callback_phone_again")
            return {PHONE: None, PHONE_CONFIRMED: None}
        return {PHONE_CONFIRMED: True}
