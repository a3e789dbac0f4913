"""action_ask_recap: before the result, every answer as the bot understood it, with « C'est exact » / « Corriger ».

The words are domain responses (bot/domain/recap.yml), chosen and joined by bot.actions.said; on the web one line
per answer, by SMS one sentence (the recap of the longest bilan fits two SMS segments).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.forms import SAID_BACK_SLOT, answers_of
from bot.actions.said import recap


def recap_text(lines: list[str], channel: Any) -> str:
    """« - 34 ans » lines on the web; « 34 ans, en couple, … » by SMS."""
    return ", ".join(lines) if channel == "sms" else "\n".join(f"- {line}" for line in lines)


class ActionAskRecap(Action):
    """Asks the form's `recap` slot: the recap of the answers, then the two buttons."""

    def name(self) -> str:
        return "action_ask_recap"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        channel = tracker.get_slot("channel")
        lines = recap(domain, answers_of(tracker), brief=channel == "sms")
        dispatcher.utter_message(response="utter_recap", recap=recap_text(lines, channel))
        return [SlotSet(SAID_BACK_SLOT, "")]
