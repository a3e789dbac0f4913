"""From the conversation's Situation to OpenFisca-France entities, with the assumptions and the periods the law reads.

The documented assumptions (``rules/assumptions.yml``) fill unknown answers; ``variants`` lists, for each unknown answer
that has one, the same situation with that answer given another value, so the engine can see what it would change.
Incomes are entered net *and* taxable (OpenFisca derives neither from the other without the gross salary), for every
month from January of year N-2 to the current month: the RSA and the prime d'activité read M-3..M-1, housing aid
M-13..M-2, the CSS the previous 12 months, the ASPA the last 3 months, the chèque énergie and family benefits year N-2.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from openfisca_core.parameters import load_parameter_file

from rules.incomes import SalaryScale
from rules.situation import RENTED, Activity, Child, HousingStatus, Nationality, Person, SchoolLevel, Situation

ASSUMPTIONS_FILE = Path(__file__).parent / "assumptions.yml"

HOUSING_STATUS = {
    HousingStatus.TENANT: "locataire_vide",
    HousingStatus.TENANT_FURNISHED: "locataire_meuble",
    HousingStatus.SOCIAL_TENANT: "locataire_hlm",
    HousingStatus.OWNER: "proprietaire",
    HousingStatus.OWNER_WITH_LOAN: "primo_accedant",
    HousingStatus.HOSTED: "loge_gratuitement",
    HousingStatus.HOMELESS: "sans_domicile",
    HousingStatus.STUDENT_RESIDENCE: "locataire_foyer",
}
ACTIVITY = {
    Activity.EMPLOYED: "actif",
    Activity.SELF_EMPLOYED: "actif",
    Activity.UNEMPLOYED: "chomeur",
    Activity.STUDENT: "etudiant",
    Activity.RETIRED: "retraite",
    Activity.INACTIVE: "inactif",
}
# Any member state stands for "European"; any non-EEA country for "other": OpenFisca only compares with the EEA list.
CONVENTIONNE = frozenset({HousingStatus.SOCIAL_TENANT, HousingStatus.STUDENT_RESIDENCE})
"""Dwellings under an APL convention (art. L831-1 CCH): HLM, and CROUS residences (APL-foyer)."""
# School levels of the conversation → OpenFisca-France's TypesScolarite.
SCOLARITE = {
    SchoolLevel.NONE: "inconnue",
    SchoolLevel.NURSERY: "maternelle",
    SchoolLevel.PRIMARY: "primaire",
    SchoolLevel.MIDDLE: "college",
    SchoolLevel.HIGH: "lycee",
    SchoolLevel.HIGHER: "enseignement_superieur",
}
NATIONALITY = {Nationality.FRENCH: "FR", Nationality.EUROPEAN: "DE", Nationality.OTHER: "MA"}
# Income kinds of the conversation → OpenFisca-France inputs (monthly, every month the law reads). Salaries are net,
# gross and taxable (rules/incomes.py); pensions and unemployment benefits gross = taxable = net (same module).
EARNED_INCOMES = {
    "self_employment": ("rpns_auto_entrepreneur_CA_bic",),
    "unemployment": ("chomage_net", "chomage_imposable"),
    "pension": ("retraite_nette", "retraite_imposable", "retraite_brute"),
}
# Benefits already received: declared over the past 12 months only, the current month stays the engine's estimate
# (declared values go to the ``<name>_declare`` companions of rules/declared.py, never to the variables themselves).
RECEIVED_INDIVIDUAL = {"aah": "aah_declare"}
RECEIVED_FAMILY = {"rsa": "rsa_declare", "ppa": "ppa_declare", "housing_aid": "aide_logement_declare"}


@dataclass(frozen=True)
class Assumptions:
    """Values of unknown answers and, per unknown answer, the variant tried."""

    age: int
    child_age: int
    rent: float
    residence_years: int
    school_by_age: dict[int, str]
    variants: dict[str, dict[str, Any]]

    def school(self, age: int) -> SchoolLevel:
        """The school level of a child whose level is unknown: the usual one at that age."""
        start = max((start for start in self.school_by_age if start <= age), default=min(self.school_by_age))
        return SchoolLevel(self.school_by_age[start])


@cache
def load_assumptions(path: Path = ASSUMPTIONS_FILE) -> Assumptions:
    """The assumptions file, read once."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if set(data["variants"]) != set(UNKNOWN) or set(data["questions"]) != set(UNKNOWN):
        raise ValueError(f"{path.name}: variants and questions must name exactly {sorted(UNKNOWN)}")
    return Assumptions(**data["unknown"], variants=data["variants"])


