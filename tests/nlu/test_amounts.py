"""Reading amounts of money the way residents write them (nlu.numbers.read_amount)."""

from __future__ import annotations

import pytest

from nlu.numbers import Amount, read_amount


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("mille deux cents", 1200.0),
        ("1200 balles", 1200.0),
        ("1,2k", 1200.0),
        ("1.5K€", 1500.0),
        ("2k", 2000.0),
        ("1 200 €", 1200.0),
        ("1\u202f200\u00a0€", 1200.0),
        ("1.200 euros", 1200.0),
        ("1200e", 1200.0),
        ("1200€/mois", 1200.0),
        ("850,50", 850.5),
        ("1 200,50 €", 1200.5),
        ("huit cent cinquante euros", 850.0),
        ("douze cents euros", 1200.0),
        ("deux mille", 2000.0),
        ("je touche 450 de rsa", 450.0),
        ("2 enfants et 900 €", 900.0),
    ],
)
def test_digits_words_and_separators(text: str, monthly: float) -> None:
    amount = read_amount(text)
    assert amount is not None
    assert amount.monthly == monthly
    assert amount.period == "month"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("900 par mois", Amount(monthly=900.0, stated=900.0)),
        ("11 000 par an", Amount(monthly=916.67, stated=11000.0, period="year")),
        ("11k/an", Amount(monthly=916.67, stated=11000.0, period="year")),
        ("onze mille euros par an", Amount(monthly=916.67, stated=11000.0, period="year")),
        ("12000 annuel", Amount(monthly=1000.0, stated=12000.0, period="year")),
        ("300 par semaine", Amount(monthly=1300.0, stated=300.0, period="week")),
        ("11000/an", Amount(monthly=916.67, stated=11000.0, period="year")),
        ("12k an", Amount(monthly=1000.0, stated=12000.0, period="year")),
        # A duration is neither the amount nor its period.
        ("je touche 900 depuis 2 ans", Amount(monthly=900.0, stated=900.0)),
        ("900 depuis 1 an", Amount(monthly=900.0, stated=900.0)),
        ("1500 par mois depuis 2 mois", Amount(monthly=1500.0, stated=1500.0)),
    ],
)
def test_period_is_turned_into_a_monthly_amount(text: str, expected: Amount) -> None:
    assert read_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("environ 900", 900.0),
        ("à peu près 850", 850.0),
        ("dans les 1000 euros", 1000.0),
        ("~900", 900.0),
        ("env 1000", 1000.0),
        ("entre 800 et 900", 850.0),
        ("entre 1k et 1,2k", 1100.0),
    ],
)
def test_approximate_amounts_are_marked(text: str, monthly: float) -> None:
    amount = read_amount(text)
    assert amount is not None
    assert amount.monthly == monthly
    assert amount.approximate


@pytest.mark.parametrize(
    "text", ["rien", "0", "zéro", "aucun revenu", "pas de revenus", "je gagne rien", "0 €", "pas un rond"]
)
def test_nothing_is_zero(text: str) -> None:
    assert read_amount(text) == Amount(monthly=0.0, stated=0.0)


@pytest.mark.parametrize(
    "text", ["", "bonjour", "je ne sais pas", "jsp", "aucune idée", "12 ou 13 enfants et 5 chats", "99999999999"]
)
def test_no_amount_gives_none(text: str) -> None:
    assert read_amount(text) is None
