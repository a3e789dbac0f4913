"""Tell the resident the result of the bilan, computed by the api for the whole situation.

The action never computes a benefit: it sends the situation built from the answers (bot.actions.situation) to the
api's internal eligibility endpoint, then speaks through domain responses chosen by bot.actions.results. It keeps
the short summary and the answers for the callback and the SMS summary (slots `bilan_summary`, `bilan_answers`).
Logs carry counts of statuses only, never the resident's answers.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.api_client import ApiError, EligibilityClient
from bot.actions.plan import BILAN_SLOTS, TOLD_ALONG_SLOTS
from bot.actions.results import summary, utterances
from bot.actions.situation import asked_answers, situation_from_answers

logger = logging.getLogger(__name__)

def answers_from_tracker(tracker: Tracker) -> dict[str, Any]:
    """The bilan's slots as the form kept them, and the facts told along with them."""
    return {slot: tracker.get_slot(slot) for slot in (*BILAN_SLOTS, *TOLD_ALONG_SLOTS)}


class ActionBilanResult(Action):
    """Calls the api's eligibility endpoint with the whole situation and tells every result, then the offer."""

    def __init__(self, client: EligibilityClient | None = None) -> None:
        super().__init__()
        self._client = client

    def name(self) -> str:
        return "action_bilan_result"

    @property
    def client(self) -> EligibilityClient:
        """The injected client, or one built from the environment at call time."""
        return self._client or EligibilityClient.from_env()

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        answers = answers_from_tracker(tracker)
        try:
            results = await self.client.estimate(situation_from_answers(answers), conversation_id=tracker.sender_id)
        except ApiError as exc:
            logger.warning("eligibility estimate unavailable: %s", type(exc).__name__)
            dispatcher.utter_message(response="utter_estimate_unavailable")
            return []
        statuses = Counter(result.status for result in results)
        logger.info("bilan result given: %s", dict(sorted(statuses.items())))
        for utterance in utterances(results):
            dispatcher.utter_message(response=utterance.response, **utterance.variables)
        # The offer's buttons (contract 2: callback, SMS summary, start over) are in the domain response.
        dispatcher.utter_message(response="utter_result_offer")
        return [
            SlotSet("bilan_summary", summary(results, domain)),
            SlotSet("bilan_answers", asked_answers(answers)),
        ]
