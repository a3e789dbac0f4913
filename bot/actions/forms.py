"""The bilan form: which questions to ask (bot.actions.plan), each answer read in light of its question
(bot.actions.readings, on nlu.answers), "Question N sur M", and resetting the answers.

Every bilan slot is filled `from_text` while the form asks it; the validation reads that text with the reader of
the question's kind, because an intent classifier cannot tell "34", "trente-quatre ans" and "né en 1989" apart.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.corrections import implicit_correction
from bot.actions.plan import (
    APPROXIMATE_SLOT,
    BILAN_SLOTS,
    DEPENDENT_SLOTS,
    TOLD_ALONG_SLOTS,
    UNKNOWN_MARKER,
    plan,
    progress,
)
from bot.actions.readings import guessed_amounts, read_slot
from bot.actions.recap import RECAP, TOPIC, recap_answer, recap_slots
from bot.actions.routing import READ_FIRST, is_why_question
from bot.actions.said import noted

SAID_BACK_SLOT = "said_back"
"""What the last answer was read as (« C'est noté : 34 ans. »), said in front of the next question."""

MISUNDERSTOOD_SLOT = "misunderstood_answers"
CHOICES_SLOT = "commune_choices"
MISUNDERSTANDINGS_BEFORE_A_PERSON = 2
"""After this many unreadable answers in a row, the bot also offers a person."""
MISUNDERSTANDINGS_BEFORE_MOVING_ON = 3
"""…and after this many, it records the answer as unknown and goes on."""

PROGRESS_SLOTS = ("question_number", "question_total")

READ_FIRST_ANSWERS = {"out_of_scope": "utter_out_of_scope", "greet": "utter_greet_in_bilan",
                      "start": "utter_greet_in_bilan", "why_asked": "utter_why_asked"}
"""What an off-topic message, a greeting or a « pourquoi ? » that does not answer the question gets (then the
question again). Each counts as a misunderstanding: a resident who asks why three times in a row is offered a
person, then the question is recorded as unknown, so nobody sees it a fourth time."""


def unreadable(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, response: str) -> dict[str, Any]:
    """Ask again with an example; the second unreadable answer in a row also offers a person; the third of a
    question of the bilan is recorded as unknown, so nobody sees the same question a fourth time (the recap lets
    the resident correct it)."""
    count = int(tracker.get_slot(MISUNDERSTOOD_SLOT) or 0) + 1
    a_question = slot in BILAN_SLOTS  # the recap is never skipped: it starts counting again instead
    if count >= MISUNDERSTANDINGS_BEFORE_MOVING_ON and a_question:
        dispatcher.utter_message(response="utter_moving_on")
        return {slot: UNKNOWN_MARKER, MISUNDERSTOOD_SLOT: 0.0}
    dispatcher.utter_message(response=response)
    if count == MISUNDERSTANDINGS_BEFORE_A_PERSON:
        dispatcher.utter_message(response="utter_misunderstood_twice")
        if not a_question:
            count = 0
    return {slot: None, MISUNDERSTOOD_SLOT: float(count)}


def just_after_a_message(events: list[dict[str, Any]], form: str) -> bool:
    """Whether the form runs right after a resident's message (no other action since): Rasa calls the validation
    with a tracker ending with the form's own action, so that one does not count."""
    for event in reversed(events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") not in (form, "action_listen"):
            return False
    return False


def answers_of(tracker: Tracker) -> dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in (*BILAN_SLOTS, *TOLD_ALONG_SLOTS, APPROXIMATE_SLOT, RECAP, TOPIC)}


class ValidateBilanForm(FormValidationAction):
    """Checks each answer of the bilan form, asks again kindly when needed, and plans the next question."""

    def __init__(self, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self._today = today

    def name(self) -> str:
        return "validate_bilan_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """This resident's questions, given the answers so far (bot.actions.plan), then the recap."""
        answers = answers_of(tracker)
        return [*plan(answers), *recap_slots(answers)]

    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """Every bilan slot set this turn goes through validate_answer (one reader per kind of question)."""
        events: dict[str, Any] = {}
        for slot, value in tracker.slots_to_validate().items():
            if slot in BILAN_SLOTS:
                events.update(self.validate_answer(slot, value, dispatcher, tracker))
            elif slot in (RECAP, TOPIC):
                events.update(self.validate_recap(slot, value, dispatcher, tracker))
        kept = [slot for slot in BILAN_SLOTS if events.get(slot) not in (None, UNKNOWN_MARKER)]
        if events:
            events.setdefault(SAID_BACK_SLOT, "")
        if kept:
            # A changed answer is said back, and the recap is shown again before any result.
            answers = {**answers_of(tracker), **events}
            events.update({SAID_BACK_SLOT: noted(domain, kept, answers), RECAP: None, TOPIC: None})
        return [SlotSet(slot, value) for slot, value in events.items()]

    def validate_recap(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """« C'est exact » ends the form; « Corriger » asks which answer (unless it says), then forgets it."""
        if value is None or not isinstance(value, str):
            return {slot: value}
        values = recap_answer(slot, value, answers_of(tracker))
        read_first = self.not_an_answer(slot, dispatcher, tracker) if values is None else None
        if read_first is not None:
            return read_first
        if values is None:
            problem = "utter_recap_topic_unreadable" if slot == TOPIC else "utter_recap_unreadable"
            return unreadable(dispatcher, tracker, slot, problem)
        return {**values, MISUNDERSTOOD_SLOT: 0.0}

    @staticmethod
    def not_an_answer(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any] | None:
        """A greeting, a request for a bilan or something off-topic that does not answer: its own reply (« vous êtes
        au bon endroit », « je ne sais pas répondre à cela »), then what waits comes again. It counts like an
        unreadable answer, so that a person is offered at the second (a classifier may take « hmm bof » for a
        greeting). None for any other intent."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent not in READ_FIRST:
            return None
        return unreadable(dispatcher, tracker, slot, READ_FIRST_ANSWERS[str(intent)])

    def validate_answer(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Keep a readable answer (normalised), record "je ne sais pas" as unknown, or explain and ask again.

        Setting the slot to None makes the form ask the same question again. An empty value is not an answer (a
        reset or a correction has just cleared the slot): the form asks the question without a complaint."""
        if value is None:
            return {slot: None}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if is_why_question(intent, value):
            return self.not_an_answer(slot, dispatcher, tracker) or {slot: None}
        reading = read_slot(slot, value, today=self._today(), offered=tracker.get_slot(CHOICES_SLOT) or [],
                            resident_age=tracker.get_slot("age"))
        if not reading.understood and intent == "dont_know":
            reading = read_slot(slot, UNKNOWN_MARKER, today=self._today())
        if reading.choices:
            buttons = [{"title": choice.title, "payload": choice.insee} for choice in reading.choices]
            dispatcher.utter_message(response=str(reading.problem), buttons=buttons)
            return {slot: None, CHOICES_SLOT: [choice.insee for choice in reading.choices]}
        if reading.problem is not None:
            read_first = self.not_an_answer(slot, dispatcher, tracker)
            if read_first is not None:
                return read_first
            if reading.problem.endswith("_out_of_range"):
                dispatcher.utter_message(response=reading.problem)
                return {slot: None}
            fixed = implicit_correction(value, slot, {**answers_of(tracker), slot: None}, self._today()) \
                if isinstance(value, str) else {}
            if fixed:
                dispatcher.utter_message(response="utter_correction_noted")
                return {**fixed, slot: None, MISUNDERSTOOD_SLOT: 0.0}
            return unreadable(dispatcher, tracker, slot, reading.problem)
        values = dict(reading.values)
        guessed = guessed_amounts(tracker.get_slot(APPROXIMATE_SLOT), reading)
        if guessed or tracker.get_slot(APPROXIMATE_SLOT):
            values[APPROXIMATE_SLOT] = guessed
        if values.get(slot) == UNKNOWN_MARKER:
            dispatcher.utter_message(response="utter_dont_know_noted")
        for changed in list(values):
            for dependent in DEPENDENT_SLOTS.get(changed, ()):
                if dependent not in values and tracker.get_slot(changed) != values[changed]:
                    values[dependent] = None
        return {**values, MISUNDERSTOOD_SLOT: 0.0, CHOICES_SLOT: None}

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """The form's events, then where the next question stands ("Question N sur M" in utter_ask_*)."""
        answered = bool(tracker.slots_to_validate()) or not just_after_a_message(tracker.events, self.form_name())
        events: list[EventType] = await super().run(dispatcher, tracker, domain)
        if not answered:
            # Nothing extracted from the resident's message (a question, "aide", a request for a person): only
            # `requested_slot` may be returned, so that Rasa rejects the form and the rules answer the message.
            return events
        number, total = progress(answers_of(tracker))  # the tracker holds this turn's slots by now
        progress_events = [SlotSet(PROGRESS_SLOTS[0], str(number)), SlotSet(PROGRESS_SLOTS[1], str(total))]
        if not tracker.slots_to_validate():
            # The question is asked again after another answer (« pourquoi ? »): nothing new to say back.
            progress_events.append(SlotSet(SAID_BACK_SLOT, ""))
        return [*events, *progress_events]


class ActionResetBilan(Action):
    """Forgets the bilan answers, so that the form asks every question again.

    Only the bilan slots are reset, not the whole tracker (unlike action_restart), so the channel and territory
    survive."""

    def name(self) -> str:
        return "action_reset_bilan"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        cleared = (*BILAN_SLOTS, APPROXIMATE_SLOT, RECAP, TOPIC, CHOICES_SLOT, "bilan_summary", "bilan_answers")
        return [*(SlotSet(slot, None) for slot in cleared), SlotSet(SAID_BACK_SLOT, "")]
