"""OpenFisca-France behind one call: a Situation in, one BenefitResult per benefit out.

The tax-benefit system takes seconds to load and a first simulation is slow, so one Engine lives for the whole
process and is warmed up at start-up. No legal number lives here: amounts and thresholds are read from
OpenFisca-France's dated parameters at the month of the computation.
"""

from __future__ import annotations

import threading
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from openfisca_core.parameters import Parameter
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from rules.catalogue import CatalogueEntry, load_catalogue
from rules.explain import euros, render_reason
from rules.results import BenefitResult, HowToApply, Status
from rules.situation import Situation

RSA_PARAMETERS = "prestations_sociales.solidarite_insertion.minima_sociaux.rsa"
# What the RSA's answer and its reasons are made of; the ASPA comes first for over-65s (it is in the RSA resources).
RSA_VARIABLES = ("rsa", "rsa_eligibilite", "rsa_socle", "rsa_base_ressources", "aspa")
# Benefits paid under this amount are not paid at all; below a cent we call it zero.
ZERO = 0.005


def cents(value: Any) -> float:
    """An OpenFisca amount (float32) rounded half-up to the cent.

    float32 holds 1043.595 as 1043.59497…; its shortest decimal form is the amount the formula meant.
    """
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def month_of(day: date) -> str:
    """OpenFisca's period for the month containing ``day``."""
    return f"{day.year:04d}-{day.month:02d}"


def previous_months(day: date, count: int) -> list[str]:
    """The ``count`` months before ``day``'s month, oldest first (the RSA averages M-3..M-1)."""
    months = []
    year, month = day.year, day.month
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(f"{year:04d}-{month:02d}")
    return list(reversed(months))


def household_entities(situation: Situation, on: date) -> dict[str, Any]:
    """The OpenFisca entities of a single adult with no income, the age repeated over the months the law reads."""
    months = [*previous_months(on, 3), month_of(on)]
    return {
        "individus": {"demandeur": {"age": {month: situation.age for month in months}}},
        "familles": {"famille": {"parents": ["demandeur"]}},
        "foyers_fiscaux": {"foyer": {"declarants": ["demandeur"]}},
        "menages": {"menage": {"personne_de_reference": ["demandeur"]}},
    }


def last_change(parameter: Parameter, on: date) -> date:
    """The date from which ``parameter``'s value at ``on`` applies: the legislation date we show."""
    instants = [date.fromisoformat(str(item.instant_str)) for item in parameter.values_list]
    return max(instant for instant in instants if instant <= on)


def _load_system() -> TaxBenefitSystem:
    """Import lazily: OpenFisca-France takes seconds to import and load, which tests of other modules need not pay."""
    from openfisca_france import CountryTaxBenefitSystem

    return CountryTaxBenefitSystem()


class Engine:
    """One warm OpenFisca-France tax-benefit system shared by all requests of the process."""

    def __init__(self, system: TaxBenefitSystem | None = None) -> None:
        self._system = system
        self._load_lock = threading.Lock()
        self._catalogue = load_catalogue()

    @property
    def system(self) -> TaxBenefitSystem:
        """The tax-benefit system, loaded on first use (once, even under concurrent first calls)."""
        with self._load_lock:
            if self._system is None:
                self._system = _load_system()
            return self._system

    def warm_up(self, on: date) -> None:
        """Load the system and run one simulation so the first resident does not wait for OpenFisca's caches."""
        self.evaluate(Situation(age=40), on=on)

    def evaluate(self, situation: Situation, *, on: date) -> list[BenefitResult]:
        """Every benefit the engine knows, computed for the month containing ``on``."""
        simulation = SimulationBuilder().build_from_entities(self.system, household_entities(situation, on))
        month = month_of(on)
        values = {name: simulation.calculate(name, month)[0] for name in RSA_VARIABLES}
        return [self._rsa_result(values, on)]

    def _rsa_result(self, values: dict[str, Any], on: date) -> BenefitResult:
        """The RSA and why, from the engine's own intermediate values (eligibility, socle, resources, ASPA)."""
        entry = self._catalogue["rsa"]
        rsa = self._parameter(RSA_PARAMETERS)
        legislation_date = last_change(rsa.rsa_m.montant_de_base_du_rsa, on)
        age_min = int(rsa.rsa_cond.age_pac(on))
        amount = cents(values["rsa"])
        if amount > ZERO:
            reason = render_reason(entry.reasons["eligible_no_income"], age_min=age_min)
            return _result(entry, Status.ELIGIBLE, amount, [reason], legislation_date)
        if not values["rsa_eligibilite"]:
            reason = render_reason(entry.reasons["too_young"], age_min=age_min)
        elif cents(values["aspa"]) > ZERO:
            reason = render_reason(entry.reasons["aspa_first"], aspa=euros(cents(values["aspa"])))
        else:
            reason = render_reason(entry.reasons["resources_above"],
                                   resources=euros(cents(values["rsa_base_ressources"])),
                                   socle=euros(cents(values["rsa_socle"])))
        return _result(entry, Status.NOT_ELIGIBLE, None, [reason], legislation_date)

    def _parameter(self, dotted: str) -> Any:
        """A node or leaf of OpenFisca-France's parameter tree, by dotted path (values are dated: call it)."""
        node: Any = self.system.parameters
        for part in dotted.split("."):
            node = getattr(node, part)
        return node


def _result(entry: CatalogueEntry, status: Status, amount: float | None, reasons: list[str],
            legislation_date: date) -> BenefitResult:
    return BenefitResult(
        benefit=entry.benefit,
        label=entry.label,
        status=status,
        monthly_amount=amount,
        monthly_amount_text=None if amount is None else euros(amount),
        reasons=reasons,
        missing=[],
        how_to_apply=HowToApply(institution=entry.institution, url=str(entry.url)),
        legislation_date=legislation_date,
    )
