"""Young children and disabled children: the PAJE (allocation de base, prime à la naissance) and the AEEH."""

from __future__ import annotations

from rules.benefits.base import Benefit, Outcome, Reader, children_text, positive
from rules.benefits.family import BMAF

AAH_RATES = "prestations_sociales.prestations_etat_de_sante.invalidite.aah.taux_capacite"
"""The AEEH's disability rates are the AAH's (80 %, or 50 % with care or special schooling: art. R541-1 CSS)."""


def children_unknown(read: Reader) -> bool:
    """The children were not told: a benefit of families must then stay "uncertain", never "no"."""
    return read.situation.children is None


def judge_paje_base(read: Reader) -> Outcome:
    """PAJE allocation de base: a child under 3 in the family's care, under a ceiling of resources of year N-2."""
    values = {"resources": read("prestations_familiales_base_ressources"),
              "children": children_text(len(read.situation.children or []))}
    amount = read("paje_base")
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=BMAF)
    if children_unknown(read):
        return Outcome(False, "not_eligible", values, caveat="children_unknown", parameter=BMAF)
    return Outcome(False, "not_eligible", values, parameter=BMAF)


def judge_paje_naissance(read: Reader) -> Outcome:
    """PAJE prime à la naissance: paid once, in the 7th month of pregnancy, under a ceiling of resources (N-2)."""
    values = {"resources": read("prestations_familiales_base_ressources")}
    amount = read("paje_naissance")
    if positive(amount):
        return Outcome(True, "eligible", {**values, "amount": amount}, one_off_amount=amount, parameter=BMAF)
    if not read.situation.pregnant:
        return Outcome(False, "not_expecting", values, parameter=BMAF)
    return Outcome(False, "resources_above", values, parameter=BMAF)


def judge_aeeh(read: Reader) -> Outcome:
    """AEEH: for a child under 20 with a disability rate of 80 % (50 % with care or special schooling)."""
    rate = round(read.parameter(f"{AAH_RATES}.taux_incapacite") * 100)
    rate_low = round(read.parameter(f"{AAH_RATES}.taux_incapacite_rsdae") * 100)
    values = {"rate": rate, "rate_low": rate_low}
    amount = read("aeeh")
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=BMAF)
    rates = [child.disability_rate for child in read.situation.children or [] if child.disability_rate is not None]
    if any(rate_low <= told < rate for told in rates):
        return Outcome(False, "no_disabled_child", values, caveat="rate_between", parameter=BMAF)
    return Outcome(False, "no_disabled_child", values, parameter=BMAF)


BENEFITS = (
    Benefit("paje_base", (("paje_base", "month"), ("prestations_familiales_base_ressources", "month")),
            judge_paje_base),
    Benefit("paje_naissance", (("paje_naissance", "month"), ("prestations_familiales_base_ressources", "month")),
            judge_paje_naissance),
    Benefit("aeeh", (("aeeh", "month"),), judge_aeeh),
)
