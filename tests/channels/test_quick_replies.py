"""Quick replies: chosen payloads go to Rasa, typed commands do not."""

from __future__ import annotations

import pytest

from channels.quick_replies import Interpreted, interpret

OFFERED = [{"title": "Recommencer", "payload": "/restart"}, {"title": "Au revoir", "payload": "/goodbye"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/restart", Interpreted("/restart", "Recommencer")),
        ("recommencer", Interpreted("/restart", "Recommencer")),
        ("j'ai 34 ans", Interpreted("j'ai 34 ans", "j'ai 34 ans")),
        ('/inform{"age": 99}', Interpreted('inform{"age": 99}', '/inform{"age": 99}')),
        ("/", Interpreted("?", "/")),
    ],
)
def test_interpret(text: str, expected: Interpreted) -> None:
    assert interpret(text, OFFERED) == expected


def test_payload_not_offered_is_not_a_command() -> None:
    assert interpret("/restart", []).to_rasa == "restart"
