"""Give the resident the RSA estimate computed by the api.

The action never computes anything: it sends the household situation to the
api and chooses a domain response from the status it gets back. Logs carry the
outcome only, never the resident's answers.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.api_client import ApiError, BenefitResult, EligibilityClient

logger = logging.getLogger(__name__)

NARROW_NO_BREAK_SPACE = "\u202f"
"""French thousands separator."""

RESPONSE_BY_STATUS = {
    "eligible": "utter_rsa_eligible",
    "not_eligible": "utter_rsa_not_eligible",
    "uncertain": "utter_rsa_uncertain",
}


def format_euros(amount: float) -> str:
    """French money format ("565,51 €") for when the api gives no text of its own."""
    whole, cents = f"{amount:,.2f}".split(".")
    return f"{whole.replace(',', NARROW_NO_BREAK_SPACE)},{cents} €"


def situation_from_tracker(tracker: Tracker) -> dict[str, Any]:
    """The household situation sent to the api: for now a single adult, no income."""
    age = tracker.get_slot("age")
    return {"age": int(age) if age is not None else None}


def response_kwargs(result: BenefitResult) -> dict[str, str]:
    """Variables for the RSA responses; every one is always present."""
    amount = result.monthly_amount_text
    if not amount and result.monthly_amount is not None:
        amount = format_euros(result.monthly_amount)
    return {
        "label": result.label,
        "amount": amount or "",
        "reason": " ".join(result.reasons),
        "institution": result.institution,
        "url": result.url,
    }


class ActionEstimateRsa(Action):
    """Calls the api's eligibility endpoint and tells the resident the RSA result."""

    def __init__(self, client: EligibilityClient | None = None) -> None:
        super().__init__()
        self._client = client

    def name(self) -> str:
        return "action_estimate_rsa"

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
        try:
            results = await self.client.estimate(situation_from_tracker(tracker))
        except ApiError as exc:
            logger.warning("eligibility estimate unavailable: %s", type(exc).__name__)
            dispatcher.utter_message(response="utter_estimate_unavailable")
            return []
        rsa = next((r for r in results if r.benefit == "rsa"), None)
        if rsa is None:
            logger.warning("eligibility estimate unavailable: no rsa result")
            dispatcher.utter_message(response="utter_estimate_unavailable")
            return []
        logger.info("eligibility estimate given: rsa %s", rsa.status)
        dispatcher.utter_message(response=RESPONSE_BY_STATUS[rsa.status], **response_kwargs(rsa))
        return []
