"""Opt-out and opt-in keywords: one word, any case, with or without accent and surrounding spaces."""

from __future__ import annotations

import pytest

from channels.sms.keywords import Keyword, keyword


@pytest.mark.parametrize(
    "text",
    ["STOP", "stop", " Stop ", "STOPALL", "ARRET", "arrêt", "ARRÊT", "Arret", "UNSUBSCRIBE", "cancel", "END",
     "quit", "STOP.", "stop !", "\tSTOP\n"],
)
def test_opt_out_words(text: str) -> None:
    assert keyword(text) is Keyword.OPT_OUT


@pytest.mark.parametrize("text", ["START", "start", " Unstop "])
def test_opt_in_words(text: str) -> None:
    assert keyword(text) is Keyword.OPT_IN


@pytest.mark.parametrize("text", ["EFFACER", "effacer", " Oublier ", "OUBLIER !", "Effacer."])
def test_forget_words(text: str) -> None:
    assert keyword(text) is Keyword.FORGET


@pytest.mark.parametrize(
    "text",
    ["effacer mes données", "oubliez-moi", "stop svp", "je veux que ça s'arrête", "STOP STOP", "stopper", "", "2",
     "arrêtez", "la fin", "STOP?"],
)
def test_other_messages_are_not_keywords(text: str) -> None:
    assert keyword(text) is None
