"""Each answer of the bilan read in light of its question (bot/actions/readings.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.actions.readings import Choice, read_slot

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("slot", "text", "values"),
    [
        ("depcom", "69200", {"depcom": "69259"}),
        ("depcom", "venissieux", {"depcom": "69259"}),
        ("depcom", "75011", {"depcom": "75056"}),
        ("depcom", "Bastia", {"depcom": "2B033"}),
        ("age", "jai 34ans", {"age": 34.0}),
        ("age", "né en 1955", {"age": 71.0}),
        ("partner_age", "il a 67 ans", {"partner_age": 67.0}),
        ("couple", "je vis seule", {"couple": "single"}),
        ("couple", "pacsé", {"couple": "pacs"}),
        ("couple", "ouais", {"couple": "couple"}),
        ("children", "pas d'enfant", {"children": 0.0}),
        ("children", "2 enfants de 3 et 7 ans", {"children": [3.0, 7.0]}),
        ("children", "3", {"children": 3.0}),
        ("child_ages", "4 ans et 9 ans", {"child_ages": [4.0, 9.0]}),
        ("housing", "locataire HLM", {"housing": "social_tenant"}),
        ("housing", "hébergé chez ma mère", {"housing": "hosted"}),
        ("rent", "550 euros", {"rent": 550.0}),
        ("rent", "rien", {"rent": 0.0}),
        ("rent", "non", {"rent": 0.0}),
        ("activity", "en CDI à mi-temps", {"activity": "employed"}),
        ("activity", "au RSA", {"activity": "unemployed", "income": 0.0}),
        ("activity", "retraitée", {"activity": "retired"}),
        ("activity", "retraitée, 710 € par mois", {"activity": "retired", "income": 710.0}),
        ("activity", "retraité depuis 2019", {"activity": "retired"}),
        ("activity", "job étudiant, enfin plus étudiant", {"activity": "employed"}),
        ("partner_situation", "il est au chômage, 1100", {"partner_situation": {"status": "unemployed",
                                                                                "monthly": 1100.0}}),
        ("partner_situation", "sans revenu", {"partner_situation": {"status": "inactive", "monthly": 0.0}}),
        ("income", "je ne sais pas exactement, environ 1 100", {"income": 1100.0}),
        ("income", "950 non 590", {"income": 590.0}),
        ("rent", "520 + 40 de charges", {"rent": 560.0}),
        ("age", "38 pas 36", {"age": 38.0}),
        ("children", "oui 2 : 8 ans et 9 ans", {"children": [8.0, 9.0]}),
        ("children", "le grand a 15 ans et la petite 8", {"children": [15.0, 8.0]}),
        ("couple", "je ne suis pas en couple", {"couple": "single"}),
        ("housing", "on paie le crédit de la maison", {"housing": "owner"}),
        ("housing", "une chambre au CROUS", {"housing": "student_residence"}),
        ("income", "mille deux cents", {"income": 1200.0}),
        ("income", "11 000 par an", {"income": 916.67}),
        ("partner_income", "1400 balles", {"partner_income": 1400.0}),
        ("pension", "0", {"pension": 0.0}),
        ("disability", "non", {"disability": 0.0}),
        ("disability", "oui à 80 %", {"disability": 80.0}),
        ("disability", "oui", {"disability": "yes"}),
        ("savings", "environ 3000", {"savings": 3000.0}),
    ],
)
def test_an_answer_is_read_with_the_reader_of_its_question(slot: str, text: str, values: dict[str, Any]) -> None:
    reading = read_slot(slot, text, today=TODAY)
    assert reading.understood
    assert reading.values == values


@pytest.mark.parametrize("slot", ["depcom", "age", "children", "housing", "income", "savings"])
@pytest.mark.parametrize("text", ["je sais pas", "jsp", "aucune idée", "passer"])
def test_dont_know_or_skip_is_recorded_as_unknown(slot: str, text: str) -> None:
    assert read_slot(slot, text, today=TODAY).values == {slot: "unknown"}


@pytest.mark.parametrize(
    ("slot", "text", "problem"),
    [
        ("age", "un chat", "utter_age_unreadable"),
        ("age", "8", "utter_age_out_of_range"),
        ("partner_age", "j'ai 150 ans", "utter_partner_age_out_of_range"),
        ("couple", "bleu", "utter_couple_unreadable"),
        ("housing", "euh", "utter_housing_unreadable"),
        ("income", "beaucoup", "utter_income_unreadable"),
        ("depcom", "zzzzqqq", "utter_depcom_unreadable"),
        ("disability", "peut-être", "utter_disability_unreadable"),
    ],
)
def test_an_unreadable_answer_names_the_response_that_explains_it(slot: str, text: str, problem: str) -> None:
    reading = read_slot(slot, text, today=TODAY)
    assert not reading.understood
    assert reading.problem == problem
    assert reading.values == {}


def test_an_ambiguous_commune_offers_choices_then_accepts_the_code_chosen() -> None:
    reading = read_slot("depcom", "saint denis", today=TODAY)
    assert reading.problem == "utter_depcom_choose"
    assert Choice("Saint-Denis (93, Seine-Saint-Denis)", "93066") in reading.choices
    assert 2 <= len(reading.choices) <= 4
    offered = [choice.insee for choice in reading.choices]
    assert read_slot("depcom", "93066", today=TODAY, offered=offered).values == {"depcom": "93066"}


def test_a_value_set_by_an_action_is_kept_as_it_is() -> None:
    assert read_slot("children", 3.0, today=TODAY).values == {"children": 3.0}


@pytest.mark.parametrize(("slot", "text", "values"), [
    ("children", "2 enfants de 3 et 7 ans, et j'attends un bébé", {"children": [3.0, 7.0], "pregnant": True}),
    ("children", "pas encore, je suis enceinte", {"children": 0.0, "pregnant": True}),
    ("children", "2 + 1 en route", {"children": 2.0, "pregnant": True}),
    ("activity", "je suis en fin de droits", {"activity": "unemployed", "income": 0.0, "unemployment_ended": True}),
    ("activity", "au chômage, je touche l'ASS", {"activity": "unemployed", "unemployment_ended": True}),
    ("activity", "au chômage, 900", {"activity": "unemployed", "income": 900.0}),
])
def test_a_fact_told_along_with_an_answer_is_kept_with_it(slot: str, text: str, values: dict[str, Any]) -> None:
    assert read_slot(slot, text, today=TODAY).values == values


@pytest.mark.parametrize(("text", "resident_age", "values"), [
    ("il a 5 ans de plus que moi", 60.0, {"partner_age": 65.0}),
    ("le même âge que moi", 45.0, {"partner_age": 45.0}),
    ("trois ans de moins que moi", 30.0, {"partner_age": 27.0}),
])
def test_a_partners_age_told_from_the_residents(text: str, resident_age: float, values: dict[str, Any]) -> None:
    assert read_slot("partner_age", text, today=TODAY, resident_age=resident_age).values == values


def test_a_relative_age_without_the_residents_is_asked_again() -> None:
    assert read_slot("partner_age", "5 ans de plus que moi", today=TODAY).problem == "utter_partner_age_unreadable"


@pytest.mark.parametrize(("slot", "text", "values"), [
    ("age", "la cinquantaine", {"age": 55.0}), ("age", "la quarantaine passée", {"age": 48.0}),
    ("rent", "c'est 450 mais la CAF en paie 200", {"rent": 450.0}),
])
def test_decades_and_a_rent_partly_paid_by_the_caf(slot: str, text: str, values: dict[str, Any]) -> None:
    assert read_slot(slot, text, today=TODAY).values == values


@pytest.mark.parametrize("text", ["la soixantaine", "la vingtaine"])
def test_a_decade_that_straddles_a_threshold_of_the_law_is_asked_again(text: str) -> None:
    assert not read_slot("age", text, today=TODAY).understood


@pytest.mark.parametrize(("slot", "text", "values"), [
    ("housing", "Je suis locataire d'un appartement dans le privé, je passe par une agence.", {"housing": "tenant"}),
    ("housing", "Je suis SDF, je passe certaines nuits en hébergement d'urgence.", {"housing": "homeless"}),
    ("depcom", "Le code postal c'est 35000. Je connais pas bien le nom officiel de la commune.", {"depcom": "35238"}),
    ("activity", "Je suis en invalidité depuis quelques années après une maladie grave.", {"activity": "disabled"}),
    ("income", "je préfère ne pas répondre à cette question", {"income": "unknown"}),
    ("income", "je passe", {"income": "unknown"}),
    ("couple", "je sais pas", {"couple": "unknown"}),
])
def test_skip_and_doubt_words_inside_a_long_answer_that_answers(slot: str, text: str, values: dict[str, Any]) -> None:
    assert read_slot(slot, text, today=TODAY).values == values


def test_a_shared_postcode_told_with_a_doubt_offers_its_communes() -> None:
    reading = read_slot("depcom", "Le code postal c'est 20200. Je connais pas le nom de la commune.", today=TODAY)
    assert "2B033" in [choice.insee for choice in reading.choices]


def test_an_amount_earned_by_the_partner_is_a_salary_and_an_exact_figure_after_a_guess_is_exact() -> None:
    partner = read_slot("partner_situation", "mon compagnon gagne 1650 par mois", today=TODAY)
    assert partner.values == {"partner_situation": {"status": "employed", "monthly": 1650.0}}
    corrected = read_slot("income", "environ... non, 370 pile", today=TODAY)
    assert corrected.values == {"income": 370.0} and not corrected.approximate


@pytest.mark.parametrize(("slot", "text"), [
    ("rent", "ah je me suis trompé, j'ai 43 ans pas 34"),
    ("partner_situation", "je comprends rien à ce que vous demandez"),
    ("income", "non mais franchement je vois pas pourquoi vous demandez tout ça à chaque fois"),
])
def test_a_long_message_with_a_no_in_it_is_not_an_amount_of_zero(slot: str, text: str) -> None:
    reading = read_slot(slot, text, today=TODAY)
    assert reading.values.get(slot) not in (0.0, {"status": "inactive", "monthly": 0.0})


@pytest.mark.parametrize(("slot", "text"), [
    ("income", "non"), ("rent", "rien"), ("pension", "Non, je ne perçois pas encore de retraite, dans deux ans."),
    ("income", "je suis au chômage mais je ne perçois plus aucune allocation depuis l'été dernier"),
])
def test_nothing_said_short_or_in_so_many_words_is_zero(slot: str, text: str) -> None:
    assert read_slot(slot, text, today=TODAY).values == {slot: 0.0}
