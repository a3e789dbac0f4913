"""Booking a callback with a social worker of the resident's territory, in the conversation.

``action_callback_start`` opens it (on « parler à quelqu'un » at any moment, the button after a result, or after two
misunderstandings): it pauses the bilan if one is running, keeps one Idempotency-Key for the booking, and finds the
territory (contract 3) when the commune or the territory is known. ``callback_form`` asks the commune if nothing is
known, the phone (read back), a first name (optional), a slot among the territory's next ones, and consent to share
the bilan. ``action_callback_submit`` books it (``POST /internal/v1/callbacks``) and says the reference and when to
expect the call. The api's 422 is said as it is and its question asked again; an api that is down keeps every answer,
and the same key makes the retry return the same callback. Logs never carry the phone or the first name.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import conversation
from bot.actions.api_client import ApiError, ApiStatusError
from bot.actions.callback_answers import ANY_SLOT, SKIPPED, read_first_name, read_slot_choice
from bot.actions.callback_client import ApiRejectedError, CallbackClient, Place
from bot.actions.phone_questions import PHONE, PHONE_CONFIRMED, PhoneQuestions, latest_text, say_unreadable
from nlu.communes import read_commune
from nlu.replies import read_yes_no

logger = logging.getLogger(__name__)

COMMUNE = "callback_commune"
DEPCOM = "callback_depcom"
TERRITORY = "callback_territory"
PLACE = "callback_place"
FIRST_NAME = "callback_first_name"
SLOT = "callback_slot"
OFFERED = "callback_slots_offered"
CONSENT = "callback_consent"
KEY = "callback_request_key"
OUTCOME = "callback_outcome"
BILAN_PAUSED = "bilan_paused"

ASKING, ASK_AGAIN, DONE = "asking", "ask_again", "done"
"""Values of ``callback_outcome``, which the rules branch on."""

ANSWERS = (COMMUNE, DEPCOM, TERRITORY, PLACE, PHONE, PHONE_CONFIRMED, FIRST_NAME, SLOT, OFFERED, CONSENT, KEY)
"""Everything the booking asked; forgotten once the callback is booked."""

FIELD_SLOTS = {
    "phone": (PHONE, PHONE_CONFIRMED),
    "first_name": (FIRST_NAME,),
    "preferred_slot_start": (SLOT, OFFERED),
    "territory": (COMMUNE, DEPCOM, TERRITORY, PLACE),
    "consent_share_bilan": (CONSENT,),
    "bilan": (CONSENT,),
}
"""A field the api refused → the answers to ask again."""

COMMUNES_NAMED = 3
"""How many candidate communes the bot offers as buttons when an answer fits several (largest first)."""


def place_dict(place: Place) -> dict[str, Any]:
    """A resolved place as a slot value."""
    return {"code": place.code, "name": place.name, "covered": place.covered, "label": place.nearby_label,
            "url": place.nearby_url}


def say_not_covered(dispatcher: CollectingDispatcher, place: Place) -> None:
    """No callback here: the national answer and the nearest France services."""
    dispatcher.utter_message(response="utter_callback_not_covered", nearby_label=place.nearby_label or
                             "France services", nearby_url=place.nearby_url or "https://www.france-services.gouv.fr/")


async def resolve(client: CallbackClient, tracker: Tracker, depcom: str | None) -> Place:
    """The resident's territory. An api without the resolve route (404) is taken at the conversation's word."""
    hint = conversation.territory_hint(tracker)
    try:
        return await client.resolve(conversation=tracker.sender_id, depcom=depcom, hint=hint)
    except ApiStatusError as error:
        if error.status_code != 404:
            raise
        logger.warning("territory resolve route missing: the conversation's territory is used")
        return Place(code=hint, name=None, covered=hint is not None)


class WithClient:
    """An action that calls the api: the injected client, or one built from the environment at call time."""

    def __init__(self, client: CallbackClient | None = None) -> None:
        super().__init__()
        self._client = client

    @property
    def client(self) -> CallbackClient:
        return self._client or CallbackClient.from_env()


class ActionCallbackStart(WithClient, Action):
    """Says what happens next, pauses the bilan, keeps the booking's key, and finds the territory if it can."""

    def name(self) -> str:
        return "action_callback_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        events: list[EventType] = []
        kept = bool(tracker.get_slot(KEY) and tracker.get_slot(PHONE))
        if tracker.active_loop_name == "bilan_form":
            dispatcher.utter_message(response="utter_callback_bilan_waits")
        elif not kept:
            dispatcher.utter_message(response="utter_callback_intro")
        if kept:
            dispatcher.utter_message(response="utter_callback_retry_intro")
        if not tracker.get_slot(KEY):
            events.append(SlotSet(KEY, uuid.uuid4().hex))
        if tracker.get_slot(TERRITORY) is None and (
                conversation.depcom(tracker) or conversation.territory_hint(tracker)):
            try:
                place = await resolve(self.client, tracker, conversation.depcom(tracker))
            except ApiError as error:
                logger.warning("territory not resolved: %s", type(error).__name__)
                dispatcher.utter_message(response="utter_callback_start_unavailable")
                return [*events, SlotSet(OUTCOME, DONE)]
            events.append(SlotSet(PLACE, place_dict(place)))
            if not place.covered or place.code is None:
                say_not_covered(dispatcher, place)
                return [*events, SlotSet(OUTCOME, DONE)]
            events.append(SlotSet(TERRITORY, place.code))
        # Set every time: a bilan paused by an earlier callback that was abandoned does not resume by mistake.
        events.append(SlotSet(BILAN_PAUSED, tracker.active_loop_name == "bilan_form"))
        return [*events, SlotSet(OUTCOME, ASKING)]


