"""Rendering for SMS: GSM-7 typography, accents folded only when it saves a segment, numbered choices."""

from __future__ import annotations

import pytest

from channels.rasa_client import BotMessage, Button
from channels.sms.render import choice_prompt, fold_accents, render_for_sms, render_turn, typographic
from channels.sms.segments import count_segments, is_gsm7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C’est noté", "C'est noté"),
        ("Écrivez « bonjour » quand vous voulez", 'Écrivez "bonjour" quand vous voulez'),
        ("Écrivez «\u202fbonjour\u202f»", 'Écrivez "bonjour"'),
        ("environ 651,69\u00a0€ par mois", "environ 651,69 € par mois"),
        ("1\u202f368,50\u00a0€", "1 368,50 €"),
        ("Attendez…", "Attendez..."),
        ("oui – ou non — peut-être", "oui - ou non - peut-être"),
        ("sœur et cœur", "soeur et coeur"),
        ("deux  espaces\tet une tabulation ", "deux espaces et une tabulation"),
        ("ligne 1\nligne 2", "ligne 1\nligne 2"),
    ],
)
def test_typographic_characters_become_their_gsm7_equivalents(text: str, expected: str) -> None:
    assert typographic(text) == expected


def test_links_are_kept_whole() -> None:
    url = "https://www.caf.fr/allocataires/aides-et-demarches/droits-et-prestations/vie-personnelle/le-rsa"
    assert url in render_for_sms(f"Pour faire la demande : {url}")


def test_fold_accents_keeps_the_letters_gsm7_has() -> None:
    assert fold_accents("âge, être, île, côte, sûr, Noël, naïf, reçu, À, É, è, à, ù") == (
        "age, etre, ile, cote, sur, Noel, naif, recu, A, É, è, à, ù"
    )


def test_accents_are_kept_when_folding_saves_nothing() -> None:
    assert render_for_sms("Quel âge avez-vous ?") == "Quel âge avez-vous ?"


def test_accents_are_folded_when_that_saves_a_segment() -> None:
    text = "Êtes-vous sûr ? " + "a" * 80
    assert count_segments(text).segments == 2
    rendered = render_for_sms(text)
    assert rendered.startswith("Etes-vous sur ?")
    assert is_gsm7(rendered)
    assert count_segments(rendered).segments == 1


@pytest.mark.parametrize(
    ("first", "last", "prompt"),
    [(1, 1, "Répondez 1"), (1, 2, "Répondez 1 ou 2"), (1, 3, "Répondez 1, 2 ou 3"), (3, 4, "Répondez 3 ou 4")],
)
def test_choice_prompt(first: int, last: int, prompt: str) -> None:
    assert choice_prompt(first, last) == prompt


def test_buttons_become_numbered_choices() -> None:
    turn = render_turn([
        BotMessage("D'accord."),
        BotMessage("Puis-je faire autre chose pour vous ?", [
            Button("Recommencer", "/start_over"), Button("Merci, au revoir", "/goodbye"),
        ]),
    ])
    assert turn.bodies == [
        "D'accord.",
        "Puis-je faire autre chose pour vous ?\n1. Recommencer\n2. Merci, au revoir\nRépondez 1 ou 2",
    ]
    assert turn.choices == [
        {"title": "Recommencer", "payload": "/start_over"}, {"title": "Merci, au revoir", "payload": "/goodbye"},
    ]


def test_choices_are_numbered_across_the_turn() -> None:
    turn = render_turn([
        BotMessage("A ?", [Button("Oui", "/affirm"), Button("Non", "/deny")]),
        BotMessage("B ?", [Button("Peut-être", "/maybe")]),
    ])
    assert turn.bodies[1] == "B ?\n3. Peut-être\nRépondez 3"
    assert [choice["payload"] for choice in turn.choices] == ["/affirm", "/deny", "/maybe"]


def test_a_message_of_buttons_only_still_lists_them_and_empty_messages_are_dropped() -> None:
    turn = render_turn([BotMessage("  "), BotMessage("", [Button("Oui", "/affirm")])])
    assert turn.bodies == ["1. Oui\nRépondez 1"]
