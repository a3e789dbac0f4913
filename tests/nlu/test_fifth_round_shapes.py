"""Shapes a fifth round of blind dev parts showed, in new words: amounts qualified after them, rough numbers and
years, the resident's own clause, idle partners, disabilities of someone else, children corrected one age at a time
(nlu.amount_choice, nlu.amount_words, nlu.activity, nlu.disability, nlu.children_said)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.actions.readings import read_slot
from nlu.children import read_children
from nlu.disability import read_disability
from nlu.numbers import read_amount

TODAY = date(2026, 12, 3)


def _values(slot: str, text: str) -> dict[str, Any]:
    reading = read_slot(slot, text, today=TODAY, resident_age=40.0)
    assert reading.understood, reading.problem
    return reading.values


@pytest.mark.parametrize(("text", "monthly"), [
    ("1350e net, 1700 brut", 1350.0),                      # « net » qualifies its own number, not the next one
    ("sur le bulletin 2 100 en brut et 1 640 en net", 1640.0),
    ("1 250 net + 60 de prime tous les mois", 1310.0),    # a sum with its thousands apart
    ("2 950 + 80", 3030.0),
    ("il touche 1 020 par mois, soit 34 par jour", 1020.0),  # a rate per day told beside the month
    ("je gagnais 1 300 mais j'ai pris un nouveau poste, je touche 1 500 maintenant", 1500.0),
    ("je gagne 1400 par mois, ah non pardon c'est 1480", 1480.0),
    ("j'ai 3000 dessus, non attendez, 3200", 3200.0),     # a correction with a word between
    ("pas grand chose, une trentaine d'euros", 30.0),       # a rough number
    ("une dizaine de milliers d'euros", 10000.0),
    ("entre 600 et 900, je sais plus, mettons 700", 700.0),  # a range the resident settles
    ("sur l'année ça fait à peu près 9600, des fois plus, le mois dernier rien", 800.0),
    ("90 euros la journée, une quinzaine... non une vingtaine de jours par mois", 1800.0),
])
def test_amounts_told_with_their_qualifiers(text: str, monthly: float) -> None:
    amount = read_amount(text)
    assert amount is not None and amount.monthly == pytest.approx(monthly)


@pytest.mark.parametrize("text", ["pa 1 rond", "pas 1 centime sur le livret"])
def test_nothing_typed_with_a_digit(text: str) -> None:
    amount = read_amount(text)
    assert amount is not None and amount.monthly == 0.0


def test_a_year_is_no_pension() -> None:
    assert _values("pension", "non pas encore, ma retraite ce sera en 2029") == {"pension": 0.0}


@pytest.mark.parametrize(("text", "status", "income"), [
    ("ma femme est retraitée avec 1 250, et moi je suis en congé parental, 430 de la CAF", "parental_leave", 430.0),
    ("mon copain est au chômage mais moi je suis salarié, 1 320 net, et lui il touche 900", "employed", 1320.0),
    ("je suis pas encore à la retraite, je suis demandeuse d'emploi, je touche 980 par mois", "unemployed", 980.0),
    ("j'étais au chômage jusqu'en mai, là je bosse en CDD, 1 390 net, mon chômage c'était 900", "employed", 1390.0),
    ("je suis livreur 1500 net", "employed", 1500.0),      # pay told « net » is a salary
    ("étudiante, sans rien toucher", "student", 0.0),
])
def test_the_residents_own_situation(text: str, status: str, income: float) -> None:
    assert _values("activity", text) == {"activity": status, "income": income}


@pytest.mark.parametrize("text", ["chui o foyer", "je suis o foyer avec les petits"])
def test_au_typed_as_it_sounds(text: str) -> None:
    assert _values("activity", text)["activity"] == "inactive"


@pytest.mark.parametrize(("text", "status", "monthly"), [
    ("il bosse pas, il a rien", "inactive", 0.0),           # not working, nothing paid, not looking
    ("il travaille plus du tout et touche plus rien", "inactive", 0.0),
    ("il bosse pas, il cherche, il touche rien", "unemployed", 0.0),  # looking for work: unemployed
    ("elle est o chomage mais elle touche r", "unemployed", 0.0),
    ("il a 1 300 de retraite et fait un peu de jardinage à côté, environ 200 par mois", "retired", 1500.0),
    ("sa retraite c'est 1500, et en plus des ménages, ça lui rapporte 300 de plus", "retired", 1800.0),
    ("elle fait de l'intérim, des fois rien, sur l'année ça fait autour de 14400", "employed", 1200.0),
])
def test_the_partners_situation(text: str, status: str, monthly: float) -> None:
    assert _values("partner_situation", text)["partner_situation"] == {"status": status, "monthly": monthly}


@pytest.mark.parametrize(("text", "rate"), [
    ("oui 50 pr100", 50.0),
    ("demande MDPH en cours", 0.0),                         # no recognition yet
    ("moi non, c'est ma fille qui est reconnue à 50 %", 0.0),  # someone else's disability
    ("on m'avait mis 50 % puis c'est passé à 80 % cette année", 80.0),
    ("oui reconnue, le taux je sais plus", True),
    ("non", 0.0),
])
def test_a_disability_and_its_rate(text: str, rate: float | bool) -> None:
    assert read_disability(text) == rate


@pytest.mark.parametrize("text", ["je préfère ne pas en parler", "jpref pas repondre", "c'est personnel"])
def test_a_refusal_is_a_skip(text: str) -> None:
    assert _values("disability", text) == {"disability": "unknown"}


@pytest.mark.parametrize(("text", "count", "ages"), [
    ("3 enfants de 4, 7 et 10 ans, pardon 11 ans pas 10", 3, (4, 7, 11)),  # one age corrected
    ("2 enfants de 3 et 5 ans euh non 3 et 6", 2, (3, 6)),
    ("ma fille vit chez moi, elle a 15 ans ; mon fils, lui, est parti vivre à Lyon", 1, (15,)),
    ("un fils de 12 ans qui vit avec moi, et une fille de 21 ans mais elle ne vit plus à la maison, "
     "elle s'est installée à Nantes", 1, (12,)),
    ("oui j'ai 2 garçons 1 de 6 et l'autre de 9", 2, (6, 9)),
    ("mes deux petits-enfants que j'élève, 8 et 11 ans, avec ma petite retraite", 2, (8, 11)),
    ("2 enfants : mon fils a eu 6 ans en mai et ma fille aura 3 ans en février", 2, (6, 2)),
])
def test_children_told_with_corrections_and_departures(text: str, count: int, ages: tuple[int, ...]) -> None:
    children = read_children(text, TODAY)
    assert children is not None and children.count == count and sorted(children.ages) == sorted(ages)


@pytest.mark.parametrize("text", [
    "pas d'enfants pour l'instant, c'est juste nous deux",
    "aucun pour le moment, mais je suis enceinte de 4 mois donc bientôt un",
])
def test_no_child_yet(text: str) -> None:
    children = read_children(text, TODAY)
    assert children is not None and children.count == 0
