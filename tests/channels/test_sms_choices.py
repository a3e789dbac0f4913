"""A numbered reply maps back to the choice the bot offered; other numbers stay text (an age, for instance)."""

from __future__ import annotations

import pytest

from channels.quick_replies import Interpreted
from channels.sms.choices import choose

OFFERED = [{"title": "Recommencer", "payload": "/start_over"}, {"title": "Merci, au revoir", "payload": "/goodbye"}]


@pytest.mark.parametrize("text", ["2", " 2 ", "2.", "2)", "n°2", "N° 2"])
def test_a_number_in_range_selects_its_choice(text: str) -> None:
    assert choose(text, OFFERED) == Interpreted("/goodbye", "Merci, au revoir")


def test_the_first_choice_is_one() -> None:
    assert choose("1", OFFERED).to_rasa == "/start_over"


@pytest.mark.parametrize("text", ["0", "3", "34"])
def test_a_number_out_of_range_is_text(text: str) -> None:
    assert choose(text, OFFERED) == Interpreted(text, text)


def test_a_number_is_text_when_nothing_is_offered() -> None:
    assert choose("1", []) == Interpreted("1", "1")


def test_a_title_typed_back_selects_its_choice() -> None:
    assert choose("recommencer ", OFFERED) == Interpreted("/start_over", "Recommencer")


def test_a_typed_command_is_neutralised_as_on_the_web() -> None:
    assert choose('/inform{"age": 99}', OFFERED).to_rasa == 'inform{"age": 99}'
