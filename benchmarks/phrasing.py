"""How a simulated resident answers one question: a template of the style banks, filled with the household's facts.

The banks (benchmarks/personas/style_banks.yml) were written by a helper that saw only the questions; this module
picks a case for the facts and a template of the resident's style, and fills its placeholders.
"""

from __future__ import annotations

import random
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import yaml

BANKS = Path(__file__).resolve().parent / "personas" / "style_banks.yml"
TODAY_YEAR = 2026
PARTNERS = ("mon mari", "ma femme", "mon compagnon", "ma compagne", "mon conjoint", "ma conjointe")

_UNITS = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
)
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def french(number: int) -> str:
    """A whole number from 0 to 9999 in French words (« soixante et onze », « mille deux cents »)."""
    if number < 20:
        return _UNITS[number]
    if number < 100:
        tens, unit = divmod(number, 10)
        if tens in (7, 9):
            base = "soixante" if tens == 7 else "quatre-vingt"
            return f"{base}{' et ' if number == 71 else '-'}{_UNITS[10 + unit]}"
        if tens == 8:
            return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_UNITS[unit]}"
        if unit == 0:
            return _TENS[tens]
        return f"{_TENS[tens]}{' et ' if unit == 1 else '-'}{_UNITS[unit]}"
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = "cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent{'s' if rest == 0 else ''}"
        return head if rest == 0 else f"{head} {french(rest)}"
    thousands, rest = divmod(number, 1000)
    head = "mille" if thousands == 1 else f"{french(thousands)} mille"
    return head if rest == 0 else f"{head} {french(rest)}"


@cache
def banks() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(BANKS.read_text(encoding="utf-8"))
    return loaded


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def _ages(ages: list[int]) -> dict[str, str]:
    words = [str(age) for age in ages]
    et = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} et {words[-1]}"
    ans = " et ".join(f"{w} ans" for w in words) if len(words) <= 2 else \
        ", ".join(f"{w} ans" for w in words[:-1]) + f" et {words[-1]} ans"
    return {"ages_et": et, "ages_ans": ans, "ages_comma": ", ".join(words), "ages_paren": f"({ans})",
            "age1": words[0], "count": str(len(ages)), "count_words": french(len(ages))}


def _amount(amount: int) -> dict[str, str]:
    return {"amount": str(amount), "amount_space": f"{amount:,}".replace(",", " "), "amount_words": french(amount),
            "amount_year": str(amount * 12)}


def _activity_case(activity: str, amount: int, rng: random.Random) -> str:
    if activity == "employed":
        cases = ["employed", "employed_part_time", "casual_work"] + (["employed_with_amount"] if amount else [])
        return rng.choice(cases)
    if activity == "unemployed":
        if not amount:
            return "unemployed_no_benefit"
        return rng.choice(["unemployed_with_benefit", "unemployed_with_amount"])
    if activity == "retired" and amount:
        return rng.choice(["retired", "retired_with_amount"])
    return activity


def case_and_values(question: str, told: dict[str, Any], rng: random.Random) -> tuple[str, dict[str, str]]:
    """The bank's case that tells this fact, and the values of its placeholders."""
    name, postcode = told["commune"]
    values: dict[str, str] = {"postcode": postcode, "commune": name, "commune_plain": _plain(name),
                              "partner": rng.choice(PARTNERS), "rate": "80"}
    if question == "commune":
        return rng.choice(["postcode_only", "name", "name_plain", "name_and_postcode"]), values
    if question in ("age", "partner_age"):
        age = told["age" if question == "age" else "partner_age"]
        values.update(age=str(age), age_words=french(age), birth_year=str(TODAY_YEAR - age))
        return rng.choice(["digits", "words"] + (["birth_year"] if question == "age" else [])), values
    if question == "couple":
        return told["couple"], values
    if question in ("children", "child_ages"):
        ages = told["children"]
        if not ages:
            return rng.choice(["none", "none", "grown_up_left"]) if told["age"] > 45 else "none", values
        values.update(_ages(ages))
        if question == "child_ages":
            return ("one" if len(ages) == 1 else "several"), values
        return ("one_with_age" if len(ages) == 1 else rng.choice(["several_with_ages", "several_count_only"])), values
    if question == "housing":
        return told["housing"], values
    if question == "rent":
        values.update(_amount(told.get("rent", 0)))
        return rng.choice(["amount", "amount", "approximate"]), values
    if question == "activity":
        values.update(_amount(told["amount"]))
        return _activity_case(told["activity"], told["amount"], rng), values
    if question in ("income", "partner_income"):
        amount = told["amount" if question == "income" else "partner_amount"]
        values.update(_amount(amount))
        return ("zero" if not amount else rng.choice(["amount", "amount", "yearly", "approximate"])), values
    if question == "partner_situation":
        values.update(_amount(told["partner_amount"]))
        return told["partner_activity"], values
    if question == "pension":
        return "zero", values
    if question == "disability":
        return "no", values
    if question == "savings":
        return "zero", values
    if question == "recap":
        return "confirm", values
    return "greeting", values


def answer(question: str, told: dict[str, Any], style: str, rng: random.Random) -> str:
    """The resident's message for `question`, in `style` (web, sms, formal, long); a question about a partner or
    children the household does not have (the bot misread an answer) gets the plain truth."""
    if question.startswith("partner_") and "partner_age" not in told:
        return "je n'ai pas de conjoint, je vis seul"
    if question == "child_ages" and not told["children"]:
        return "je n'ai pas d'enfant"
    case, values = case_and_values(question, told, rng)
    bank = "income" if question == "partner_income" else question  # an amount alone, as for the resident's
    templates = banks()["banks"][bank][case]
    chosen = templates.get(style) or templates["web"]
    for template in rng.sample(chosen, len(chosen)):
        try:
            return str(template.format(**values))
        except (KeyError, IndexError):
            continue
    raise LookupError(f"no template of {question}/{case}/{style} can be filled")
