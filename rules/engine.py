"""OpenFisca-France behind one call: situations in, one BenefitResult per benefit and per situation out.

The tax-benefit system takes seconds to load and a first simulation is slow, so one Engine lives for the whole process
and is warmed up at start-up. Several households (each situation and its variants, and the situations of concurrent
requests) share one vectorised simulation. No legal number lives here: amounts and thresholds are OpenFisca-France's
dated parameters (plus our dated overlay) at the month of the computation.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal, NamedTuple

import numpy as np
from openfisca_core.simulations import Simulation
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from rules.benefits import BENEFITS, Benefit, Outcome
from rules.benefits.base import PeriodKind
from rules.builder import build_simulation
from rules.catalogue import load_catalogue
from rules.declared import declared_name
from rules.household import PAST_MONTHS, Periods, household, merge, variants
from rules.incomes import SalaryScale, salary_scale
from rules.legislation import Overlay, last_change, parameter_node, stale_margin
from rules.results import BenefitResult
from rules.situation import Situation
from rules.verdict import result

PHASES: tuple[tuple[str, ...], ...] = (
    ("aah",), ("ass",), ("af", "cf", "asf"), ("aspa",), ("aide_logement",), ("caah",), ("rsa",), ("ppa",))
"""Benefits computed for this month first, then declared for the past months (see Engine._compute)."""
LawKind = Literal["value", "stale_margin", "last_change"]


def _load_system() -> TaxBenefitSystem:
    """OpenFisca-France with our dated overlay and the speed reform; imported lazily (seconds to import and load)."""
    from openfisca_france import CountryTaxBenefitSystem

    from rules import cached_reads, periods_cache
    from rules.declared import Declared
    from rules.speed import Speed

    periods_cache.install()
    cached_reads.install()
    return Speed(Declared(Overlay(CountryTaxBenefitSystem())))


class Scenario(NamedTuple):
    """One household of a simulation: a situation as told (``answer`` None) or one of its variants."""

    key: str
    answer: str | None
    situation: Situation
    position: int


def _decimal(value: Any) -> float:
    """A float32 of OpenFisca as the decimal it stands for (1043.595, not 1043.594970703125)."""
    return float(str(value)) if isinstance(value, np.floating) else float(value)


class Household:
    """The engine's values for one household of a simulation (the benefit modules' Reader)."""

    def __init__(self, engine: Engine, situation: Situation, on: date, arrays: dict[tuple[str, PeriodKind], Any],
                 index: dict[str, int], adults: list[int]) -> None:
        self.situation = situation
        self.on = on
        self._engine = engine
        self._arrays = arrays
        self._index = index
        self._adults = adults

    def __call__(self, variable: str, period: PeriodKind = "month") -> float:
        entity = self._engine.system.variables[variable].entity.key
        return _decimal(self._arrays[(variable, period)][self._index[entity]])

    def each(self, variable: str, period: PeriodKind = "month") -> list[float]:
        array = self._arrays[(variable, period)]
        return [_decimal(array[position]) for position in self._adults]

    def parameter(self, path: str) -> Any:
        return self._engine.law("value", path, self.on)

    def stale_margin(self, path: str) -> float:
        margin: float = self._engine.law("stale_margin", path, self.on)
        return margin

    def last_change(self, path: str) -> date:
        changed: date = self._engine.law("last_change", path, self.on)
        return changed


class Engine:
    """One warm OpenFisca-France tax-benefit system shared by all requests of the process."""

    def __init__(self, system: TaxBenefitSystem | None = None, *, benefits: Sequence[Benefit] = BENEFITS) -> None:
        self._system = system
        self._load_lock = threading.Lock()
        self._salaries: dict[str, SalaryScale] = {}
        self._law: dict[tuple[str, str, date], Any] = {}
        self._catalogue = load_catalogue()
        self.benefits = tuple(benefits)

    @property
    def system(self) -> TaxBenefitSystem:
        """The tax-benefit system, loaded on first use (once, even under concurrent first calls)."""
        with self._load_lock:
            if self._system is None:
                self._system = _load_system()
            return self._system

    def salaries(self, on: date) -> SalaryScale:
        """Net → gross and taxable salaries for the month of ``on`` (computed once per month, rules/incomes.py)."""
        month = Periods(on).month
        with self._load_lock:
            scale = self._salaries.get(month)
        if scale is None:
            scale = salary_scale(self.system.baseline, on)
            with self._load_lock:
                self._salaries[month] = scale
        return scale

    def law(self, kind: LawKind, path: str, on: date) -> Any:
        """A parameter's value at ``on``, its stale margin or the date of its last change: parameters never change
        once loaded, and the judgements of every household and variant read the same few dozen (each read parses
        the date and walks the parameter tree), so each is read once per day."""
        key = (kind, path, on)
        if key not in self._law:
            if kind == "stale_margin":
                self._law[key] = stale_margin(self.system, path, on)
            else:
                node = parameter_node(self.system.parameters, path)
                self._law[key] = node(on.isoformat()) if kind == "value" else last_change(node, on)
        return self._law[key]

    def warm_up(self, on: date) -> None:
        """Load the system and run one simulation so the first resident does not wait for OpenFisca's caches."""
        from rules.samples import SAMPLE_SITUATIONS

        self.evaluate_many(SAMPLE_SITUATIONS, on=on)

    def evaluate(self, situation: Situation, *, on: date) -> list[BenefitResult]:
        """Every benefit the engine knows, computed for the month containing ``on``."""
        return self.evaluate_many([situation], on=on)[0]

    def evaluate_many(self, situations: Sequence[Situation], *, on: date,
                      order: Sequence[Benefit] | None = None) -> list[list[BenefitResult]]:
        """Every benefit for each situation, all households in one vectorised simulation.

        ``order`` changes the order in which benefits are computed (to check that results do not depend on it).
        """
        scenarios: list[Scenario] = []
        for position, told in enumerate(situations):
            scenarios.append(Scenario(f"h{position}", None, told, position))
            scenarios += [Scenario(f"h{position}v{number}", answer, variant, position)
                          for number, (answer, variant) in enumerate(variants(told).items())]
        simulation = self._simulation(scenarios, on)
        arrays = self._compute(simulation, on, order or self.benefits)
        judged: list[dict[str | None, dict[str, Outcome]]] = [{} for _ in situations]
        for scenario in scenarios:
            reader = self._reader(simulation, arrays, scenario.key, scenario.situation, on)
            judged[scenario.position][scenario.answer] = {benefit.code: benefit.judge(reader)
                                                          for benefit in self.benefits}
        return [self._results(outcomes, on) for outcomes in judged]

    def _results(self, outcomes: dict[str | None, dict[str, Outcome]], on: date) -> list[BenefitResult]:
        results = []
        for benefit in self.benefits:
            base = outcomes[None][benefit.code]
            others = {answer: judged[benefit.code] for answer, judged in outcomes.items() if answer is not None}
            legislation_date = self.law("last_change", base.parameter, on)
            results.append(result(self._catalogue[benefit.code], base, others, legislation_date))
        return results

    def _simulation(self, scenarios: Sequence[Scenario], on: date) -> Simulation:
        salaries = self.salaries(on)
        entities = merge(household(scenario.key, scenario.situation, on, salaries=salaries) for scenario in scenarios)
        return build_simulation(self.system, entities)

    def _compute(self, simulation: Simulation, on: date,
                 benefits: Sequence[Benefit]) -> dict[tuple[str, PeriodKind], Any]:
        """Every value the benefits read, in a fixed plan.

        First the benefits other benefits read over past months, phase by phase, for this month only; each is then
        declared for the past 12 months (unless the resident told what they received): the situation told is the
        situation of the past months, so are its benefits. Then each benefit's values, in the given order.
        """
        periods = Periods(on)
        past = periods.months_back(PAST_MONTHS)
        for phase in PHASES:
            current = {name: simulation.calculate(name, periods.month) for name in phase}
            for name, value in current.items():
                holder = simulation.get_holder(declared_name(name))
                for month in past:
                    told = holder.get_array(month)
                    simulation.set_input(declared_name(name), month,
                                         value if told is None else np.where(told >= 0, told, value))
        calendar: dict[PeriodKind, str] = {"month": periods.month, "year": str(on.year), "year_n2": periods.year_n2}
        arrays: dict[tuple[str, PeriodKind], Any] = {}
        for benefit in benefits:
            for variable, kind in benefit.reads:
                if (variable, kind) not in arrays:
                    arrays[(variable, kind)] = simulation.calculate(variable, calendar[kind])
        return arrays

    def _reader(self, simulation: Simulation, arrays: dict[tuple[str, PeriodKind], Any], key: str,
                situation: Situation, on: date) -> Household:
        positions = self._positions(simulation)
        index = {entity: positions[entity][key] for entity in ("famille", "menage", "foyer_fiscal")}
        adults = [positions["individu"][person] for person in (f"{key}_r", f"{key}_p")
                  if person in positions["individu"]]
        return Household(self, situation, on, arrays, index, adults)

    @staticmethod
    def _positions(simulation: Simulation) -> dict[str, dict[str, int]]:
        cached: dict[str, dict[str, int]] | None = getattr(simulation, "_rules_positions", None)
        if cached is None:
            cached = {key: {str(identifier): position for position, identifier in enumerate(population.ids)}
                      for key, population in simulation.populations.items()}
            simulation._rules_positions = cached
        return cached

    def parameters_used(self, situations: Sequence[Situation], *, on: date) -> list[str]:
        """Every parameter OpenFisca-France reads while the engine computes these situations (traced)."""
        scenarios = [Scenario(f"h{position}", None, situation, position)
                     for position, situation in enumerate(situations)]
        simulation = self._simulation(scenarios, on)
        simulation.trace = True
        self._compute(simulation, on, self.benefits)
        names: set[str] = set()
        stack = list(simulation.tracer.trees)
        while stack:
            node = stack.pop()
            names.update(parameter.name for parameter in node.parameters)
            stack.extend(node.children)
        return sorted(names)



