"""Dated law: our overlay of newer values on OpenFisca-France, and the currency check of the parameters we use.

``python -m rules.legislation_report`` prints every parameter the engine reads for a set of varied households, with
its latest dated value, the date from which it applies, and its currency status (see rules/parameters/currency.yml).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from openfisca_core.reforms import Reform
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

PARAMETERS_DIR = Path(__file__).parent / "parameters"
OPENFISCA_FRANCE_VERSION = "176.1.8"
"""The OpenFisca-France the overlay is written against (requirements/api.lock pins it)."""


def parameter_node(parameters: Any, path: str) -> Any:
    """A node or leaf of a parameter tree, by dotted path."""
    node = parameters
    for part in path.split("."):
        node = getattr(node, part) if not part.isdigit() else node[int(part)]
    return node


def _instants(node: Any) -> list[date]:
    """Every date at which a parameter (or any bracket of a scale, any leaf of a node) changes."""
    if hasattr(node, "values_list"):
        return [date.fromisoformat(str(item.instant_str)) for item in node.values_list]
    if hasattr(node, "brackets"):
        return [instant for bracket in node.brackets for child in bracket.children.values()
                for instant in _instants(child)]
    if hasattr(node, "children"):
        return [instant for child in node.children.values() for instant in _instants(child)]
    return []


def last_change(node: Any, on: date) -> date:
    """The date from which ``node``'s value at ``on`` applies: the legislation date we show."""
    return max(instant for instant in _instants(node) if instant <= on)


def latest_change(node: Any) -> date:
    """The latest dated change OpenFisca-France (and our overlay) hold, whatever the day."""
    return max(_instants(node))


@cache
def load_overlay(path: Path = PARAMETERS_DIR / "overlay.yml") -> dict[str, list[dict[str, Any]]]:
    """The dated values we add, by parameter path."""
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


class Overlay(Reform):  # type: ignore[misc]
    """Newer dated values of parameters, through OpenFisca's parameter update mechanism."""

    name = f"Valeurs datées plus récentes qu'OpenFisca-France {OPENFISCA_FRANCE_VERSION} (rules/parameters/overlay.yml)"

    def apply(self) -> None:
        def update(parameters: Any) -> Any:
            for path, changes in load_overlay().items():
                leaf = parameter_node(parameters, path)
                for change in sorted(changes, key=lambda item: item["start"]):
                    leaf.update(start=str(change["start"]), value=change["value"])
            return parameters

        self.modify_parameters(modifier_function=update)


@dataclass(frozen=True)
class Currency:
    """What we know of a parameter's schedule of changes."""

    path: str
    revalued: str | None = None
    reference: str | None = None
    verified: str | None = None
    unverified: str | None = None
    margin: float | None = None


@cache
def load_currency(path: Path = PARAMETERS_DIR / "currency.yml") -> tuple[float, dict[str, Currency]]:
    """The yearly prudence margin and the schedule of each parameter we check."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return float(data["margin_per_year"]), {key: Currency(path=key, **value)
                                            for key, value in data["parameters"].items()}


def missed_revaluations(revalued: str, latest: date, on: date) -> int:
    """How many yearly revaluation days (``MM-DD``) fall after ``latest`` and on or before ``on``."""
    month, day = (int(part) for part in revalued.split("-"))
    return sum(1 for year in range(latest.year, on.year + 1) if latest < date(year, month, day) <= on)


def stale_margin(system: TaxBenefitSystem, path: str, on: date) -> float:
    """0 when the parameter is current at ``on``; else how far (a fraction) its true value may be from ours."""
    per_year, registry = load_currency()
    entry = registry.get(path)
    if entry is None or entry.verified:
        return 0.0
    if entry.unverified:
        return entry.margin if entry.margin is not None else per_year
    missed = missed_revaluations(entry.revalued or "01-01", latest_change(parameter_node(system.parameters, path)), on)
    return float((1 + per_year) ** missed - 1)


def status(system: TaxBenefitSystem, path: str, on: date) -> str:
    """The currency status printed in the legislation table."""
    _, registry = load_currency()
    entry = registry.get(path)
    if entry is None:
        node = parameter_node(system.parameters, path)
        still_valid = (getattr(node, "metadata", None) or {}).get("last_value_still_valid_on")
        if not still_valid:
            return ""
        checked = date.fromisoformat(str(still_valid))
        if checked < date(on.year - 1, on.month, 1):
            return f"À VÉRIFIER : OpenFisca-France la dit valide au {still_valid}, il y a plus d'un an"
        return f"(OpenFisca-France : valeur encore valide au {still_valid})"
    if entry.verified:
        return f"vérifié : {entry.verified}"
    if entry.unverified:
        return "NON VÉRIFIÉ (résultats « uncertain » près du seuil)"
    missed = missed_revaluations(entry.revalued or "01-01", latest_change(parameter_node(system.parameters, path)), on)
    return f"PÉRIMÉ : {missed} revalorisation(s) manquante(s)" if missed else f"à jour (revalorisé le {entry.revalued})"


def describe_value(node: Any, on: date) -> str:
    """A parameter's value at ``on`` in one short line (scales by their brackets)."""
    if hasattr(node, "brackets"):
        scale = node(on.isoformat())
        amounts = getattr(scale, "amounts", None) or getattr(scale, "rates", [])
        return "barème " + "; ".join(f"≥ {threshold:.10g}: {value:.10g}"
                                     for threshold, value in zip(scale.thresholds, amounts, strict=True))
    value = node(on.isoformat())
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:.10g}"
    return " ".join(str(value).split())


def table(system: TaxBenefitSystem, paths: list[str], on: date) -> list[tuple[str, str, str, str]]:
    """Rows (parameter, value at ``on``, date of that value, currency status), sorted by path."""
    rows = []
    for path in sorted(set(paths)):
        node = parameter_node(system.parameters, path)
        rows.append((path, describe_value(node, on), last_change(node, on).isoformat(), status(system, path, on)))
    return rows
