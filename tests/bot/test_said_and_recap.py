"""Say-back after each answer and the recap before the result (bot.actions.said, bot.actions.recap)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.forms import ValidateBilanForm
from bot.actions.plan import MAX_QUESTIONS, plan
from bot.actions.recap import CONFIRMED, CORRECT, forgotten, read_recap, read_topic, recap_slots
from bot.actions.recap_ask import recap_text
from bot.actions.said import euros, noted, recap
from channels.rasa_client import BotMessage, Button
from channels.sms.render import render_turn
from channels.sms.segments import count_segments

LONGEST: dict[str, Any] = {
    "depcom": "13055", "age": 67.0, "couple": "married", "children": [4.0, 9.0, 12.0, 16.0], "housing": "social_tenant",
    "rent": 1234.56, "activity": "self_employed", "income": 12345.67,
    "partner_situation": {"status": "parental_leave", "monthly": 1999.99}, "disability": 80.0,
    "approximate": ["rent", "income", "partner_situation"],
}
"""Ten answers, each with its longest wording (the plan keeps at most ten), every amount a guess (« environ »)."""


def test_amounts_are_said_the_french_way() -> None:
    assert euros(1100.0) == "1 100 €"
    assert euros(860.4) == "860,40 €"
    assert euros(912.6, "long") == "environ 913 €"
    assert euros(1234.4, "brief") == "~1 234 €"


def test_an_answer_is_said_back_with_what_was_kept(domain: dict[str, Any]) -> None:
    answers = {"children": [8.0, 9.0], "activity": "retired", "income": 710.0}
    assert noted(domain, ["children"], answers) == "C'est noté : 2 enfants de 8 et 9 ans. "
    assert noted(domain, ["activity", "income"], answers) == "C'est noté : à la retraite ; revenus 710 €/mois. "
    assert noted(domain, [], answers) == ""


def test_an_amount_told_as_a_guess_is_said_back_as_one(domain: dict[str, Any]) -> None:
    answers = {"activity": "employed", "income": 900.0, "rent": 540.0, "approximate": ["income"],
               "partner_situation": {"status": "unemployed", "monthly": 1100.0}}
    assert noted(domain, ["activity", "income"], answers) == "C'est noté : en emploi ; revenus environ 900 €/mois. "
    assert noted(domain, ["rent"], answers) == "C'est noté : loyer 540 €/mois. "
    guessed = {**answers, "approximate": ["partner_situation"]}
    assert noted(domain, ["partner_situation"], guessed) == \
        "C'est noté : conjoint(e) au chômage, environ 1 100 €/mois. "


def test_a_fact_told_along_is_said_back_with_its_answer(domain: dict[str, Any]) -> None:
    answers = {"children": [3.0], "pregnant": True, "activity": "unemployed", "unemployment_ended": True}
    assert noted(domain, ["children"], answers) == "C'est noté : 1 enfant de 3 ans, un bébé attendu. "
    assert noted(domain, ["activity"], answers) == "C'est noté : au chômage, en fin de droits. "


def test_the_recap_says_every_answer_of_the_plan_in_order(domain: dict[str, Any]) -> None:
    answers = {"depcom": "69259", "age": 34.0, "couple": "single", "children": 0.0, "housing": "tenant",
               "rent": "unknown", "activity": "employed", "income": 1100.0, "disability": 0.0}
    assert recap(domain, answers) == [
        "Vénissieux", "34 ans", "seul ou seule", "pas d'enfant à charge", "locataire", "loyer : à vérifier",
        "en emploi", "revenus 1 100 €/mois", "pas de handicap reconnu",
    ]


def test_the_longest_recap_fits_two_sms_segments(domain: dict[str, Any]) -> None:
    lines = recap(domain, {**LONGEST, "pregnant": True}, brief=True)
    assert "loyer ~1 235 €/mois" in lines and "revenus ~12 346 €/mois" in lines
    assert len(plan(LONGEST)) <= MAX_QUESTIONS and len(lines) >= 9
    template = next(v for v in domain["responses"]["utter_recap"] if v.get("condition"))
    text = template["text"].format(recap=recap_text(lines, "sms"))
    buttons = [Button(b["title"], b["payload"]) for b in template["buttons"]]
    body = render_turn([BotMessage(text, buttons)]).bodies[0]
    assert count_segments(body).segments <= 2, body


@pytest.mark.parametrize(
    ("text", "expected"),
    [("C'est exact", (CONFIRMED, None)), ("1", (CONFIRMED, None)), ("oui c bon", (CONFIRMED, None)),
     ("2", (CORRECT, None)), ("Corriger", (CORRECT, None)), ("non", (CORRECT, None)),
     ("non le loyer est faux", (CORRECT, "rent")), ("pas exact, j'ai 3 enfants", (CORRECT, "children")),
     ("mon mari gagne plus que ça", (CORRECT, "partner_situation")), ("euh quoi", (None, None)),
     ("tout est bon, rien à modifier", (CONFIRMED, None)), ("aucune erreur", (CONFIRMED, None)),
     ("rien à changer sauf le loyer", (CORRECT, "rent"))],
)
def test_the_recap_answer_is_read(text: str, expected: tuple[str | None, str | None]) -> None:
    assert read_recap(text) == expected


def test_the_topic_is_read_from_a_number_a_button_or_words() -> None:
    assert read_topic("6") == "rent"
    assert read_topic("corriger le logement") == "housing"
    assert read_topic("c'est mon âge") == "age"
    assert read_topic("ma situation") == "activity"
    assert read_topic("12") is None


def test_correcting_forgets_the_topics_answers_and_shows_the_recap_again() -> None:
    answers = {"age": 40.0, "couple": "single", "housing": "tenant", "rent": 500.0, "recap": CORRECT}
    assert recap_slots(answers) == ["recap_topic", "recap"]
    assert forgotten("housing", answers) == {"housing": None, "rent": None, "recap": None, "recap_topic": None}
    owner = {**answers, "housing": "owner"}
    assert forgotten("rent", owner)["housing"] is None  # an owner's rent is their housing


def _validate(tracker_from_fixture: Any, domain: dict[str, Any], slot: str, text: str, intent: str = "inform",
              dispatcher: CollectingDispatcher | None = None) -> list[dict[str, Any]]:
    tracker = tracker_from_fixture("tracker_bilan_complete.json")
    tracker.slots[slot] = text
    tracker.slots["requested_slot"] = slot
    tracker.events.append({"event": "slot", "name": slot, "value": text})
    tracker.latest_message = {"text": text, "intent": {"name": intent}}
    events: list[dict[str, Any]] = asyncio.run(
        ValidateBilanForm().get_validation_events(dispatcher or CollectingDispatcher(), tracker, domain))
    return events


def test_a_confirmation_the_classifier_takes_for_a_new_bilan_confirms(
    tracker_from_fixture: Any, domain: dict[str, Any]
) -> None:
    text = "C'est exact, merci. J'ai hâte de voir à quoi j'ai droit."
    events = _validate(tracker_from_fixture, domain, "recap", text, intent="start")
    assert SlotSet("recap", CONFIRMED) in events


def test_a_request_for_a_bilan_at_the_recap_shows_the_recap_again_without_a_second_welcome(
    tracker_from_fixture: Any, domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    events = _validate(tracker_from_fixture, domain, "recap", "je veux savoir mes droits", intent="start",
                       dispatcher=dispatcher)
    assert SlotSet("recap", None) in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_greet_in_bilan"]


def test_confirming_the_recap_ends_the_form(tracker_from_fixture: Any, domain: dict[str, Any]) -> None:
    events = _validate(tracker_from_fixture, domain, "recap", "c'est exact")
    assert SlotSet("recap", CONFIRMED) in events


def test_a_correction_naming_its_topic_asks_that_question_again(
    tracker_from_fixture: Any, domain: dict[str, Any]
) -> None:
    events = _validate(tracker_from_fixture, domain, "recap", "non, l'âge n'est pas bon")
    assert SlotSet("age", None) in events and SlotSet("recap", None) in events


def test_the_routes_global_intents_are_the_domains_not_intent_lists(domain: dict[str, Any]) -> None:
    from bot.actions.forms import READ_FIRST_ANSWERS
    from bot.actions.plan import BILAN_SLOTS
    from bot.actions.routing import BILAN_GLOBAL_INTENTS, GLOBAL_INTENTS, READ_FIRST

    for slot in BILAN_SLOTS:
        assert set(domain["slots"][slot]["mappings"][0]["not_intent"]) == BILAN_GLOBAL_INTENTS, slot
    for slot in ("recap", "recap_topic"):
        assert set(domain["slots"][slot]["mappings"][0]["not_intent"]) == BILAN_GLOBAL_INTENTS, slot
    assert READ_FIRST <= GLOBAL_INTENTS
    assert set(READ_FIRST_ANSWERS) == READ_FIRST and set(READ_FIRST_ANSWERS.values()) <= set(domain["responses"])


@pytest.mark.parametrize(("text", "topic"), [
    ("la ville, j'ai donné le code postal de mon travail", "commune"),
    ("ce que je paye pour l'appart", "rent"),
])
def test_a_topic_named_in_everyday_words(text: str, topic: str) -> None:
    assert read_topic(text) == topic


def test_a_confirmation_in_a_hurry_is_one() -> None:
    assert read_recap("ok tout est bon, on peut continuer, j'ai presque plus de batterie") == (CONFIRMED, None)


@pytest.mark.parametrize(("text", "topic"), [
    ("c'est pour ma femme", "partner_situation"),
    ("je suis plus en couple en fait", "couple"),
    ("le 6", "rent"),
])
def test_a_topic_about_the_partner_is_their_situation_unless_it_is_the_couple_itself(text: str, topic: str) -> None:
    assert read_topic(text) == topic
