"""An answer with several numbers: the one meant (nlu.amount_choice through nlu.numbers.read_amount)."""

from __future__ import annotations

import pytest

from nlu.numbers import read_amount


@pytest.mark.parametrize(("text", "monthly"), [
    # the conclusion of an explanation
    ("au début je touchais 1 300 mais ça a baissé, maintenant c'est 1 040", 1040.0),
    ("400 de base, 120 de complémentaire, donc 520 en tout", 520.0),
    ("les bons mois 1 800, en moyenne plutôt 1 300", 1300.0),
    ("le loyer total fait 900, nous sommes 3, ma part c'est 300", 300.0),
    ("2 300 brut, ce qui tombe sur le compte c'est 1 790", 1790.0),
    ("j'avais 8 000 l'an dernier mais il me reste 2 500", 2500.0),
    # parts told to be added
    ("loyer 540 charges 60", 600.0),
    ("480 hors charges et 35 de charges", 515.0),
    ("3 000 sur le livret A et 1 500 sur un LEP", 4500.0),
    ("retraite de base 650 + complémentaire 140", 790.0),
    ("la sécu me verse 900 et l'employeur complète de 200", 1100.0),
    # small numbers beside an amount are counts, floors or ranks
    ("un T3 au 4e étage, 720 par mois", 720.0),
    ("on est en coloc à 3, je paye 410", 410.0),
    # other periods and spellings
    ("1 800 par trimestre", 600.0),
    ("6OO", 600.0),
    ("environ 5 cent", 500.0),
])
def test_the_amount_meant_among_several(text: str, monthly: float) -> None:
    amount = read_amount(text)
    assert amount is not None and amount.monthly == monthly


@pytest.mark.parametrize("text", [
    "720 charges comprises et 30 de parking",  # one figure already with its charges, and something else
    "le loyer de 600 et la taxe de 80",  # two figures, nothing says which one is meant
])
def test_numbers_that_tell_no_single_amount_stay_unread(text: str) -> None:
    assert read_amount(text) is None
