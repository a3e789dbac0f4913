"""Varied households: they warm the engine up, list the parameters it reads, and feed the benchmark."""

from __future__ import annotations

from rules.situation import Situation

SAMPLE_SITUATIONS: tuple[Situation, ...] = tuple(Situation.model_validate(data) for data in (
    {"age": 34},
    {"age": 30, "incomes": {"salary": 1100}, "housing": {"status": "tenant", "rent": 520}, "depcom": "69123"},
    {"age": 41, "couple": True, "partner": {"age": 39, "incomes": {"unemployment": 950}},
     "children": [{"age": 4}, {"age": 9}], "housing": {"status": "social_tenant", "rent": 480}},
    {"age": 36, "couple": False, "children": [{"age": 2}, {"age": 6}, {"age": 11}],
     "incomes": {"salary": 700}, "housing": {"status": "tenant_furnished", "rent": 690}, "alimony_received": 0},
    {"age": 68, "incomes": {"pension": 780}, "housing": {"status": "owner"}, "savings": 3000},
    {"age": 45, "disability_rate": 80, "housing": {"status": "hosted"}},
    {"age": 52, "activity": "self_employed", "incomes": {"self_employment": 1500},
     "housing": {"status": "homeless"}, "nationality": "other", "residence_years": 3},
    {"age": 21, "activity": "student", "housing": {"status": "student_residence", "rent": 260},
     "income_two_years_ago": 0},
    {"age": 58, "couple": True, "partner": {"age": 61, "incomes": {"pension": 1400}},
     "incomes": {"salary": 1900}, "housing": {"status": "owner_with_loan"}, "income_two_years_ago": 38000},
    {"age": 29, "couple": True, "partner": {"age": 31, "incomes": {"salary": 1600}}, "pregnant": True,
     "children": [{"age": 1}, {"age": 9, "disability_rate": 80}], "housing": {"status": "tenant", "rent": 700}},
    {"age": 44, "couple": False, "children": [{"age": 12, "school": "college"}, {"age": 16}],
     "incomes": {"salary": 1300}, "housing": {"status": "social_tenant", "rent": 450}, "alimony_received": 0},
    {"age": 53, "unemployment_rights_ended": True, "housing": {"status": "tenant", "rent": 450}},
    {"age": 19, "activity": "inactive", "housing": {"status": "hosted"}, "income_two_years_ago": 0},
))
