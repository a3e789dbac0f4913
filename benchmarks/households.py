"""Households drawn with a fixed seed for the persona simulator: true facts, as the api's situation, and the case
of each question's style bank that tells them (benchmarks/personas/style_banks.yml, written by a separate helper).

Pure: `draw(n, seed)` gives the same households on every run. Amounts are round numbers residents say.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

COMMUNES = (
    ("69259", "Vénissieux", "69200"), ("2B033", "Bastia", "20200"), ("13055", "Marseille", "13013"),
    ("93066", "Saint-Denis", "93200"), ("59350", "Lille", "59000"), ("35238", "Rennes", "35000"),
    ("31555", "Toulouse", "31000"), ("44109", "Nantes", "44000"), ("67482", "Strasbourg", "67000"),
    ("76540", "Rouen", "76000"), ("87085", "Limoges", "87000"), ("63113", "Clermont-Ferrand", "63000"),
)
"""(INSEE code the bilan keeps, usual name, a postcode of it)."""

INCOME_KIND = {"employed": "salary", "self_employed": "self_employment", "unemployed": "unemployment",
               "retired": "pension", "sick_leave": "salary", "disabled": "aah"}
SITUATION_ACTIVITY = {"sick_leave": "employed", "disabled": "inactive"}


@dataclass
class Household:
    """True facts (`facts`, the api's situation) and how the resident tells each answer (`told`)."""

    facts: dict[str, Any]
    told: dict[str, Any] = field(default_factory=dict)


def _amount(rng: random.Random, low: int, high: int) -> int:
    return rng.randrange(low, high, 10)


def _activity(rng: random.Random, age: int) -> str:
    if age >= 65:
        return "retired"
    if age < 26 and rng.random() < 0.4:
        return "student"
    return rng.choice(["employed", "employed", "employed", "unemployed", "unemployed", "self_employed", "inactive",
                       "sick_leave", "disabled"])


def _incomes(activity: str, rng: random.Random) -> tuple[dict[str, float], int]:
    amounts = {"employed": (400, 2200), "self_employed": (200, 1500), "unemployed": (0, 1300), "retired": (300, 1800),
               "sick_leave": (500, 1400), "disabled": (0, 1000), "student": (0, 600), "inactive": (0, 1)}
    low, high = amounts[activity]
    amount = 0 if high <= 1 or (activity == "unemployed" and rng.random() < 0.3) else _amount(rng, low, high)
    kind = INCOME_KIND.get(activity, "salary")
    return ({kind: float(amount)} if amount else {}), amount


def _children(rng: random.Random, age: int) -> list[int]:
    if age > 60 or rng.random() < 0.45:
        return []
    return sorted(rng.randrange(0, min(20, max(1, age - 17))) for _ in range(rng.choice([1, 1, 2, 2, 3, 4])))


def draw_one(rng: random.Random) -> Household:
    insee, name, postcode = rng.choice(COMMUNES)
    age = rng.randrange(19, 86)
    couple = rng.random() < 0.4
    activity = _activity(rng, age)
    incomes, amount = _incomes(activity, rng)
    children = _children(rng, age)
    housing = rng.choice(["tenant", "tenant", "social_tenant", "social_tenant", "owner", "hosted_free", "homeless"])
    facts: dict[str, Any] = {"depcom": insee, "age": age, "couple": couple, "children": [{"age": a} for a in children],
                             "activity": SITUATION_ACTIVITY.get(activity, activity), "incomes": incomes,
                             "disability_rate": 0, "savings": 0.0}
    told: dict[str, Any] = {"commune": (name, postcode), "age": age, "children": children, "activity": activity,
                            "amount": amount, "housing": housing}
    if housing in ("tenant", "social_tenant"):
        rent = _amount(rng, 250, 900)
        facts["housing"] = {"status": housing, "rent": float(rent)}
        told["rent"] = rent
    else:
        facts["housing"] = {"status": "hosted" if housing == "hosted_free" else housing}
    if couple:
        partner_age = max(19, min(90, age + rng.randrange(-6, 7)))
        partner_activity = _activity(rng, partner_age)
        partner_incomes, partner_amount = _incomes(partner_activity, rng)
        if partner_activity in ("student", "inactive"):  # the banks tell these situations without income
            partner_incomes, partner_amount = {}, 0
        facts["partner"] = {"age": partner_age, "activity": SITUATION_ACTIVITY.get(partner_activity, partner_activity),
                            "incomes": partner_incomes}
        told.update(partner_age=partner_age, partner_activity=partner_activity, partner_amount=partner_amount,
                    couple=rng.choice(["couple_married", "couple_pacs", "couple_cohabiting"]))
    else:
        told["couple"] = rng.choice(["single", "single", "separated", "divorced", "widowed"])
    # What the bilan also learns without a question: no household of the draw expects a baby (the children question
    # asks it), and someone paid an unemployment benefit has not come to the end of their rights.
    facts["pregnant"] = False
    if facts["activity"] == "unemployed" and incomes.get("unemployment"):
        facts["unemployment_rights_ended"] = False
    return Household(facts=facts, told=told)


def draw(count: int, seed: int = 2026) -> list[Household]:
    """`count` households, the same ones for the same seed."""
    rng = random.Random(seed)
    return [draw_one(rng) for _ in range(count)]
