"""Answers that correct or add up themselves, a situation with its amount, and answers that beat the classifier."""

from __future__ import annotations

import pytest

from nlu.activity import ActivityStatus, read_activity
from nlu.answer_shape import is_answer_shaped, overridden_intent
from nlu.children import Children, read_children
from nlu.numbers import read_age, read_amount
from nlu.occupation import Occupation, read_occupation
from nlu.restated import added_up, meant


@pytest.mark.parametrize(("text", "expected"), [
    ("950 non 590", "590"), ("38 pas 36", "38"), ("1200 enfin 1100", "1100"), ("pas 36 mais 38", "38"),
    ("850 euros non pardon 580", "580"), ("1200 ou 1300", "1200 ou 1300"), ("entre 800 et 900", "entre 800 et 900"),
])
def test_an_inline_correction_keeps_the_number_meant(text: str, expected: str) -> None:
    assert meant(text) == expected


def test_parts_joined_by_plus_are_added_up() -> None:
    assert added_up("520 + 40 de charges") == "560 de charges"
    assert added_up("500 plus 60") == "560"


def test_an_amount_said_with_a_doubt_is_kept_and_marked_approximate() -> None:
    amount = read_amount("je sais pas exactement, autour de neuf cents euros")
    assert amount is not None and amount.monthly == 900 and amount.approximate
    assert read_amount("je ne sais pas") is None


def test_a_coming_birthday_gives_the_age_now() -> None:
    assert read_age("j'aurai 51 ans en juin") == 50
    assert read_age("j'ai eu 33 ans en juin") == 33
    assert read_age("45 ans bientôt 46") == 45


def test_short_birth_years_spoken_thousands_and_fortnights() -> None:
    from datetime import date

    assert read_age("je suis née en 58", today=date(2026, 12, 3)) == 68
    amounts = [read_amount(t) for t in ("mille deux", "1k2", "600 par quinzaine")]
    assert [amount.monthly if amount else None for amount in amounts] == [1200, 1200, 1300]
    assert added_up("500 et 50 de charges") == "550 charges"
    rent = read_amount("Le loyer c'est 740 euros. Il a augmenté l'an dernier.")
    assert rent is not None and rent.monthly == 740


@pytest.mark.parametrize(("text", "expected"), [
    ("oui 2 : 8 ans et 9 ans", Children(2, (8, 9))), ("trois : 4, 9 et 12 ans", Children(3, (4, 9, 12))),
    ("2 (6ans et 10ans)", Children(2, (6, 10))), ("3, 5 et 7 ans", Children(3, (3, 5, 7))),
    ("le grand a 15 ans et la petite 8", Children(2, (15, 8))), ("un fils de 14 mois", Children(1, (1,))),
    ("ils sont grands, ils ne vivent plus chez moi", Children(0)), ("oui 1 de 3 ans", Children(1, (3,))),
    ("un de 5 ans et l'autre de 9", Children(2, (5, 9))), ("2 filles 4 et 6", Children(2, (4, 6))),
    ("un bébé de 8 mois et un de 3 ans", Children(2, (0, 3))), ("j'attends un bébé", Children(0)),
])
def test_children_shapes(text: str, expected: Children) -> None:
    assert read_children(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("il est au chômage, 1100", Occupation(ActivityStatus.UNEMPLOYED, 1100.0)),
    ("retraitée, 710 € par mois", Occupation(ActivityStatus.RETIRED, 710.0)),
    ("retraité depuis 2019", Occupation(ActivityStatus.RETIRED)),
    ("je suis en invalidité catégorie 2", Occupation(ActivityStatus.DISABLED)),
    ("au RSA", Occupation(ActivityStatus.UNEMPLOYED, 0.0)),
    ("sans revenu", Occupation(ActivityStatus.INACTIVE, 0.0)),
    ("1500", Occupation(None, 1500.0)),
])
def test_a_situation_and_its_amount_in_one_answer(text: str, expected: Occupation) -> None:
    assert read_occupation(text) == expected


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("zéro", "start_over", "inform"), ("0", "deny", "inform"), ("rien", "goodbye", "inform"),
    ("environ neuf cents", "human_request", "inform"), ("recommencer à zéro", "start_over", None),
    ("rappelez-moi au 0612345678", "human_request", None), ("zéro", "dont_know", None), ("bonjour", "greet", None),
])
def test_an_answer_shaped_message_is_an_answer(text: str, intent: str, expected: str | None) -> None:
    assert overridden_intent(text, intent) == expected


