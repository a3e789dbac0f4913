"""Family benefits: allocations familiales, complément familial, allocation de soutien familial."""

from __future__ import annotations

from rules.benefits.base import Benefit, Outcome, Reader, children_text, household_text, positive

FAMILY = "prestations_sociales.prestations_familiales"
BMAF = f"{FAMILY}.bmaf.bmaf"


def judge_af(read: Reader) -> Outcome:
    """Allocations familiales: from the second child in the family's care (under 20), modulated by resources N-2."""
    children = int(read("af_nbenf"))
    values = {"children": children_text(children), "count": children}
    amount = read("af")
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=BMAF)
    return Outcome(False, "fewer_than_two", values, parameter=BMAF)


def judge_cf(read: Reader) -> Outcome:
    """Complément familial: three children or more, all aged 3 or more, under a ceiling of resources of year N-2."""
    values = {"resources": read("prestations_familiales_base_ressources"), "ceiling": read("cf_plafond"),
              "household": household_text(read.situation)}
    amount = read("cf")
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=BMAF)
    if not read("cf_eligibilite_base"):
        return Outcome(False, "not_three_children", values, parameter=BMAF)
    return Outcome(False, "resources_above", values, parameter=BMAF)


def judge_asf(read: Reader) -> Outcome:
    """Allocation de soutien familial: a parent raising children alone, without (full) child support."""
    situation = read.situation
    values = {"children": children_text(len(situation.children or []))}
    amount = read("asf")
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=BMAF)
    if not situation.children:
        return Outcome(False, "no_child", values, parameter=BMAF)
    if situation.in_couple:
        return Outcome(False, "couple", values, parameter=BMAF)
    return Outcome(False, "alimony_received", values, parameter=BMAF)


BENEFITS = (
    Benefit("af", (("af", "month"), ("af_nbenf", "month")), judge_af),
    Benefit("cf", (("cf", "month"), ("cf_eligibilite_base", "month"), ("cf_plafond", "month"),
                   ("prestations_familiales_base_ressources", "month")), judge_cf),
    Benefit("asf", (("asf", "month"),), judge_asf),
)
