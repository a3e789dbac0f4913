"""Ages told beside other numbers, work paid by the day or the hour, situations told with what they are not: shapes
a third blind set showed, in new words (nlu.ages_said, nlu.numbers.worked_out, nlu.activity)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.actions.readings import read_slot
from nlu.activity import ActivityStatus, read_activity
from nlu.numbers import read_age, read_amount

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(("text", "age"), [
    ("je suis né le 20 décembre 1980", 45),       # the birthday of this year is still to come
    ("née le 02/11/1980", 46),
    ("dans ma soixante-dixième année", 69),
    ("47 ou 48... non 47", 47),
    ("j'ai 52 ans, je vis ici depuis 20 ans", 52),
])
def test_an_age_told_beside_other_numbers(text: str, age: int) -> None:
    assert read_age(text, TODAY) == age


@pytest.mark.parametrize(("text", "age"), [
    ("moi 44, lui 47", 47.0),
    ("j'ai 50 ans et elle 4 ans de moins", 46.0),
    ("on a le même âge, 61 ans", 61.0),
    ("mon mari a 58 ans, enfin 59 dans une semaine, donc pour l'instant 58", 58.0),
])
def test_a_partners_age_told_beside_the_residents(text: str, age: float) -> None:
    assert read_slot("partner_age", text, today=TODAY).values == {"partner_age": age}


@pytest.mark.parametrize(("text", "monthly"), [
    ("70 euros par jour, à peu près 10 jours par mois", 700.0),
    ("25 heures par semaine à 12 euros de l'heure", 1300.0),
    ("environ 950 euros, 24h par semaine", 950.0),
    ("18000 net par an, faites le calcul par mois", 1500.0),
])
def test_work_paid_by_the_day_or_the_hour_and_the_period_next_to_the_amount(text: str, monthly: float) -> None:
    amount = read_amount(text)
    assert amount is not None and amount.monthly == monthly


@pytest.mark.parametrize(("text", "status"), [
    ("j'étais au chômage mais j'ai retrouvé un poste de magasinier", ActivityStatus.EMPLOYED),
    ("pas retraité, pas salarié, je suis au chômage", ActivityStatus.UNEMPLOYED),
    ("je fais les marchés pour un patron", ActivityStatus.EMPLOYED),
    ("reconnue travailleuse handicapée mais je travaille à mi-temps", ActivityStatus.EMPLOYED),
    ("pensionnée d'invalidité", ActivityStatus.DISABLED),
    ("sans revenu, j'attends la réponse de la MDPH", ActivityStatus.INACTIVE),
    ("agent d'entretien dans un lycée", ActivityStatus.EMPLOYED),
    ("inactif", ActivityStatus.INACTIVE),
])
def test_a_situation_told_with_what_it_is_not(text: str, status: ActivityStatus) -> None:
    activity = read_activity(text)
    assert activity is not None and activity.status is status


def test_the_partners_situation_is_what_follows_lui_after_the_residents() -> None:
    reading = read_slot("partner_situation", "moi je suis en arrêt mais lui il est au chômage, 950 par mois",
                        today=TODAY)
    assert reading.values == {"partner_situation": {"status": "unemployed", "monthly": 950.0}}


@pytest.mark.parametrize(("text", "value"), [("oui taux 60", 60.0), ("Oui, quatre-vingts pour cent.", 80.0),
                                             ("je préfère pas répondre", "unknown")])
def test_a_disability_rate_said_with_taux_or_in_words(text: str, value: object) -> None:
    assert read_slot("disability", text, today=TODAY).values == {"disability": value}


@pytest.mark.parametrize(("text", "expected"), [
    ("moi je suis retraitée avec 800 euros et mon mari lui travaille encore, il gagne 1600",
     {"status": "employed", "monthly": 1600.0}),
    ("il bosse en usine, 1900 avec les primes. Moi je travaille pas, je m'occupe des enfants",
     {"status": "employed", "monthly": 1900.0}),
    ("retraité, 1000 € de retraite de base et 250 € de complémentaire", {"status": "retired", "monthly": 1250.0}),
    ("il a le minimum vieillesse, environ 1000", {"status": "retired", "monthly": 1000.0}),
])
def test_the_partners_situation_without_the_residents_own(text: str, expected: dict[str, object]) -> None:
    assert read_slot("partner_situation", text, today=TODAY).values == {"partner_situation": expected}


def test_an_aid_told_with_a_salary_is_left_out() -> None:
    amount = read_amount("1300 de salaire et 120 de prime d'activité")
    assert amount is not None and amount.monthly == 1300.0
