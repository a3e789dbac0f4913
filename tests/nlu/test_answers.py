"""One reader per kind of question, "je ne sais pas", and what a correction is about (nlu.answers)."""

from __future__ import annotations

import pytest

from nlu.answers import READERS, UNKNOWN, correction_target, read_answer
from nlu.household import CoupleStatus
from nlu.numbers import Amount


def test_read_answer_uses_the_reader_of_the_question() -> None:
    assert read_answer("amount", "1200 balles") == Amount(monthly=1200.0, stated=1200.0)
    assert read_answer("couple", "pacsée") is CoupleStatus.PACS
    assert read_answer("yes_no", "ouais") is True
    assert read_answer("age", "34") == 34


@pytest.mark.parametrize("kind", sorted(READERS))
def test_dont_know_is_unknown_for_every_kind(kind: str) -> None:
    assert read_answer(kind, "jsp") is UNKNOWN
    assert read_answer(kind, "aucune idée") is UNKNOWN


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("non en fait j'ai 3 enfants", "children"),
        ("je me suis trompé sur le loyer", "rent"),
        ("erreur, j'ai 35 ans", "age"),
        ("je voulais dire que je suis pacsée", "couple"),
        ("mon salaire c'est 1200 pas 1500", "income"),
        ("en fait je suis locataire", "housing"),
        ("je me suis trompé", None),
    ],
)
def test_correction_target(text: str, topic: str | None) -> None:
    assert correction_target(text) == topic
