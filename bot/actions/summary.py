"""« Recevoir le résumé par SMS » (contract 2): the bilan's summary sent to the resident's phone.

On the web, ``summary_form`` asks the number (the same question and read-back as the callback) and
``action_send_summary`` asks the api to send ``bilan_summary`` (contract 4: the api queues it in its outbox and
sends it once through Twilio). By SMS the summary is already in the thread: the bot says so.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import conversation
from bot.actions.api_client import ApiError
from bot.actions.callback import WithClient
from bot.actions.callback_client import ApiRejectedError
from bot.actions.phone_questions import PHONE, PHONE_CONFIRMED, PhoneQuestions

logger = logging.getLogger(__name__)

OUTCOME = "summary_outcome"
ASKING, ASK_AGAIN, DONE = "asking", "ask_again", "done"


class ActionSummaryStart(Action):
    """By SMS: already in the thread. Without a result yet: nothing to send. Otherwise: ask the number."""

    def name(self) -> str:
        return "action_summary_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if conversation.channel(tracker) == "sms":
            dispatcher.utter_message(response="utter_summary_in_thread")
            return [SlotSet(OUTCOME, DONE)]
        if not tracker.get_slot("bilan_summary"):
            dispatcher.utter_message(response="utter_summary_not_ready")
            return [SlotSet(OUTCOME, DONE)]
        dispatcher.utter_message(response="utter_summary_intro")
        return [SlotSet(OUTCOME, ASKING)]


class ValidateSummaryForm(PhoneQuestions, FormValidationAction):
    """The phone number and its read-back, as in the callback form."""

    def name(self) -> str:
        return "validate_summary_form"


class ActionSendSummary(WithClient, Action):
    """Asks the api to send the summary; the number is forgotten once the api has it."""

    def name(self) -> str:
        return "action_send_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        forget: list[Any] = [SlotSet(PHONE, None), SlotSet(PHONE_CONFIRMED, None)]
        try:
            status = await self.client.send_summary(conversation=tracker.sender_id, phone=str(tracker.get_slot(PHONE)),
                                                    text=str(tracker.get_slot("bilan_summary") or ""))
        except ApiRejectedError as error:
            logger.info("summary refused by the api on the field %s", error.field)
            dispatcher.utter_message(response=error.response, **error.context)
            return [*forget, SlotSet(OUTCOME, ASK_AGAIN)]
        except ApiError as error:
            logger.warning("summary not sent, number kept: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_summary_unavailable")
            return [SlotSet(PHONE_CONFIRMED, None), SlotSet(OUTCOME, DONE)]
        logger.info("summary sms %s", status)
        response = "utter_summary_sent" if status == "queued" else "utter_summary_opted_out"
        dispatcher.utter_message(response=response)
        return [*forget, SlotSet(OUTCOME, DONE)]
