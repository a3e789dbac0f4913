"""A value OpenFisca-core already holds, returned without the bookkeeping of a computation.

A bilan asks ``Simulation.calculate`` about 4,300 times per household with its variants, and about three calls in four
find the value already there (an input, or a formula already run for that period): each still resolves the variable,
pushes and pops the tracer's stack, checks the period against the variable and looks for invalidated caches, which is
about a fifth of the engine's time. ``install()`` puts a first look in front of it: when the period is already a
``Period``, the simulation is not traced (tracing records every read: ``rules.neutralize``, ``parameters_used``) and the
variable's holder has an array in memory for that period, that array is the answer, exactly what
``Simulation._calculate`` returns for a cached value; a neutralised variable gets its default array, as there.
Anything else (a value to compute, a period given as a string, a traced simulation) goes through OpenFisca-core
unchanged.

Likewise a formula's read of a variable (``individu('salaire_net', period)``) checks each time that the variable
belongs to the entity and that the period is a period: once a population has passed these checks for a variable, a
read with a ``Period`` and no option goes straight to ``Simulation.calculate``.
"""

from __future__ import annotations

from typing import Any

from openfisca_core.periods import Period
from openfisca_core.populations import CorePopulation
from openfisca_core.simulations import Simulation
from openfisca_core.tracers import SimpleTracer

_INSTALLED = False
ETERNITY = Period.eternity()


def install() -> None:
    """Put the first look in front of ``Simulation.calculate`` (once per process)."""
    global _INSTALLED
    if _INSTALLED:
        return
    computed = Simulation.calculate

    def calculate(self: Simulation, variable_name: str, period: Any) -> Any:
        if type(period) is Period and type(self.tracer) is SimpleTracer:
            array = _held(self, variable_name, period)
            if array is not None:
                return array
        return computed(self, variable_name, period)

    Simulation.calculate = calculate
    checked_call = CorePopulation.__call__

    def call(self: CorePopulation, variable_name: str, period: Any, options: Any = None) -> Any:
        if options is not None or type(period) is not Period or self.simulation is None:
            return checked_call(self, variable_name, period, options)
        checked: set[str] | None = self.__dict__.get("_rules_checked")
        if checked is None:
            checked = self.__dict__["_rules_checked"] = set()
        if variable_name in checked:
            return self.simulation.calculate(variable_name, period)
        array = checked_call(self, variable_name, period, options)
        checked.add(variable_name)
        return array

    CorePopulation.__call__ = call
    _INSTALLED = True


def _held(simulation: Simulation, variable_name: str, period: Period) -> Any:
    """The array the variable's holder keeps in memory for ``period`` (the default for a neutralised variable: about
    600 reads per household with its variants), or None (then OpenFisca decides)."""
    holders: dict[str, Any] | None = simulation.__dict__.get("_rules_holders")
    if holders is None:
        holders = simulation.__dict__["_rules_holders"] = {}
    holder = holders.get(variable_name)
    if holder is None:
        holder = holders[variable_name] = simulation.get_variable_population(variable_name).get_holder(variable_name)
    if holder.variable.is_neutralized:
        # What Simulation._calculate answers for a neutralised variable, after the same period check.
        simulation._check_period_consistency(period, holder.variable)
        return holder.default_array()
    storage = holder._memory_storage
    return storage._arrays.get(ETERNITY if storage.is_eternal else period)
