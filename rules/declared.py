"""A Reform that lets a household declare a value OpenFisca-France would otherwise compute, household by household.

OpenFisca takes an input of a variable for a period as the value of *every* entity of the simulation for that period
(the others get the default value, not their formula). Households of different situations share one vectorised
simulation, so a declared revenu fiscal de référence or a benefit already received cannot be entered as an input of
``rfr`` or ``rsa``: each such variable gets a companion ``<name>_declare`` (an input, -1 when nothing is declared), and
its formulas are wrapped to return the declared value where there is one, the computed value elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from numpy import where
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable

DECLARABLE = ("rfr", "rsa", "ppa", "aide_logement", "aah", "caah", "aspa", "af", "cf", "asf", "ass")
"""The revenu fiscal de référence of year N-2, and the benefits received over the past months: told by the resident,
or, under the assumption that the situation told held over the past months, the engine's own value of this month."""
NOT_DECLARED = -1.0


def declared_name(name: str) -> str:
    """The companion input of a declarable variable."""
    return f"{name}_declare"


def _wrap(name: str, formula: Callable[..., Any]) -> Callable[..., Any]:
    takes_parameters = formula.__code__.co_argcount == 3

    def declared_or_computed(entity: Any, period: Any, parameters: Any) -> Any:
        declared = entity(declared_name(name), period)
        if (declared >= 0).all():
            return declared
        computed = formula(entity, period, parameters) if takes_parameters else formula(entity, period)
        return where(declared >= 0, declared, computed)

    declared_or_computed.__name__ = formula.__name__
    return declared_or_computed


class Declared(Reform):  # type: ignore[misc]
    """Declared values win over OpenFisca's formulas, household by household."""

    name = "Valeurs déclarées par le foyer (revenu fiscal de référence, prestations déjà perçues)"

    def apply(self) -> None:
        for name in DECLARABLE:
            original = self.variables[name]
            companion = type(declared_name(name), (Variable,), {
                "value_type": float,
                "entity": original.entity,
                "definition_period": original.definition_period,
                "default_value": NOT_DECLARED,
                "label": f"{original.label} (déclaré par le foyer ; -1 si non déclaré)",
            })
            self.add_variable(companion)
            variable = original.clone()
            variable.formulas = type(original.formulas)(
                (start, _wrap(name, formula)) for start, formula in original.formulas.items())
            self.variables[name] = variable
