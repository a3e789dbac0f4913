"""Yes, no and "je ne sais pas" (nlu.replies)."""

from __future__ import annotations

import pytest

from nlu.replies import is_dont_know, read_yes_no


@pytest.mark.parametrize(
    "text",
    [
        "oui",
        "Ouais",
        "ouai",
        "ok",
        "OK !",
        "d'accord",
        "dac",
        "bien sûr",
        "carrément",
        "yes",
        "ui",
        "Oui merci",
        "pas de souci",
        "ça marche",
        "👍",
        "si",
        "mais si",
        "exact",
        "je crois",
        "volontiers",
        "bah oui",
    ],
)
def test_yes(text: str) -> None:
    assert read_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "non",
        "nan",
        "nn",
        "NON MERCI",
        "pas du tout",
        "absolument pas",
        "bien sûr que non",
        "pas d'accord",
        "jamais",
        "je crois pas",
        "je ne pense pas",
        "pas vraiment",
        "nope",
        "aucun",
    ],
)
def test_no(text: str) -> None:
    assert read_yes_no(text) is False


@pytest.mark.parametrize("text", ["", "peut-être", "oui et non", "bof", "jsp", "je ne sais pas", "bonjour", "34"])
def test_neither_gives_none(text: str) -> None:
    assert read_yes_no(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "je ne sais pas",
        "je sais pas",
        "jsp",
        "JSP",
        "aucune idée",
        "aucune idee",
        "chais pas",
        "j'en sais rien",
        "je sais plus",
        "pas sûr",
        "je ne me souviens pas",
        "euh je sais pas trop",
        "nsp",
        "Je n'en ai aucune idée",
    ],
)
def test_dont_know(text: str) -> None:
    assert is_dont_know(text)


@pytest.mark.parametrize("text", ["oui", "non", "34", "je sais", "pas du tout", "je suis sûr", "sans enfant"])
def test_not_dont_know(text: str) -> None:
    assert not is_dont_know(text)