def _partner_unknown(field: str) -> Callable[[Situation], bool]:
    def unknown(situation: Situation) -> bool:
        if situation.in_couple is not True:
            return False
        return situation.partner is None or getattr(situation.partner, field) is None
    return unknown


AAH_RATES = "prestations_sociales.prestations_etat_de_sante.invalidite.aah.taux_capacite"
"""The AAH's disability rates (80 %, or 50 % with a restriction of access to work), read as in benefits/minima.py."""


@cache
def _aah_rates_node() -> Any:
    spec = importlib.util.find_spec("openfisca_france")
    if spec is None or spec.origin is None:
        raise RuntimeError("openfisca_france is not installed")
    directory = Path(spec.origin).parent / "parameters" / Path(*AAH_RATES.split("."))
    return load_parameter_file(str(directory), name=AAH_RATES)


def aah_rates(on: date) -> tuple[int, int]:
    """(full rate, rate with a restriction of access to work) in percent at ``on``, from OpenFisca-France."""
    rates = _aah_rates_node()(on.isoformat())
    return round(rates.taux_incapacite * 100), round(rates.taux_incapacite_rsdae * 100)


def _restriction_unknown(person: Person | None) -> bool:
    rate = person.disability_rate if person is not None else None
    if rate is None or person is None or person.employment_restriction is not None:
        return False
    full, with_restriction = aah_rates(date.today())
    return with_restriction <= rate < full


# When each answer that has a variant counts as unknown.
UNKNOWN: dict[str, Callable[[Situation], bool]] = {
    "age": lambda s: s.age is None and s.birth_date is None,
    "couple": lambda s: s.in_couple is None,
    "children": lambda s: s.children is None,
    "housing": lambda s: s.housing is None or s.housing.status is None,
    "incomes": lambda s: s.incomes is None,
    "partner.incomes": _partner_unknown("incomes"),
    "disability_rate": lambda s: s.disability_rate is None,
    "partner.disability_rate": _partner_unknown("disability_rate"),
    "employment_restriction": _restriction_unknown,
    "partner.employment_restriction": lambda s: _restriction_unknown(s.partner),
    "income_two_years_ago": lambda s: s.income_two_years_ago is None,
    "depcom": lambda s: s.depcom is None,
    "savings": lambda s: s.savings is None,
    "alimony_received": lambda s: s.alimony_received is None and bool(s.children) and s.in_couple is not True,
    "pregnant": lambda s: s.pregnant is None,
    "unemployment_rights_ended": lambda s: s.unemployment_rights_ended is None and s.activity in (
        None, Activity.UNEMPLOYED, Activity.INACTIVE),
    "children.disability_rate": lambda s: any(child.disability_rate is None for child in s.children or []),
}
EACH_CHILD = "children."
"""Variants of a field of each child: the variant's value goes to every child whose answer is unknown."""


def unknown_answers(situation: Situation) -> list[str]:
    """The answers with a variant that this situation leaves unknown, in the order of the assumptions file."""
    return [key for key in load_assumptions().variants if UNKNOWN[key](situation)]


def _fill(known: dict[str, Any], variant: dict[str, Any]) -> dict[str, Any]:
    """The known answers, completed (never overridden) by the variant's."""
    merged = dict(variant)
    for key, value in known.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _fill(value, merged[key])
        else:
            merged[key] = value
    return merged


def variants(situation: Situation) -> dict[str, Situation]:
    """For each unknown answer that has a variant, the situation with that answer given the variant's value."""
    known = situation.model_dump(exclude_none=True)
    found = {}
    for key in unknown_answers(situation):
        variant = load_assumptions().variants[key]
        if key.startswith(EACH_CHILD):
            found[key] = Situation.model_validate(
                {**known, "children": [_fill(child, variant) for child in known.get("children", [])]})
        else:
            found[key] = Situation.model_validate(_fill(known, variant))
    return found


PAST_MONTHS = 12
"""The past months the engine fills: the CSS reads the previous 12 (the RSA and the prime d'activité 3), and
benefits already received are declared over them."""


