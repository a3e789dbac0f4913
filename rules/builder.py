"""Build one simulation for many households: the entities through OpenFisca's SimulationBuilder, values as arrays.

``SimulationBuilder.build_from_entities`` parses every period string of every value of every person (pendulum), which
costs more than the computation itself for a batch of households. Here the builder only gets the entities and their
roles; then each input is set once for the whole simulation, one array per variable and period, every entity
without a value of its own getting the variable's default (exactly what the builder does).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.simulations import Simulation
from openfisca_core.taxbenefitsystems import TaxBenefitSystem


class _StructureBuilder(SimulationBuilder):  # type: ignore[misc]
    """The builder without its registry of the entity of each of the system's ~5,000 variables, which only serves
    to read input values: this builder gets none."""

    def register_variables(self, simulation: Simulation) -> None:
        """Nothing to register: values are set afterwards, variable by variable."""


def _default(variable: Any) -> Any:
    value = variable.default_value
    if hasattr(value, "name") and variable.possible_values is not None:
        return value.name
    return str(value) if variable.value_type.__name__ == "date" else value


def build_simulation(system: TaxBenefitSystem, entities: dict[str, dict[str, dict[str, Any]]]) -> Simulation:
    """The simulation of ``entities`` (the input of ``build_from_entities``), values set variable by variable."""
    roles = {entity.plural: {role.plural or role.key for role in entity.roles}
             for entity in system.entities if not entity.is_person}
    structure = {plural: {identifier: {key: value for key, value in fields.items() if key in roles.get(plural, ())}
                          for identifier, fields in members.items()}
                 for plural, members in entities.items()}
    simulation = _StructureBuilder().build_from_entities(system, structure)
    for entity in system.entities:
        members = entities.get(entity.plural, {})
        population = simulation.populations[entity.key]
        position = {identifier: index for index, identifier in enumerate(population.ids)}
        inputs: dict[tuple[str, str], dict[int, Any]] = defaultdict(dict)
        for identifier, fields in members.items():
            for name, values in fields.items():
                if name in roles.get(entity.plural, ()):
                    continue
                for period, value in values.items():
                    inputs[(name, period)][position[identifier]] = value
        for (name, period), values in inputs.items():
            default = _default(system.variables[name])
            column = [values.get(index, default) for index in range(population.count)]
            simulation.set_input(name, period, column)
    return simulation
