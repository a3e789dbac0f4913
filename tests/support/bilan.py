"""A whole bilan through the public conversation contract, and what the bot announced, for the end-to-end tests.

`SHORT_BILAN` is the shortest journey (a single owner without children or income): the tests that need a result
without caring about the questions answer it. `announced` reads the bot's result messages back into
{label: (status, amount)} so that a test compares them with POST /api/v1/eligibility for the same facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

SHORT_BILAN = ("69200", "34", "je vis seul", "pas d'enfant", "propriétaire", "au chômage", "0", "passer",
               "c'est exact")
"""The answers, then « c'est exact » to the recap before the result."""
CONFIRM = "c'est exact"
SHORT_FACTS: dict[str, Any] = {"depcom": "69259", "age": 34, "couple": False, "children": [],
                               "housing": {"status": "owner"}, "activity": "unemployed", "incomes": {}}
"""The facts of SHORT_BILAN, as the api's situation."""

QUESTION = re.compile(r"Question (\d+) sur (\d+)")
_AMOUNT = re.compile(r"^ : environ (.+?) par (mois|an)\.")


def questions(texts: Iterable[str]) -> list[tuple[int, int]]:
    """Every "Question N sur M" the bot wrote, in order (a question asked again appears again)."""
    return [(int(n), int(m)) for text in texts for n, m in QUESTION.findall(text)]


def expected(results: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, str | None]]:
    """{label: (status, amount text)} of the api's results (the amount of a likely right only)."""
    return {
        str(result["label"]): (
            str(result["status"]),
            (result.get("monthly_amount_text") or result.get("yearly_amount_text"))
            if result["status"] == "eligible" else None,
        )
        for result in results
    }


def announced(texts: Iterable[str], labels: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """{label: (status, amount)} as the bot told them: "<label> : environ <amount> par mois." (likely, with an
    amount), "<label>. …" (likely, no amount), "<label> : peut-être." (uncertain), "- <label> : …" in the list of
    the others (not eligible). A label the bot did not mention is absent."""
    found: dict[str, tuple[str, str | None]] = {}
    messages = list(texts)
    for label in labels:
        for text in messages:
            if text.startswith(label):
                rest = text[len(label):]
                amount = _AMOUNT.match(rest)
                if amount:
                    found[label] = ("eligible", amount.group(1))
                elif rest.startswith(" : peut-être"):
                    found[label] = ("uncertain", None)
                elif rest.startswith("."):
                    found[label] = ("eligible", None)
            elif f"\n- {label} :" in f"\n{text}":
                found[label] = ("not_eligible", None)
    return found
