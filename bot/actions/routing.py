"""What a resident's message is while a question of the bilan waits: its answer, or a request of another kind
(pure, no Rasa import).

The intent classifier sees the text alone; the form knows which question waits. `route` joins both: the
classifier's intent decides only what the readers of the pending question cannot read.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from bot.actions.readings import KIND_OF_SLOT, read_slot
from bot.actions.recap import RECAP, TOPIC, recap_answer
from nlu.text import fold

ANSWER: Final = "inform"
"""The route of a message read as the answer to the pending question."""

GLOBAL_INTENTS: Final = frozenset(
    {
        "start", "greet", "goodbye", "start_over", "bot_challenge", "out_of_scope", "why_asked", "help",
        "human_request", "insult", "send_summary",
    }
)
"""Intents that the recap never reads as an answer: the rules answer them (the domain's `not_intent` lists)."""

READ_FIRST: Final = frozenset({"out_of_scope", "greet", "start", "why_asked"})
"""Intents a question of the bilan and the recap read first: « Non, plus maintenant, on s'est séparés », « bonjour,
j'habite à Rouen », « c'est exact, j'ai hâte de voir à quoi j'ai droit » or « non, je suis séparée, c'est pour ça
que je regarde mes droits » may look off-topic, like a greeting, like asking for a bilan or asking why to the
classifier, yet answer what waits. Only what the reader cannot read gets the
off-topic or greeting answer (bot.actions.forms), never a second welcome."""

_WHY_FIRST: Final = re.compile(r"^\W*(?:mais |et |euh |bah |ben )?(?:pourquoi|pk|pq|pkoi|pour quoi|en quoi|a quoi|"
                               r"ca sert|c est pour quoi|c est pourquoi|vous voulez savoir|why)\b")


def asks_why(text: str) -> bool:
    """« pourquoi vous voulez savoir si je suis en couple ? »: a question first, whatever it names, is not read as
    the answer (« non, je suis séparée, c'est pour ça que je regarde mes droits » is)."""
    return bool(_WHY_FIRST.search(fold(text)))


def is_why_question(intent: str | None, text: object) -> bool:
    """A « pourquoi… ? » that starts with its question: answered with its explanation, never read as the answer
    (one rule for the form and for the routing the benches use)."""
    return intent == "why_asked" and isinstance(text, str) and asks_why(text)


BILAN_GLOBAL_INTENTS: Final = GLOBAL_INTENTS - READ_FIRST
"""Intents that a question of the bilan or the recap never reads as its answer (their slots' `not_intent` lists)."""


def route(slot: str | None, text: str, intent: str, *, today: date) -> str:
    """The intent the bot acts on: ANSWER when the form keeps `text` as the answer of `slot`, else the intent.

    `slot` is the pending question (None outside the bilan)."""
    if slot is None:
        return intent
    if slot in (RECAP, TOPIC):  # a correction at the recap is its « Corriger » (action_correction reads it so)
        if intent in BILAN_GLOBAL_INTENTS:
            return intent
        read = (intent == "correction" and slot == RECAP) or recap_answer(slot, text, {}) is not None
        return ANSWER if read else intent
    if intent in BILAN_GLOBAL_INTENTS or is_why_question(intent, text):
        return intent
    reading = read_slot(slot, text, today=today)
    return ANSWER if reading.understood or reading.choices else intent


QUESTION_SLOTS: Final = {"commune": "depcom", "recap": RECAP, "correction_topic": TOPIC}
"""Names of the questions as residents see them (and the blind set names them) → the bilan's slot, where they
differ."""


def slot_of_question(question: str) -> str | None:
    """The bilan slot that reads answers to this question, or None for a message outside the bilan's questions."""
    if question in KIND_OF_SLOT:
        return question
    slot = QUESTION_SLOTS.get(question)
    return slot if slot in KIND_OF_SLOT or slot in (RECAP, TOPIC) else None
