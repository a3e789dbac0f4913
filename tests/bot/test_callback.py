"""The callback actions on tracker fixtures, the api answering through httpx.MockTransport (callback_fakes.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.callback import (
    ActionAskCallbackSlot,
    ActionCallbackStart,
    ActionResumeBilan,
    ValidateCallbackForm,
)
from tests.bot.callback_fakes import (
    OFFERED,
    OUTSIDE,
    READY,
    SENDER,
    SLOTS,
    FakeApi,
    responses,
    run,
    slot_values,
    tracker,
)

ACTIONS = Path(__file__).resolve().parents[2] / "bot" / "actions"
RESOLVE = "/internal/v1/territories/resolve"


# --- starting


def test_start_finds_the_territory_of_the_conversation_and_keeps_a_booking_key(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    events = run(ActionCallbackStart(api.client()).run(dispatcher, tracker(loop=None), domain))

    assert responses(dispatcher.messages) == ["utter_callback_intro"]
    values = slot_values(events)
    assert (values["callback_territory"], values["callback_outcome"], values["bilan_paused"]) == (
        "bastia", "asking", False)
    assert len(values["callback_request_key"]) == 32
    [request] = api.requests
    assert request.url.path == RESOLVE
    assert dict(request.url.params) == {"hint": "bastia"}
    assert request.headers["X-Conversation-Id"] == SENDER
    assert request.headers["X-Internal-Secret"] == "s3cret"


def test_start_reads_the_territory_from_the_metadata_when_the_slot_is_empty(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    run(ActionCallbackStart(api.client()).run(
        dispatcher, tracker(loop=None, territory=None, depcom="20033",
                            metadata={"channel": "web", "territory": "bastia"}), domain))
    assert dict(api.requests[0].url.params) == {"depcom": "20033", "hint": "bastia"}


def test_start_during_the_bilan_says_the_bilan_waits_and_pauses_it(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    events = run(ActionCallbackStart(api.client()).run(dispatcher, tracker(loop="bilan_form"), domain))
    assert responses(dispatcher.messages) == ["utter_callback_bilan_waits"]
    assert slot_values(events)["bilan_paused"] is True


def test_start_outside_every_territory_gives_france_services_and_no_callback(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    api.place = dict(OUTSIDE)
    events = run(ActionCallbackStart(api.client()).run(dispatcher, tracker(loop=None, depcom="29151"), domain))

    assert responses(dispatcher.messages) == ["utter_callback_intro", "utter_callback_not_covered"]
    said = dispatcher.messages[1]
    assert (said["nearby_label"], said["nearby_url"]) == (
        "France services de Morlaix", "https://www.france-services.gouv.fr/morlaix")
    assert slot_values(events)["callback_outcome"] == "done"
    assert "callback_territory" not in slot_values(events)


def test_start_with_nothing_known_of_the_place_asks_the_commune_in_the_form(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    events = run(ActionCallbackStart(api.client()).run(
        dispatcher, tracker(loop=None, territory=None, metadata={"channel": "web", "territory": ""}), domain))
    assert api.requests == []
    assert slot_values(events)["callback_outcome"] == "asking"
    form = ValidateCallbackForm(api.client())
    required = run(form.required_slots([], dispatcher, tracker(territory=None), domain))
    assert required[0] == "callback_commune"


def test_start_with_an_api_without_the_resolve_route_trusts_the_conversation_territory(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    api.answers[RESOLVE] = [httpx.Response(404, json={"detail": "Not Found"})]
    events = run(ActionCallbackStart(api.client()).run(dispatcher, tracker(loop=None), domain))
    assert slot_values(events)["callback_territory"] == "bastia"


def test_start_with_the_api_down_says_so_kindly(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    api.down(RESOLVE)
    events = run(ActionCallbackStart(api.client()).run(dispatcher, tracker(loop=None), domain))
    assert responses(dispatcher.messages) == ["utter_callback_intro", "utter_callback_start_unavailable"]
    assert slot_values(events)["callback_outcome"] == "done"


def test_start_again_after_a_failure_keeps_the_key_and_says_it_tries_again(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    kept = {**READY, "callback_phone_confirmed": None}
    events = run(ActionCallbackStart(api.client()).run(dispatcher, tracker(loop=None, **kept), domain))
    assert responses(dispatcher.messages) == ["utter_callback_retry_intro"]
    assert "callback_request_key" not in slot_values(events)
    assert api.requests == []  # the territory is known already


def test_start_again_during_the_bilan_says_both_that_the_bilan_waits_and_that_it_tries_again(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    run(ActionCallbackStart(api.client()).run(dispatcher, tracker(loop="bilan_form", **READY), domain))
    assert responses(dispatcher.messages) == ["utter_callback_bilan_waits", "utter_callback_retry_intro"]


# --- the form's questions


def validate(api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any], slot: str, text: str,
             **slots: Any) -> dict[str, Any]:
    form = ValidateCallbackForm(api.client())
    method = getattr(form, f"validate_{slot}")
    result = method(text, dispatcher, tracker(text, requested_slot=slot, **{slot: text, **slots}), domain)
    return dict(run(result) if hasattr(result, "__await__") else result)


@pytest.mark.parametrize("text", ["06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "06.12.34.56.78",
                                  "c'est le 06 12 34 56 78 merci"])
def test_phone_in_every_french_format_is_kept_as_the_resident_reads_it(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str) -> None:
    assert validate(api, dispatcher, domain, "callback_phone", text) == {"callback_phone": "06 12 34 56 78"}
    assert dispatcher.messages == []


@pytest.mark.parametrize(("text", "response"), [
    ("Karima", "utter_callback_phone_not_a_number"),
    ("06 12 34 56", "utter_callback_phone_incomplete"),
    ("+44 7911 123456", "utter_callback_phone_foreign"),
    ("08 99 12 34 56", "utter_callback_phone_service"),
])
def test_bad_phone_gets_its_own_kind_message_and_the_question_again(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, response: str) -> None:
    assert validate(api, dispatcher, domain, "callback_phone", text) == {"callback_phone": None}
    assert responses(dispatcher.messages) == [response]
    assert response in domain["responses"]


def test_phone_said_like_a_request_for_a_person_is_still_the_answer(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    form = ValidateCallbackForm(api.client())
    text = "mon numéro c'est le 0781223344"
    said = tracker(text, intent="human_request", requested_slot="callback_phone", callback_phone=text)
    assert form.validate_callback_phone(text, dispatcher, said, domain) == {"callback_phone": "07 81 22 33 44"}
    wanting = "je veux parler à quelqu'un"
    again = tracker(wanting, intent="human_request", requested_slot="callback_phone", callback_phone=wanting)
    assert form.validate_callback_phone(wanting, dispatcher, again, domain) == {"callback_phone": None}
    assert responses(dispatcher.messages) == ["utter_callback_in_progress"]


def test_read_back_answered_yes_keeps_the_number(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    result = validate(api, dispatcher, domain, "callback_phone_confirmed", "oui c'est ça",
                      callback_phone="06 12 34 56 78")
    assert result == {"callback_phone_confirmed": True}


def test_read_back_answered_no_asks_the_number_again(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    result = validate(api, dispatcher, domain, "callback_phone_confirmed", "non",
                      callback_phone="06 12 34 56 78")
    assert result == {"callback_phone": None, "callback_phone_confirmed": None}
    assert responses(dispatcher.messages) == ["utter_callback_phone_again"]


def test_read_back_answered_with_the_right_number_reads_that_one_back(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    result = validate(api, dispatcher, domain, "callback_phone_confirmed", "non c'est le 07 81 22 33 44",
                      callback_phone="06 12 34 56 78")
    assert result == {"callback_phone": "07 81 22 33 44", "callback_phone_confirmed": None}


def test_read_back_answered_neither_yes_nor_no_asks_again(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    result = validate(api, dispatcher, domain, "callback_phone_confirmed", "bof", callback_phone="06 12 34 56 78")
    assert result == {"callback_phone_confirmed": None}
    assert responses(dispatcher.messages) == ["utter_callback_phone_confirm_unreadable"]


@pytest.mark.parametrize(("text", "kept"), [("Karima", "Karima"), ("je m'appelle jean-pierre", "Jean-Pierre"),
                                            ("passer", ""), ("non merci", "")])
def test_first_name_or_skipped(api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any],
                               text: str, kept: str) -> None:
    assert validate(api, dispatcher, domain, "callback_first_name", text) == {"callback_first_name": kept}
    assert dispatcher.messages == []


def test_first_name_unreadable_asks_again(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    assert validate(api, dispatcher, domain, "callback_first_name", "06 12") == {"callback_first_name": None}
    assert responses(dispatcher.messages) == ["utter_callback_first_name_unreadable"]


def test_commune_resolved_to_its_territory(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    result = validate(api, dispatcher, domain, "callback_commune", "Bastia", territory=None)
    assert result["callback_territory"] == "bastia"
    assert result["callback_depcom"] == "2B033"
    assert dict(api.requests[0].url.params) == {"depcom": "2B033", "hint": "bastia"}


def test_commune_outside_every_territory_ends_the_form_with_france_services(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    api.place = dict(OUTSIDE)
    result = validate(api, dispatcher, domain, "callback_commune", "Morlaix", territory=None)
    assert "callback_territory" not in result
    assert responses(dispatcher.messages) == ["utter_callback_not_covered"]
    form = ValidateCallbackForm(api.client())
    ended = tracker(territory=None, callback_place=result["callback_place"])
    assert run(form.required_slots([], dispatcher, ended, domain)) == []


def test_commune_shared_by_several_names_them_and_asks_again(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    assert validate(api, dispatcher, domain, "callback_commune", "Saint-Denis", territory=None) == {
        "callback_commune": None}
    [message] = dispatcher.messages
    assert message["response"] == "utter_callback_commune_which"
    labels = [button["payload"] for button in message["buttons"]]
    assert "Saint-Denis (93, Seine-Saint-Denis)" in labels
    assert api.requests == []
    chosen = validate(api, dispatcher, domain, "callback_commune", "Saint-Denis (93, Seine-Saint-Denis)",
                      territory=None)
    assert chosen["callback_depcom"] == "93066"


def test_commune_unreadable_asks_again(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    assert validate(api, dispatcher, domain, "callback_commune", "zzzz qqq", territory=None) == {
        "callback_commune": None}
    assert responses(dispatcher.messages) == ["utter_callback_commune_unreadable"]


def test_consent_asked_only_when_there_is_a_bilan_to_share(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    form = ValidateCallbackForm(api.client())
    with_bilan = run(form.required_slots([], dispatcher, tracker(callback_territory="bastia"), domain))
    without = run(form.required_slots([], dispatcher, tracker(callback_territory="bastia", bilan_summary=None),
                                      domain))
    assert with_bilan == ["callback_phone", "callback_phone_confirmed", "callback_first_name", "callback_slot",
                          "callback_consent"]
    assert without == with_bilan[:-1]


@pytest.mark.parametrize(("text", "consent"), [("oui", True), ("ouais d'accord", True), ("non", False),
                                               ("pas du tout", False)])
def test_consent_yes_or_no(api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any],
                           text: str, consent: bool) -> None:
    assert validate(api, dispatcher, domain, "callback_consent", text) == {"callback_consent": consent}


def test_consent_unclear_asks_again(api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    assert validate(api, dispatcher, domain, "callback_consent", "bof") == {"callback_consent": None}
    assert responses(dispatcher.messages) == ["utter_callback_consent_unreadable"]


# --- the slots


def test_slots_offered_as_numbered_buttons_and_remembered(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    events = run(ActionAskCallbackSlot(api.client()).run(
        dispatcher, tracker(callback_territory="bastia"), domain))
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_callback_slot"
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        (SLOTS[0]["label"], "1"), (SLOTS[1]["label"], "2"), (SLOTS[2]["label"], "3"), ("Peu importe", "peu importe")]
    assert slot_values(events) == {"callback_slots_offered": OFFERED}
    assert api.requests[0].url.path == "/internal/v1/territories/bastia/callback-slots"
    assert api.requests[0].headers["X-Conversation-Id"] == SENDER


def test_slots_unavailable_still_let_the_resident_go_on_with_peu_importe(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    api.down("/internal/v1/territories/bastia/callback-slots")
    events = run(ActionAskCallbackSlot(api.client()).run(dispatcher, tracker(callback_territory="bastia"), domain))
    assert responses(dispatcher.messages) == ["utter_ask_callback_slot_none"]
    assert slot_values(events) == {"callback_slots_offered": []}
    assert validate(api, dispatcher, domain, "callback_slot", "peu importe", callback_slots_offered=[]) == {
        "callback_slot": "any"}


@pytest.mark.parametrize(("text", "index"), [("2", 1), ("peu importe", 0), ("vendredi", 2),
                                             ("jeudi après-midi", 1), ("le premier", 0)])
def test_slot_chosen_by_number_words_or_peu_importe(
        api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, index: int) -> None:
    result = validate(api, dispatcher, domain, "callback_slot", text, callback_slots_offered=OFFERED)
    assert result == {"callback_slot": SLOTS[index]["start"]}


def test_slot_unreadable_asks_again(api: FakeApi, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    result = validate(api, dispatcher, domain, "callback_slot", "lundi", callback_slots_offered=OFFERED)
    assert result == {"callback_slot": None}
    assert responses(dispatcher.messages) == ["utter_callback_slot_unreadable"]


def test_resume_bilan_says_so_and_unpauses(dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    events = run(ActionResumeBilan().run(dispatcher, tracker(loop=None, bilan_paused=True), domain))
    assert responses(dispatcher.messages) == ["utter_callback_bilan_resumes"]
    assert slot_values(events) == {"bilan_paused": False}


def test_every_response_the_callback_actions_use_is_in_the_domain(domain: dict[str, Any]) -> None:
    source = "\n".join((ACTIONS / f"{name}.py").read_text(encoding="utf-8")
                       for name in ("callback", "phone_questions", "summary"))
    used = set(re.findall(r'"(utter_[a-z_]+)"', source))
    assert len(used) > 20
    assert used <= set(domain["responses"])
