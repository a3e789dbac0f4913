"""Net salaries, as residents know them, turned into the gross and taxable salaries some benefits read.

OpenFisca-France derives net and taxable pay from the gross salary (``salaire_de_base``) through the social
contributions; it has no inverse. Housing aid and the revenu fiscal de référence read the taxable salary, the ASPA the
gross one. So, once per month of computation, a grid of gross salaries goes through OpenFisca-France's own
contributions (full-time private-sector employee, the default contract) and net → gross / taxable is interpolated.
No legal rate lives here. Pensions and unemployment benefits are entered with gross = taxable = net: exact for the
low amounts exempt from CSG, a slight underestimate of resources (never a false "no") above.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

GRID_STEP = 50.0
GRID_MAX = 15_000.0
"""Gross monthly salaries from 0 to 15 000 € every 50 €; above, the last ratios are extrapolated."""


@dataclass(frozen=True)
class SalaryScale:
    """Net, gross and taxable monthly salaries on a grid, for one month of legislation."""

    net: np.ndarray
    gross: np.ndarray
    taxable: np.ndarray

    def convert(self, net: float) -> tuple[float, float]:
        """(gross, taxable) monthly salary for a net monthly salary."""
        if net <= self.net[-1]:
            return float(np.interp(net, self.net, self.gross)), float(np.interp(net, self.net, self.taxable))
        return net * float(self.gross[-1] / self.net[-1]), net * float(self.taxable[-1] / self.net[-1])


def salary_scale(system: TaxBenefitSystem, on: date) -> SalaryScale:
    """Run the grid through ``system`` (which must still compute net pay from gross) for the month of ``on``."""
    month = f"{on.year:04d}-{on.month:02d}"
    gross = np.arange(0.0, GRID_MAX + GRID_STEP, GRID_STEP)
    ids = [f"s{index}" for index in range(len(gross))]
    entities = {
        "individus": {person: {"salaire_de_base": {month: float(amount)}, "date_naissance": {"ETERNITY": "1980-01-01"}}
                      for person, amount in zip(ids, gross, strict=True)},
        "familles": {person: {"parents": [person]} for person in ids},
        "foyers_fiscaux": {person: {"declarants": [person]} for person in ids},
        "menages": {person: {"personne_de_reference": [person]} for person in ids},
    }
    simulation = SimulationBuilder().build_from_entities(system, entities)
    net = np.asarray(simulation.calculate("salaire_net", month), dtype=float)
    taxable = np.asarray(simulation.calculate("salaire_imposable", month), dtype=float)
    order = np.argsort(net, kind="stable")
    return SalaryScale(net=net[order], gross=gross[order], taxable=taxable[order])
