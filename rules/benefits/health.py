"""Complémentaire santé solidaire: free under a ceiling of resources, with a small participation up to 35 % more.

The ceilings are revalued every 1 April; when OpenFisca-France and our overlay miss a revaluation, a household whose
resources fall between the ceiling we hold and that ceiling plus the staleness margin gets "uncertain", never "no".
"""

from __future__ import annotations

from rules.benefits.base import Benefit, Outcome, Reader, persons_text, positive

CSS = "prestations_sociales.solidarite_insertion.minima_sociaux.cs"
CEILING = f"{CSS}.cmu.plafond_base"


def judge_css(read: Reader) -> Outcome:
    """Free CSS (ex CMU-C) or CSS with a participation, from the resources of the previous 12 months."""
    resources = read("css_cmu_base_ressources")
    free_ceiling = read("cmu_c_plafond")
    ceiling = read("acs_plafond")
    participation = read("css_participation_forfaitaire")
    margin = read.stale_margin(CEILING)
    values = {"resources": resources, "free_ceiling": free_ceiling, "ceiling": ceiling,
              "participation": participation, "persons": persons_text(read.situation),
              "ceiling_date": read.last_change(CEILING)}
    law = CEILING
    if read("cmu_c"):
        key = "free_with_rsa" if positive(read("rsa")) and resources > free_ceiling else "free"
        return Outcome(True, key, values, parameter=law)
    if positive(participation):
        extra = (("maybe_free", values),) if margin and resources <= free_ceiling * (1 + margin) else ()
        return Outcome(True, "with_participation", values, extra_reasons=extra, parameter=law)
    if margin and resources <= ceiling * (1 + margin):
        return Outcome(False, "resources_above", values, caveat="stale_ceiling", parameter=law)
    return Outcome(False, "resources_above", values, parameter=law)


BENEFITS = (
    Benefit("css", (("cmu_c", "month"), ("css_participation_forfaitaire", "month"),
                    ("css_cmu_base_ressources", "month"), ("cmu_c_plafond", "month"), ("acs_plafond", "month"),
                    ("rsa", "month")), judge_css),
)
