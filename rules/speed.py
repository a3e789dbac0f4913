"""A Reform that computes the same benefits with less work: ask OpenFisca only what the conversation can change.

1. Net incomes are inputs. The conversation collects net (and we derive taxable) incomes for every month the law
   reads, so the formulas that would rebuild them from gross pay, through the whole chain of social contributions,
   are removed: ``salaire_net``, ``salaire_imposable``, ``chomage_net``… become plain inputs.
2. What depends only on answers the conversation never collects is neutralised (always its default value): the list
   is data (``rules/parameters/neutralized.txt``), produced by ``python -m rules.neutralize`` from a trace of varied
   households and checked by a test that compares the benefits with and without this reform; and by hand, a few
   benefits gated by an answer never collected (``rules/parameters/gated.yml``, with reasons).
3. Branches no household of the simulation takes are skipped: since October 2024 the RSA and the prime d'activité
   compute both the usual resources and those of the departments experimenting the reformed RSA, then pick one per
   household; when no household of the simulation lives in such a department, only the usual formula runs (it is
   the formula OpenFisca-France dated before 2024-10, which the new one selects for these households).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from openfisca_core.reforms import Reform

NEUTRALIZED_FILE = Path(__file__).parent / "parameters" / "neutralized.txt"
GATED_FILE = Path(__file__).parent / "parameters" / "gated.yml"

EXPERIMENTATION = "departement_experimentation_rsa"
EXPERIMENTING = ("ppa", "rsa_base_ressources_individu", "rsa_base_ressources_minima_sociaux",
                 "rsa_revenu_activite_individu")
"""Variables whose formula dated 2024-10 is ``where(experimentation, new, previous formula)``."""

INPUTS = (
    "salaire_net", "salaire_imposable", "chomage_net", "chomage_imposable", "retraite_nette", "retraite_imposable",
)
"""Incomes the household builder enters for every month the law reads: never rebuilt from gross amounts."""


def gated(path: Path = GATED_FILE) -> list[str]:
    """The variables neutralised by hand, each gated by an answer never collected (reasons in the file)."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def neutralized(path: Path = NEUTRALIZED_FILE) -> list[str]:
    """The variables to neutralise, one a line (# comments allowed)."""
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


class Speed(Reform):  # type: ignore[misc]
    """Net incomes as inputs, uncollected chains neutralised."""

    name = "Moteur de l'assistant : revenus nets en entrée, chaînes jamais renseignées neutralisées"

    def __init__(self, baseline: Any, *, neutralize: bool = True, gated: bool = True,
                 skip_branches: bool = True) -> None:
        """Each lever can be switched off: to regenerate the list (``neutralize=False``) or to test the reform."""
        self._neutralize, self._gated, self._skip_branches = neutralize, gated, skip_branches
        super().__init__(baseline)

    def apply(self) -> None:
        for name in INPUTS:
            variable = copy.copy(self.variables[name])
            variable.formulas = type(variable.formulas)()
            self.variables[name] = variable
        for name in [*(gated() if self._gated else []), *(neutralized() if self._neutralize else [])]:
            if name in self.variables:
                self.neutralize_variable(name)
        for name in EXPERIMENTING if self._skip_branches else ():
            # A copy, never ``Variable.clone()``: that rebuilds the variable from OpenFisca-France's class and would
            # drop the formulas of the reforms below this one (the declared ``ppa`` of rules/declared.py).
            variable = copy.copy(self.variables[name])
            starts = list(variable.formulas)
            latest, previous = variable.formulas[starts[-1]], variable.formulas[starts[-2]]
            variable.formulas = type(variable.formulas)(variable.formulas.items())
            variable.formulas[starts[-1]] = _unless_experimenting(latest, previous)
            self.variables[name] = variable


def _unless_experimenting(latest: Callable[..., Any], previous: Callable[..., Any]) -> Callable[..., Any]:
    def formula(entity: Any, period: Any, parameters: Any) -> Any:
        famille = entity if entity.entity.key == "famille" else entity.famille
        if famille(EXPERIMENTATION, period).any():
            return latest(entity, period, parameters)
        return previous(entity, period, parameters) if previous.__code__.co_argcount == 3 else previous(entity, period)

    formula.__name__ = latest.__name__
    return formula
