"""The benefits the engine knows, in the order it computes them (main benefits first, then what reads them)."""

from __future__ import annotations

from rules.benefits import family, health, housing, minima
from rules.benefits.base import Benefit, Outcome, Reader

BENEFITS: tuple[Benefit, ...] = (*minima.BENEFITS, *housing.BENEFITS, *family.BENEFITS, *health.BENEFITS)
"""rsa, ppa, aspa, aah, aide_logement, cheque_energie, af, cf, asf, css."""

__all__ = ["BENEFITS", "Benefit", "Outcome", "Reader"]
