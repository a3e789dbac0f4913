"""The pure readers of the callback form: phone numbers, first names, slot choices."""

from __future__ import annotations

import pytest

from bot.actions.callback_answers import ANY_SLOT, SKIPPED, read_first_name, read_slot_choice
from bot.actions.phone import PhoneProblem, PhoneReading, read_phone
from tests.bot.callback_fakes import OFFERED


@pytest.mark.parametrize(("text", "display"), [
    ("06 12 34 56 78", "06 12 34 56 78"),
    ("0612345678", "06 12 34 56 78"),
    ("+33 6 12 34 56 78", "06 12 34 56 78"),
    ("+33612345678", "06 12 34 56 78"),
    ("0033 6 12 34 56 78", "06 12 34 56 78"),
    ("06.12.34.56.78", "06 12 34 56 78"),
    ("06-12-34-56-78", "06 12 34 56 78"),
    ("mon numéro c'est le 07 81 22 33 44 merci", "07 81 22 33 44"),
    ("04 72 11 22 33", "04 72 11 22 33"),
    ("0692 12 34 56", "0692 12 34 56"),  # La Réunion
])
def test_french_numbers_as_residents_type_them(text: str, display: str) -> None:
    assert read_phone(text).display == display


@pytest.mark.parametrize(("text", "problem"), [
    ("", PhoneProblem.NOT_A_NUMBER),
    ("Karima", PhoneProblem.NOT_A_NUMBER),
    ("06 12 34 56", PhoneProblem.INCOMPLETE),
    ("06 12 34 56 78 9", PhoneProblem.INCOMPLETE),
    ("+44 7911 123456", PhoneProblem.FOREIGN),
    ("0899 12 34 56", PhoneProblem.SERVICE),
])
def test_what_is_no_number_to_call_back_says_why(text: str, problem: PhoneProblem) -> None:
    assert read_phone(text) == PhoneReading(problem=problem)


@pytest.mark.parametrize(("text", "name"), [
    ("Karima", "Karima"), ("karima", "Karima"), ("je m'appelle jean-pierre", "Jean-Pierre"),
    ("Moi c'est Sophie", "Sophie"), ("mon prénom est Léa", "Léa"), ("Marie Claire", "Marie Claire"),
    ("Aïcha", "Aïcha"), ("passer", SKIPPED), ("non merci", SKIPPED), ("je préfère pas", SKIPPED), ("non", SKIPPED),
])
def test_first_name_or_skip(text: str, name: str) -> None:
    assert read_first_name(text) == name


@pytest.mark.parametrize("text", ["", "06 12", "oui", "k4r1m4", "a" * 50])
def test_no_first_name_read(text: str) -> None:
    assert read_first_name(text) is None


@pytest.mark.parametrize(("text", "index"), [
    ("1", 0), ("3", 2), ("le deuxième", 1), ("jeudi après-midi", 1), ("jeudi matin", 0), ("vendredi", 2),
    ("vendredi 27 novembre entre 9 h et 12 h", 2), ("peu importe", 0), ("n'importe quand", 0), ("jsp", 0),
])
def test_slot_chosen(text: str, index: int) -> None:
    assert read_slot_choice(text, OFFERED) == OFFERED[index]["start"]


@pytest.mark.parametrize("text", ["4", "0", "lundi", "bof", "samedi matin"])
def test_slot_not_understood(text: str) -> None:
    assert read_slot_choice(text, OFFERED) is None


def test_slot_without_offer_only_peu_importe() -> None:
    assert read_slot_choice("peu importe", []) == ANY_SLOT
    assert read_slot_choice("1", []) is None


def test_slot_stored_before_is_kept_for_a_retry() -> None:
    assert read_slot_choice(OFFERED[1]["start"], OFFERED) == OFFERED[1]["start"]
    assert read_slot_choice(ANY_SLOT, OFFERED) == ANY_SLOT
