"""Minimum incomes: RSA, prime d'activité, ASPA and AAH, judged from OpenFisca-France's own intermediate values."""

from __future__ import annotations

from rules.benefits.base import Benefit, Outcome, Reader, household_text, positive
from rules.situation import Activity

RSA = "prestations_sociales.solidarite_insertion.minima_sociaux.rsa"
PPA = "prestations_sociales.solidarite_insertion.minima_sociaux.ppa"
ASPA = "prestations_sociales.solidarite_insertion.minimum_vieillesse.aspa"
AAH = "prestations_sociales.prestations_etat_de_sante.invalidite.aah"


def judge_rsa(read: Reader) -> Outcome:
    """RSA: open from 25 (or with a child), paid up to the socle for the household minus its resources."""
    situation = read.situation
    age_min = int(read.parameter(f"{RSA}.rsa_cond.age_pac"))
    socle = max(read("rsa_socle"), read("rsa_socle_majore"))
    resources = read("rsa_base_ressources")
    flat_rate = read("rsa_forfait_logement")
    values = {"age_min": age_min, "household": household_text(situation), "socle": socle,
              "resources": resources, "flat_rate": flat_rate}
    law = f"{RSA}.rsa_m.montant_de_base_du_rsa"
    amount = read("rsa")
    if positive(amount):
        extra = (("housing_flat_rate", values),) if positive(flat_rate) else ()
        if positive(resources):
            return Outcome(True, "eligible_with_resources", values, amount=amount, extra_reasons=extra, parameter=law)
        key = "eligible_no_income" if not situation.in_couple and not situation.children else "eligible_household"
        return Outcome(True, key, values, amount=amount, extra_reasons=extra, parameter=law)
    if not read("rsa_eligibilite"):
        if situation.activity is Activity.STUDENT:
            return Outcome(False, "student", values, parameter=law)
        if not read.each("rsa_condition_nationalite")[0]:
            years = read.parameter(f"{RSA}.rsa_cond.duree_min_titre_sejour.non_eee")
            return Outcome(False, "residence", {**values, "years": int(years)}, parameter=law)
        return Outcome(False, "too_young", values, parameter=law)
    if positive(read("aspa")):
        return Outcome(False, "aspa_first", {**values, "aspa": read("aspa")}, parameter=law)
    return Outcome(False, "resources_above", {**values, "resources": resources + flat_rate}, parameter=law)


def judge_ppa(read: Reader) -> Outcome:
    """Prime d'activité: a top-up of earned income, for working people from 18."""
    earned = read("ppa_revenu_activite")
    values = {"household": household_text(read.situation), "earned": earned, "resources": read("ppa_base_ressources")}
    law = f"{PPA}.pa_m.montant_de_base"
    amount = read("ppa")
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=law)
    if not positive(earned):
        return Outcome(False, "no_earned_income", values, parameter=law)
    return Outcome(False, "resources_above", values, parameter=law)


def judge_aspa(read: Reader) -> Outcome:
    """ASPA: the minimum income of people over the pension age, paid up to a ceiling of resources."""
    age_min = int(read.parameter(f"{ASPA}.age_min"))
    couple = bool(read.situation.in_couple)
    ceiling = read.parameter(f"{ASPA}.plafond_ressources.{'couples' if couple else 'personnes_seules'}") / 12
    values = {"age_min": age_min, "ceiling": ceiling, "household": household_text(read.situation),
              "resources": read("asi_aspa_base_ressources")}
    law = f"{ASPA}.montant_maximum_annuel.personnes_seules"
    amount = read("aspa")
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=law)
    if not any(read.each("aspa_eligibilite")):
        return Outcome(False, "too_young", values, parameter=law)
    return Outcome(False, "resources_above", values, parameter=law)


def judge_aah(read: Reader) -> Outcome:
    """AAH: for a disability rate of 80 % (or 50 % with a restriction of access to work recognised by the MDPH)."""
    rate = round(read.parameter(f"{AAH}.taux_capacite.taux_incapacite") * 100)
    rate_rsdae = round(read.parameter(f"{AAH}.taux_capacite.taux_incapacite_rsdae") * 100)
    values = {"rate": rate, "rate_rsdae": rate_rsdae, "maximum": read.parameter(f"{AAH}.montant")}
    law = f"{AAH}.montant"
    complement = sum(read.each("caah"))  # the majoration pour la vie autonome, with the AAH at full rate
    amount = sum(read.each("aah")) + complement
    if positive(amount):
        extra = (("independent_living", {"complement": complement}),) if positive(complement) else ()
        return Outcome(True, "eligible", values, amount=amount, extra_reasons=extra, parameter=law)
    if not any(read.each("aah_eligible")):
        return Outcome(False, "no_disability", values, parameter=law)
    return Outcome(False, "resources_above", values, parameter=law)


BENEFITS = (
    Benefit("rsa", (("rsa", "month"), ("rsa_socle", "month"), ("rsa_socle_majore", "month"),
                    ("rsa_base_ressources", "month"), ("rsa_forfait_logement", "month"),
                    ("rsa_eligibilite", "month"), ("rsa_condition_nationalite", "month"), ("aspa", "month")),
            judge_rsa),
    Benefit("ppa", (("ppa", "month"), ("ppa_revenu_activite", "month"), ("ppa_base_ressources", "month")), judge_ppa),
    Benefit("aspa", (("aspa", "month"), ("aspa_eligibilite", "month"), ("asi_aspa_base_ressources", "month")),
            judge_aspa),
    Benefit("aah", (("aah", "month"), ("caah", "month"), ("aah_eligible", "month")), judge_aah),
)
