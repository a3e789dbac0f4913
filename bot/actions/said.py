"""What the bot understood, said back in French: after each answer (« C'est noté : 2 enfants (8 et 9 ans). ») and
in the recap before the result (pure, no Rasa import).

The words are domain responses (bot/domain/recap.yml, `utter_said_*`): this module picks the fragment of each answer
and its variables, and joins them. A resident never gets a result computed on a reading they have not seen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from bot.actions.plan import APPROXIMATE_SLOT, PREGNANT_SLOT, RIGHTS_ENDED_SLOT, UNKNOWN_MARKER, plan
from bot.actions.results import template
from nlu.communes import default_index

NOTED: Final = "utter_noted"
"""« C'est noté : {said}. », said before the next question."""

TOPIC_SLOTS: Final[Mapping[str, tuple[str, ...]]] = {
    "commune": ("depcom",), "age": ("age",), "couple": ("couple", "partner_situation", "partner_income",
                                                       "partner_age"),
    "children": ("children", "child_ages"), "housing": ("housing", "rent"), "rent": ("rent",),
    "activity": ("activity", "income"), "income": ("income", "pension"),
    "partner_situation": ("partner_situation", "partner_income", "partner_age"),
    "disability": ("disability",), "savings": ("savings",),
}
"""A topic of « Corriger » → the answers forgotten, so that the form asks them again (first ones first)."""

AMOUNT_SLOTS: Final = frozenset({"rent", "income", "partner_income", "pension"})


GUESS_MARKS: Final = {"": "", "long": "environ ", "brief": "~"}
"""How an amount told as a guess is marked: « environ 900 € », or « ~900 € » in the SMS recap (two segments)."""


def euros(amount: float, guess: str = "") -> str:
    """« 1 100 € », « 860,40 € » (a narrow space is not GSM-7: a plain space); a guess (`guess` « long » or « brief »)
    is rounded to the euro and marked: « environ 900 € »."""
    if guess:
        amount = float(round(amount))
    whole = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return GUESS_MARKS[guess] + whole.replace(",", " ").replace(".", ",") + " €"


def ages(values: Sequence[float]) -> str:
    """« 8 », « 8 et 9 », « 4, 9 et 12 »."""
    numbers = [str(int(value)) for value in values]
    return numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} et {numbers[-1]}"


def commune_name(insee: str) -> str:
    commune = default_index().communes.get(insee)
    return commune.name if commune else insee


def _children(value: Any, child_ages: Any) -> tuple[str, dict[str, str]]:
    if isinstance(value, list):
        child_ages, value = value, len(value)
    count = int(value)
    if count == 0:
        return "utter_said_children_none", {}
    known = child_ages if isinstance(child_ages, list) and child_ages else None
    name = "utter_said_children_" + ("one" if count == 1 else "many") + ("_ages" if known else "")
    return name, {"count": str(count), "ages": ages(known) if known else ""}


def _amount(slot: str, value: float, guess: str) -> tuple[str, dict[str, str]]:
    if value == 0:
        return f"utter_said_{slot}_zero", {}
    return f"utter_said_{slot}", {"amount": euros(value, guess)}


def _partner(value: Mapping[str, Any], guess: str) -> tuple[str, dict[str, str]]:
    status, monthly = value.get("status"), value.get("monthly")
    kind = "amount" if monthly else "zero" if monthly == 0 else "no_amount"
    if not status:
        return ("utter_said_partner_income", {"amount": euros(float(monthly), guess)}) if monthly \
            else ("utter_said_partner_income_zero", {})
    amount = euros(float(monthly), guess) if monthly else ""
    return f"utter_said_partner_{kind}", {"status": f"utter_label_{status}", "amount": amount}


def fragment(slot: str, answers: Mapping[str, Any], brief: bool = False) -> tuple[str, dict[str, str]] | None:
    """The response naming what was kept for `slot`, and its variables; None for a slot without an answer.
    `brief`: a guessed amount is marked « ~ » rather than « environ » (the SMS recap).

    A variable whose value names a response (`utter_label_*`) is replaced by that response's text when rendered."""
    value = answers.get(slot)
    if value is None:
        return None
    guessed = ("brief" if brief else "long") if slot in (answers.get(APPROXIMATE_SLOT) or ()) else ""
    if value == UNKNOWN_MARKER:
        return "utter_said_unknown", {"topic": f"utter_topic_{slot}"}
    if slot == "depcom":
        return "utter_said_depcom", {"commune": commune_name(str(value))}
    if slot in ("age", "partner_age"):
        return f"utter_said_{slot}", {"age": str(int(value))}
    if slot == "couple":
        return ("utter_said_single" if value == "single" else "utter_said_couple"), {}
    if slot == "children":
        return _children(value, answers.get("child_ages"))
    if slot == "child_ages":
        return "utter_said_child_ages", {"ages": ages(value)}
    if slot in ("housing", "activity"):
        return f"utter_said_{slot}", {"status": f"utter_label_{value}"}
    if slot in AMOUNT_SLOTS:
        return _amount(slot, float(value), guessed)
    if slot == "partner_situation":
        return _partner(value, guessed)
    if slot == "disability":
        if value == "yes":
            return "utter_said_disability_yes", {}
        return ("utter_said_disability_rate", {"rate": str(int(value))}) if value else ("utter_said_disability_no", {})
    if slot == "savings":
        return _amount(slot, float(value), guessed)
    return None


def render(domain: Mapping[str, Any], name: str, variables: Mapping[str, str]) -> str:
    """A response's text with its variables; a variable that names a response is that response's text."""
    filled = {key: template(domain, value) if value.startswith("utter_") else value for key, value in variables.items()}
    return template(domain, name).format(**filled)


TOLD_ALONG: Final[Mapping[str, tuple[str, str]]] = {
    "children": (PREGNANT_SLOT, "utter_said_baby_expected"), "activity": (RIGHTS_ENDED_SLOT, "utter_said_rights_ended"),
}
"""A fact told along with an answer is said back with it (« 2 enfants de 3 et 7 ans, un bébé attendu »)."""


def said(domain: Mapping[str, Any], slot: str, answers: Mapping[str, Any], brief: bool = False) -> str:
    """The fragment of one answer, rendered (empty for a slot without an answer), with what was told along."""
    found = fragment(slot, answers, brief)
    if not found:
        return ""
    along = TOLD_ALONG.get(slot)
    extra = f", {template(domain, along[1])}" if along and answers.get(along[0]) is True else ""
    return render(domain, *found) + extra


def noted(domain: Mapping[str, Any], slots: Sequence[str], answers: Mapping[str, Any]) -> str:
    """« C'est noté : 34 ans. » for the answers just kept (the partner's situation and its amount read as one)."""
    parts = [said(domain, slot, answers) for slot in slots if slot != "child_ages" or "children" not in slots]
    parts = [part for part in parts if part]
    return render(domain, NOTED, {"said": " ; ".join(parts)}) + " " if parts else ""


def recap(domain: Mapping[str, Any], answers: Mapping[str, Any], brief: bool = False) -> list[str]:
    """Every answer of this resident's plan, in the order asked (the children's ages with the children); `brief`
    for the SMS recap, which must fit two segments."""
    asked = [slot for slot in plan(answers) if answers.get(slot) is not None]
    lines = [said(domain, slot, answers, brief) for slot in asked if not (slot == "child_ages" and "children" in asked)]
    return [line for line in lines if line]
