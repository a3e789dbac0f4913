"""Housing: the aides personnelles au logement (APL, ALF, ALS) and the chèque énergie."""

from __future__ import annotations

from typing import Any

from rules.benefits.base import Benefit, Outcome, Reader, persons_text, positive
from rules.situation import RENTED, HousingStatus

HOUSING_AID = "prestations_sociales.aides_logement.allocations_logement"
ENERGY = "prestations_sociales.solidarite_insertion.autre_solidarite.cheque_energie"
ENERGY_SCALES = {"une_uc": "baremes.une_uc", "une_uc_a_deux_uc": "baremes.une_uc_a_deux_uc",
                 "plus_de_deux_ucs": "baremes.plus_de_deux_ucs"}
AID_NAMES = {"apl": "l'aide personnalisée au logement (APL)", "alf": "l'allocation de logement familiale (ALF)",
             "als": "l'allocation de logement sociale (ALS)"}


def judge_housing_aid(read: Reader) -> Outcome:
    """APL in a conventionné dwelling, else ALF with dependants, else ALS; for tenants (and a few home buyers)."""
    housing = read.situation.housing
    status = housing.status if housing is not None else None
    values: dict[str, Any] = {"resources": read("aide_logement_base_ressources"),
                              "persons": persons_text(read.situation)}
    law = f"{HOUSING_AID}.locatif.formule.l_plafonds_loyers.par_zone.zone_1.personnes_seules"
    amount = read("aide_logement")
    if positive(amount):
        kind = max(("apl", "alf", "als"), key=lambda name: read(name))
        extra: tuple[tuple[str, Any], ...] = ()
        if housing is not None and housing.rent is None:
            extra = (("rent_assumed", {"rent": read("loyer")}),)
        return Outcome(True, "eligible", {**values, "aid": AID_NAMES[kind], "rent": read("loyer")}, amount=amount,
                       extra_reasons=extra, parameter=law)
    if status is HousingStatus.STUDENT_RESIDENCE and read("aide_logement_non_calculable"):
        return Outcome(False, "not_computable", values, caveat="not_computable", parameter=law)
    if status is HousingStatus.OWNER_WITH_LOAN:
        return Outcome(False, "home_buyer", values, parameter=law)
    if status not in RENTED:
        return Outcome(False, "not_renting", values, parameter=law)
    return Outcome(False, "resources_above", {**values, "rent": read("loyer")}, parameter=law)


def energy_ceiling(read: Reader, units: float) -> float:
    """The resources per consumption unit above which the chèque énergie's scale pays nothing."""
    name = "une_uc" if units <= 1 else "une_uc_a_deux_uc" if units < 2 else "plus_de_deux_ucs"
    scale = read.parameter(f"{ENERGY}.{ENERGY_SCALES[name]}")
    return float(next(threshold for threshold, amount in zip(scale.thresholds, scale.amounts, strict=True)
                      if amount == 0))


def judge_cheque_energie(read: Reader) -> Outcome:
    """Chèque énergie: a yearly voucher for households whose revenu fiscal de référence (N-2) per unit is low."""
    units = read("cheque_energie_unites_consommation", "year")
    rfr = read("rfr", "year_n2")
    ceiling = energy_ceiling(read, units)
    scale = f"{ENERGY}.baremes.une_uc"
    margin = read.stale_margin(scale)
    per_unit = rfr / units
    values = {"rfr": rfr, "year": read.on.year - 2, "units": units, "per_unit": per_unit, "ceiling": ceiling,
              "scale_date": read.last_change(scale)}
    law = scale
    yearly = read("cheque_energie", "year")
    if positive(yearly):
        return Outcome(True, "eligible", {**values, "yearly": yearly}, yearly_amount=yearly,
                       caveat="stale_scale" if margin else None, parameter=law)
    if not read("cheque_energie_eligibilite_logement", "year"):
        return Outcome(False, "no_home", values, parameter=law)
    if margin and per_unit <= ceiling * (1 + margin):
        return Outcome(False, "resources_above", values, caveat="stale_scale", parameter=law)
    return Outcome(False, "resources_above", values, parameter=law)


def judge_rls(read: Reader) -> Outcome:
    """Réduction de loyer de solidarité: the HLM landlord lowers the rent of tenants under a ceiling of resources."""
    values: dict[str, Any] = {"resources": read("aide_logement_base_ressources") / 12,
                              "ceiling": read("reduction_loyer_solidarite_plafond_ressources"),
                              "persons": persons_text(read.situation)}
    law = f"{HOUSING_AID}.locatif.formule.l_plafonds_loyers.par_zone.zone_1.personnes_seules"
    amount = read("reduction_loyer_solidarite")
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=law)
    housing = read.situation.housing
    if housing is None or housing.status is None:
        return Outcome(False, "not_social_housing", values, caveat="housing_unknown", parameter=law)
    if not read("logement_conventionne"):
        return Outcome(False, "not_social_housing", values, parameter=law)
    return Outcome(False, "resources_above", values, parameter=law)


BENEFITS = (
    Benefit("aide_logement", (("aide_logement", "month"), ("apl", "month"), ("alf", "month"), ("als", "month"),
                              ("aide_logement_base_ressources", "month"), ("aide_logement_non_calculable", "month"),
                              ("loyer", "month")), judge_housing_aid),
    Benefit("cheque_energie", (("cheque_energie", "year"), ("cheque_energie_unites_consommation", "year"),
                               ("cheque_energie_eligibilite_logement", "year"), ("rfr", "year_n2")),
            judge_cheque_energie),
    Benefit("reduction_loyer_solidarite", (("reduction_loyer_solidarite", "month"),
                                           ("reduction_loyer_solidarite_plafond_ressources", "month"),
                                           ("aide_logement_base_ressources", "month"),
                                           ("logement_conventionne", "month")), judge_rls),
)