def test_answer_shape_needs_a_number_or_a_word_of_nothing() -> None:
    assert is_answer_shaped("trois") and is_answer_shaped("aucun")
    assert not is_answer_shaped("je veux parler à quelqu'un")


@pytest.mark.parametrize(("text", "monthly"), [
    ("1100 à 1200", 1150.0),                               # a close range without « entre »
    ("je touche 1200 de salaire et 200 de prime", 1400.0),  # two named earnings
    ("1200 de salaire et 150 de prime d'activité", 1200.0),  # an aid is not added: the salary is the answer
    ("la moitié de 900", 450.0),
])
def test_amounts_told_in_parts_or_as_a_range(text: str, monthly: float | None) -> None:
    found = read_amount(text)
    assert (found.monthly if found else None) == monthly


@pytest.mark.parametrize("text", ["60 euros par jour", "11,88 de l'heure", "300 à 1200"])
def test_amounts_that_are_not_a_month_are_not_guessed(text: str) -> None:
    found = read_amount(text)
    assert found is None or found.monthly not in (60.0, 11.88, 750.0)


@pytest.mark.parametrize(("text", "status"), [
    ("je suis maçon", ActivityStatus.EMPLOYED), ("elle est agent hospitalier", ActivityStatus.EMPLOYED),
    ("je ne travaille pas, je m'occupe de mes enfants", ActivityStatus.INACTIVE),
    ("je ne peux pas travailler à cause de ma santé", ActivityStatus.DISABLED),
    ("je perçois l'allocation aux adultes handicapés", ActivityStatus.DISABLED),
])
def test_a_situation_said_by_a_trade_a_home_or_health(text: str, status: ActivityStatus) -> None:
    found = read_activity(text)
    assert found is not None and found.status is status


@pytest.mark.parametrize(("text", "expected"), [
    ("à Bastia", "inform"), ("je suis en arrêt", "inform"), ("locataire", "inform"), ("Tout est juste.", "inform"),
    ("au revoir", None), ("merci, bonne journée", None), ("à bientôt", None),
])
def test_leaving_gives_way_to_a_place_an_activity_or_a_housing(text: str, expected: str | None) -> None:
    assert overridden_intent(text, "goodbye") == expected


@pytest.mark.parametrize(("text", "monthly"), [
    ("Sur l'année ça fait 6480 €, ça varie selon les mois", 540.0),  # « selon les mois » is no period
    ("9360 sur lannee", 780.0),                                      # SMS spelling of « l'année »
    ("800 par mois, ça dépend des mois", 800.0),
])
def test_a_year_told_as_such_is_divided_by_twelve(text: str, monthly: float) -> None:
    found = read_amount(text)
    assert found is not None and found.monthly == monthly


def test_work_that_sometimes_pays_nothing_is_work_with_its_amount_asked() -> None:
    found = read_occupation("Je fais de l'intérim, parfois j'ai des missions parfois rien.")
    assert found == Occupation(status=ActivityStatus.EMPLOYED, monthly=None)
    assert read_occupation("rien") == Occupation(status=ActivityStatus.INACTIVE, monthly=0.0)


@pytest.mark.parametrize("text", ["arret pour accident", "je suis en accident du travail", "arrêt"])
def test_a_stop_of_work_is_sick_leave(text: str) -> None:
    found = read_activity(text)
    assert found is not None and found.status is ActivityStatus.SICK_LEAVE


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("C'est ça. Vous pouvez continuer.", "help", "inform"),
    ("Oui c'est bien ma situation, merci pour la récapitulation.", "send_summary", "inform"),
    ("C'est exact, merci beaucoup.", "thank", "inform"),
    ("oui envoyez-moi le résumé par sms", "send_summary", None),
    ("ok merci au revoir", "goodbye", None),
    ("oui je veux être rappelé", "human_request", None),
])
def test_a_confirmation_with_a_polite_tail_is_an_answer(text: str, intent: str, expected: str | None) -> None:
    assert overridden_intent(text, intent) == expected