@dataclass(frozen=True)
class Periods:
    """The periods the law reads, around the month of the computation."""

    on: date

    @property
    def month(self) -> str:
        return f"{self.on.year:04d}-{self.on.month:02d}"

    def months_back(self, count: int) -> list[str]:
        """The ``count`` months before the current one, oldest first."""
        index = self.on.year * 12 + self.on.month - 1
        return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count, index)]

    @property
    def year_n2(self) -> str:
        return str(self.on.year - 2)

    def years(self) -> list[str]:
        """Years N-2 to N: a characteristic given for a year holds for each of its months."""
        return [str(self.on.year - offset) for offset in (2, 1, 0)]

    def income_periods(self) -> list[tuple[str, int]]:
        """Periods covering January of N-2 to the current month, with their number of months."""
        return [(str(self.on.year - 2), 12), (str(self.on.year - 1), 12),
                *((f"{self.on.year:04d}-{month:02d}", 1) for month in range(1, self.on.month + 1))]


def birth_date(age: int, on: date) -> date:
    """A birth date for someone who says they are ``age``: half-way through that year of age (ages are told rounded
    down), so the age holds over the three months the RSA reads and the birthday is never tomorrow."""
    index = (on.year - age) * 12 + on.month - 1 - 6
    return date(index // 12, index % 12 + 1, 1)


def _monthly(periods: Periods, amount: float) -> dict[str, float]:
    return {period: amount * size for period, size in periods.income_periods()}


def _constant(periods: Periods, value: Any) -> dict[str, Any]:
    """A characteristic that holds over every month the law reads (variables set by dispatch over a year)."""
    return dict.fromkeys(periods.years(), value)


def _received(periods: Periods, amount: float) -> dict[str, float]:
    return dict.fromkeys(periods.months_back(PAST_MONTHS), amount)


def _activity(person: Person) -> str:
    if person.activity is not None:
        return ACTIVITY[person.activity]
    if person.unemployment_rights_ended:
        return "chomeur"
    incomes = person.incomes.known() if person.incomes is not None else {}
    for kind, activite in (("salary", "actif"), ("self_employment", "actif"), ("unemployment", "chomeur"),
                           ("pension", "retraite")):
        if incomes.get(kind):
            return activite
    return "inactif"


def _adult(person: Person, age: int, periods: Periods, assumptions: Assumptions,
           salaries: SalaryScale | None) -> dict[str, Any]:
    years = periods.years()
    residence = person.residence_years if person.residence_years is not None else assumptions.residence_years
    individual: dict[str, Any] = {
        "date_naissance": {"ETERNITY": str(person.birth_date or birth_date(age, periods.on))},
        "activite": dict.fromkeys(years, _activity(person)),
        "nationalite": dict.fromkeys(years, NATIONALITY[person.nationality or Nationality.FRENCH]),
        "duree_possession_titre_sejour": dict.fromkeys(years, residence),
    }
    if person.unemployment_rights_ended:
        individual["ass_precondition_remplie"] = dict.fromkeys(years, True)
    rate = (person.disability_rate or 0) / 100
    if rate:
        individual["taux_incapacite"] = dict.fromkeys(years, rate)
        individual["handicap"] = dict.fromkeys(years, rate * 100 >= aah_rates(periods.on)[0])
        individual["aah_restriction_substantielle_durable_acces_emploi"] = dict.fromkeys(
            years, bool(person.employment_restriction))
    incomes = person.incomes.known() if person.incomes is not None else {}
    if incomes.get("salary"):
        gross, taxable = salaries.convert(incomes["salary"]) if salaries else (incomes["salary"],) * 2
        individual["salaire_net"] = _monthly(periods, incomes["salary"])
        individual["salaire_imposable"] = _monthly(periods, taxable)
        individual["salaire_de_base"] = _monthly(periods, gross)
    for kind, variables in EARNED_INCOMES.items():
        if incomes.get(kind):
            for variable in variables:
                individual[variable] = _monthly(periods, incomes[kind])
    for kind, variable in RECEIVED_INDIVIDUAL.items():
        if incomes.get(kind):
            individual[variable] = _received(periods, incomes[kind])
    return individual


def _months_ahead(on: date, count: int) -> date:
    index = on.year * 12 + on.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def _child(child: Child, periods: Periods, assumptions: Assumptions) -> dict[str, Any]:
    age = child.age if child.age is not None else assumptions.child_age
    born = child.birth_date or birth_date(age, periods.on)
    if child.birth_date is not None:
        age = periods.on.year - born.year - ((periods.on.month, periods.on.day) < (born.month, born.day))
    school = child.school or assumptions.school(age)
    individual: dict[str, Any] = {"date_naissance": {"ETERNITY": str(born)},
                                  "scolarite": _constant(periods, SCOLARITE[school])}
    rate = (child.disability_rate or 0) / 100
    if rate:
        individual["taux_incapacite"] = _constant(periods, rate)
        individual["handicap"] = _constant(periods, rate >= 0.8)
    return individual


def _age(person: Person, fallback: int) -> int:
    return person.age if person.age is not None else fallback


def household(key: str, situation: Situation, on: date, assumptions: Assumptions | None = None,
              salaries: SalaryScale | None = None) -> dict[str, Any]:
    """The four OpenFisca entities of one household, ids prefixed by ``key`` so households can share a simulation.

    ``salaries`` turns net salaries into gross and taxable ones; without it, all three are the net salary.
    """
    assumptions = assumptions or load_assumptions()
    periods = Periods(on)
    resident_age = _age(situation, assumptions.age)
    individus = {f"{key}_r": _adult(situation, resident_age, periods, assumptions, salaries)}
    adults = [f"{key}_r"]
    people: list[Person] = [situation]
    if situation.in_couple:
        partner = situation.partner or Person()
        individus[f"{key}_p"] = _adult(partner, _age(partner, resident_age), periods, assumptions, salaries)
        adults.append(f"{key}_p")
        people.append(partner)
    children = []
    for index, child in enumerate(situation.children or []):
        children.append(f"{key}_c{index}")
        individus[children[-1]] = _child(child, periods, assumptions)
    unborn = [f"{key}_u"] if situation.pregnant else []
    for identifier in unborn:
        # OpenFisca-France's convention: a child to be born is a child of the family whose birth date is ahead; born in
        # two months, the prime à la naissance is due this month. Financially autonomous, it counts for no family
        # benefit; in a dwelling and a tax household of its own, it counts for neither the chèque énergie nor taxes.
        individus[identifier] = {"date_naissance": {"ETERNITY": str(_months_ahead(on, 2))},
                                 "autonomie_financiere": _constant(periods, True)}
    if situation.savings:
        individus[f"{key}_r"]["livret_a"] = _constant(periods, situation.savings)
    if situation.alimony_received:
        individus[f"{key}_r"]["pensions_alimentaires_percues"] = _monthly(periods, situation.alimony_received)

    famille: dict[str, Any] = {"parents": adults, "enfants": children + unborn}
    for kind, variable in RECEIVED_FAMILY.items():
        total = sum((p.incomes.known().get(kind, 0) if p.incomes is not None else 0) for p in people)
        if total:
            famille[variable] = _received(periods, total)
    foyer: dict[str, Any] = {"declarants": adults, "personnes_a_charge": children}
    if situation.income_two_years_ago is not None:
        foyer["rfr_declare"] = {periods.year_n2: situation.income_two_years_ago}
    return {
        "individus": individus,
        "familles": {key: famille},
        "foyers_fiscaux": {key: foyer, **{f"{person}f": {"declarants": [person]} for person in unborn}},
        "menages": {key: _menage(situation, adults, children, periods, assumptions),
                    **{f"{person}m": {"personne_de_reference": [person]} for person in unborn}},
    }


def _menage(situation: Situation, adults: list[str], children: list[str], periods: Periods,
            assumptions: Assumptions) -> dict[str, Any]:
    menage: dict[str, Any] = {"personne_de_reference": adults[:1], "conjoint": adults[1:], "enfants": children}
    if situation.depcom is not None:
        menage["depcom"] = _constant(periods, situation.depcom)
    housing = situation.housing
    if housing is not None and housing.status is not None:
        menage["statut_occupation_logement"] = _constant(periods, HOUSING_STATUS[housing.status])
        menage["logement_crous"] = _constant(periods, housing.status is HousingStatus.STUDENT_RESIDENCE)
        # HLM and CROUS residences are conventionnées (APL, APL-foyer): an input for every household of the
        # simulation, since an input of one household is the default of the others.
        menage["logement_conventionne"] = _constant(periods, housing.status in CONVENTIONNE)
        if housing.status in RENTED:
            rent = housing.rent if housing.rent is not None else assumptions.rent
            menage["loyer"] = _monthly(periods, rent)
            if housing.charges:
                menage["charges_locatives"] = _monthly(periods, housing.charges)
    return menage


def merge(households: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Several households' entities as one simulation input (their ids are distinct)."""
    merged: dict[str, dict[str, Any]] = {"individus": {}, "familles": {}, "foyers_fiscaux": {}, "menages": {}}
    for entities in households:
        for plural, members in entities.items():
            merged[plural].update(members)
    return merged
