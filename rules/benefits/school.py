"""School-age children: the allocation de rentrée scolaire and the bourses de collège et de lycée, all yearly."""

from __future__ import annotations

from rules.benefits.base import Benefit, Outcome, Reader, positive
from rules.benefits.early_childhood import children_unknown
from rules.benefits.family import BMAF
from rules.situation import SchoolLevel


def judge_ars(read: Reader) -> Outcome:
    """Allocation de rentrée scolaire: each August, for each child of 6 to 18 at school, under a resources ceiling."""
    values = {"resources": read("prestations_familiales_base_ressources"), "year": read.on.year}
    yearly = read("ars", "year")
    if positive(yearly):
        return Outcome(True, "eligible", {**values, "yearly": yearly}, yearly_amount=yearly, parameter=BMAF)
    if children_unknown(read):
        return Outcome(False, "not_eligible", values, caveat="children_unknown", parameter=BMAF)
    return Outcome(False, "not_eligible", values, parameter=BMAF)


def _level_assumed(read: Reader, level: SchoolLevel) -> bool:
    """Some child's level is taken from their age (rules/assumptions.yml), none is told to be at this level."""
    children = read.situation.children or []
    return any(child.school is None for child in children) and all(child.school is not level for child in children)


def _judge_grant(read: Reader, variable: str, level: SchoolLevel) -> Outcome:
    values = {"rfr": read("rfr", "year_n2"), "year": read.on.year - 2}
    yearly = read(variable)  # OpenFisca-France's amount for the school year, whatever the month
    if positive(yearly):
        extra = (("level_assumed", values),) if _level_assumed(read, level) else ()
        return Outcome(True, "eligible", {**values, "yearly": yearly}, yearly_amount=yearly, extra_reasons=extra,
                       parameter=BMAF)
    if children_unknown(read):
        return Outcome(False, "not_eligible", values, caveat="children_unknown", parameter=BMAF)
    if not any(child.school is level for child in read.situation.children or []) and not _level_assumed(read, level):
        return Outcome(False, "no_pupil", values, parameter=BMAF)
    return Outcome(False, "not_eligible", values, parameter=BMAF)


def judge_bourse_college(read: Reader) -> Outcome:
    """Bourse de collège: for each child at collège, by echelon of the revenu fiscal de référence (N-2)."""
    return _judge_grant(read, "bourse_college", SchoolLevel.MIDDLE)


def judge_bourse_lycee(read: Reader) -> Outcome:
    """Bourse de lycée: for each child at lycée, by echelon of resources (N-2) and charges of the family."""
    return _judge_grant(read, "bourse_lycee", SchoolLevel.HIGH)


BENEFITS = (
    Benefit("ars", (("ars", "year"), ("prestations_familiales_base_ressources", "month")), judge_ars),
    Benefit("bourse_college", (("bourse_college", "month"), ("rfr", "year_n2")), judge_bourse_college),
    Benefit("bourse_lycee", (("bourse_lycee", "month"), ("rfr", "year_n2")), judge_bourse_lycee),
)