class ValidateCallbackForm(PhoneQuestions, WithClient, FormValidationAction):
    """Reads each answer of the callback form; a kind French message and the question again when it cannot."""

    def name(self) -> str:
        return "validate_callback_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> list[str]:
        """The commune only when nothing says where the resident lives; consent only when there is a bilan."""
        place = tracker.get_slot(PLACE)
        if isinstance(place, dict) and not place.get("covered"):
            return []  # no callback in this commune: the form ends, the submit action says nothing more
        slots = [] if tracker.get_slot(TERRITORY) else [COMMUNE]
        slots += [PHONE, PHONE_CONFIRMED, FIRST_NAME, SLOT]
        if tracker.get_slot("bilan_summary"):
            slots.append(CONSENT)
        return slots

    async def validate_callback_commune(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> dict[str, Any]:
        """One commune: find its territory. Several: name them and ask again. None: an example and again."""
        if slot_value is None:
            return {COMMUNE: None}
        communes = read_commune(str(slot_value))
        if not communes:
            say_unreadable(dispatcher, tracker, "utter_callback_commune_unreadable")
            return {COMMUNE: None}
        if len({commune.commune_insee for commune in communes}) > 1:
            # A label (« Saint-Denis (93, Seine-Saint-Denis) ») reads back as that one commune.
            buttons = [{"title": commune.label, "payload": commune.label} for commune in communes[:COMMUNES_NAMED]]
            dispatcher.utter_message(response="utter_callback_commune_which", buttons=buttons)
            return {COMMUNE: None}
        commune = communes[0]
        try:
            place = await resolve(self.client, tracker, commune.commune_insee)
        except ApiError as error:
            logger.warning("territory not resolved: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_callback_unavailable_retry")
            return {COMMUNE: None}
        found = {COMMUNE: commune.name, DEPCOM: commune.commune_insee, PLACE: place_dict(place)}
        if not place.covered or place.code is None:
            say_not_covered(dispatcher, place)
            return found
        return {**found, TERRITORY: place.code}

    def validate_callback_first_name(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> dict[str, Any]:
        """A first name, or nothing when the resident prefers not to give one (« passer »)."""
        if slot_value == SKIPPED:
            return {FIRST_NAME: SKIPPED}
        name = read_first_name(str(slot_value or ""))
        if name is None:
            say_unreadable(dispatcher, tracker, "utter_callback_first_name_unreadable")
        return {FIRST_NAME: name}

    def validate_callback_slot(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        """One of the offered slots (by its number, its words or « peu importe »), kept as its start."""
        offered = tracker.get_slot(OFFERED) or []
        choice = read_slot_choice(str(slot_value or ""), offered)
        if choice is None:
            say_unreadable(dispatcher, tracker, "utter_callback_slot_unreadable")
        return {SLOT: choice}

    def validate_callback_consent(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict[str, Any]:
        """Yes or no, nothing in between: without a clear yes, the bilan is not shared."""
        answer = slot_value if isinstance(slot_value, bool) else read_yes_no(latest_text(tracker))
        if answer is None:
            say_unreadable(dispatcher, tracker, "utter_callback_consent_unreadable")
        return {CONSENT: answer}


class ActionAskCallbackSlot(WithClient, Action):
    """Offers the territory's next slots as buttons (their number is the payload, so SMS choices work too)."""

    def name(self) -> str:
        return "action_ask_callback_slot"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        any_button = {"title": "Peu importe", "payload": "peu importe"}
        try:
            slots = await self.client.slots(conversation=tracker.sender_id, territory=str(tracker.get_slot(TERRITORY)))
        except ApiError as error:
            logger.warning("callback slots unavailable: %s", type(error).__name__)
            slots = []
        if not slots:
            dispatcher.utter_message(response="utter_ask_callback_slot_none", buttons=[any_button])
            return [SlotSet(OFFERED, [])]
        buttons = [{"title": slot.label, "payload": str(index)} for index, slot in enumerate(slots, start=1)]
        dispatcher.utter_message(response="utter_ask_callback_slot", buttons=[*buttons, any_button])
        return [SlotSet(OFFERED, [{"start": slot.start, "label": slot.label} for slot in slots])]


def booking_body(tracker: Tracker) -> dict[str, Any]:
    """The body of ``POST /internal/v1/callbacks``; the commune when known; the bilan only with consent (contract 1)."""
    consent = tracker.get_slot(CONSENT) is True
    slot = tracker.get_slot(SLOT)
    body: dict[str, Any] = {
        "territory": tracker.get_slot(TERRITORY),
        "phone": tracker.get_slot(PHONE),
        "first_name": tracker.get_slot(FIRST_NAME) or None,
        "preferred_slot_start": None if slot in (None, ANY_SLOT) else slot,
        "consent_share_bilan": consent,
    }
    depcom = conversation.depcom(tracker)
    if depcom:
        body["depcom"] = depcom  # the api refuses a territory that does not cover the resident's commune
    summary = tracker.get_slot("bilan_summary")
    if consent and summary:
        answers = tracker.get_slot("bilan_answers")
        body["bilan"] = {"summary": summary, "answers": answers if isinstance(answers, dict) else {}}
    return body


class ActionCallbackSubmit(WithClient, Action):
    """Books the callback; says the reference and when to expect the call, or what to do next."""

    def name(self) -> str:
        return "action_callback_submit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        place = tracker.get_slot(PLACE)
        if isinstance(place, dict) and not place.get("covered"):
            return [SlotSet(OUTCOME, DONE)]  # already said: no callback in this commune
        key = str(tracker.get_slot(KEY) or uuid.uuid4().hex)
        try:
            booking = await self.client.book(conversation=tracker.sender_id, key=key, booking=booking_body(tracker))
        except ApiRejectedError as error:
            logger.info("callback refused by the api on the field %s", error.field)
            dispatcher.utter_message(response=error.response, **error.context)
            return [*(SlotSet(slot, None) for slot in FIELD_SLOTS.get(error.field or "", (PHONE, PHONE_CONFIRMED))),
                    SlotSet(KEY, key), SlotSet(OUTCOME, ASK_AGAIN)]
        except ApiError as error:
            logger.warning("callback not booked, answers kept: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_callback_unavailable")
            # Every answer is kept for the retry (« Réessayer »), which reads the number back once more.
            return [SlotSet(KEY, key), SlotSet(PHONE_CONFIRMED, None), SlotSet(OUTCOME, DONE)]
        logger.info("callback booked for territory %s", tracker.get_slot(TERRITORY))
        if booking.expected_call:
            dispatcher.utter_message(response="utter_callback_booked", reference=booking.reference,
                                     expected_call=booking.expected_call)
        else:
            dispatcher.utter_message(response="utter_callback_booked_asap", reference=booking.reference)
        return [*(SlotSet(slot, None) for slot in ANSWERS), SlotSet(OUTCOME, DONE)]


class ActionResumeBilan(Action):
    """After the callback, the paused bilan takes up its question again."""

    def name(self) -> str:
        return "action_resume_bilan"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_callback_bilan_resumes")
        return [SlotSet(BILAN_PAUSED, False)]
