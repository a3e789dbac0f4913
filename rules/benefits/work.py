"""Looking for work: the allocation de solidarité spécifique and the contrat d'engagement jeune."""

from __future__ import annotations

from rules.benefits.base import Benefit, Outcome, Reader, household_text, positive

ASS = "chomage.allocations_assurance_chomage.ass"
CEJ = "prestations_sociales.education.contrat_engagement_jeune"


def judge_ass(read: Reader) -> Outcome:
    """ASS: after the end of unemployment insurance, for those who worked 5 years in the last 10, under a ceiling."""
    situation = read.situation
    values = {"household": household_text(situation), "resources": read("ass_base_ressources") / 12}
    law = f"{ASS}.montant_plein"
    amount = sum(read.each("ass"))
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=law)
    ended = [person.unemployment_rights_ended for person in (situation, situation.partner) if person is not None]
    if not any(ended):
        return Outcome(False, "rights_not_ended", values, parameter=law)
    return Outcome(False, "not_eligible", values, parameter=law)


def judge_contrat_engagement_jeune(read: Reader) -> Outcome:
    """Contrat d'engagement jeune: an allowance for young people without studies nor job, followed by France Travail
    or the mission locale, if the tax household of year N-2 paid little or no income tax."""
    age_min = int(read.parameter(f"{CEJ}.critere_age.minimum"))
    age_max = int(read.parameter(f"{CEJ}.critere_age.maximum"))
    values = {"age_min": age_min, "age_max": age_max}
    law = f"{CEJ}.montants.montant_majeurs_non_imposables"
    amount = sum(read.each("contrat_engagement_jeune"))
    if positive(amount):
        return Outcome(True, "eligible", values, amount=amount, parameter=law)
    if read.situation.age is None and read.situation.birth_date is None:
        return Outcome(False, "not_eligible", values, caveat="age_unknown", parameter=law)
    return Outcome(False, "not_eligible", values, parameter=law)


BENEFITS = (
    Benefit("ass", (("ass", "month"), ("ass_base_ressources", "month")), judge_ass),
    Benefit("contrat_engagement_jeune", (("contrat_engagement_jeune", "month"),), judge_contrat_engagement_jeune),
)
