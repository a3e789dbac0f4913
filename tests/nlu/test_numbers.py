"""Reading ages the way residents write them (nlu/numbers.py)."""

from __future__ import annotations

from datetime import date

import pytest

from nlu.numbers import age_from_birth_year, is_plausible_age, normalise, read_age

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("34", 34),
        (" 34 ", 34),
        ("j'ai 34 ans", 34),
        ("J’ai 34 ans", 34),
        ("34 ans.", 34),
        ("34ans", 34),
        ("jai 34 ans", 34),
        ("j ai 34 an", 34),
        ("trente-quatre ans", 34),
        ("trente quatre", 34),
        ("vingt et un ans", 21),
        ("quatre-vingt-dix-neuf ans", 99),
        ("j'ai 34 ans et 2 enfants", 34),
        ("2 enfants et 34 ans", 34),
    ],
)
def test_read_age_digits_words_and_sms_style(text: str, expected: int) -> None:
    assert read_age(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("né en 1989", 37),
        ("née en 1975", 51),
        ("1989", 37),
        ("je suis né en mille neuf cent quatre-vingt-neuf", 37),
        ("né en 2026", 0),
    ],
)
def test_read_age_from_birth_year_uses_today(text: str, expected: int) -> None:
    assert read_age(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "bonjour", "je ne sais pas", "12 ou 13", "né en 2030", "un chat", "?!"],
)
def test_read_age_unreadable_gives_none(text: str) -> None:
    assert read_age(text, today=TODAY) is None


@pytest.mark.parametrize(
    ("age", "plausible"), [(14, False), (15, True), (34, True), (120, True), (121, False), (0, False)]
)
def test_is_plausible_age_bounds(age: int, plausible: bool) -> None:
    assert is_plausible_age(age) is plausible


def test_read_age_out_of_range_is_still_read_so_the_bot_can_say_why() -> None:
    assert read_age("150", today=TODAY) == 150
    assert read_age("j'ai 8 ans", today=TODAY) == 8


def test_age_from_birth_year_rejects_future_and_ancient_years() -> None:
    assert age_from_birth_year(2027, TODAY) is None
    assert age_from_birth_year(1899, TODAY) is None
    assert age_from_birth_year(2000, TODAY) == 26


def test_normalise_turns_words_into_digits_and_unifies_spaces() -> None:
    assert normalise("  J’ai\u00a0Trente-Quatre  ans ") == "j'ai 34 ans"
