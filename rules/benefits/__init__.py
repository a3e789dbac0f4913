"""The benefits the engine knows, in the order it computes them (main benefits first, then what reads them)."""

from __future__ import annotations

from rules.benefits import early_childhood, family, health, housing, minima, school, work
from rules.benefits.base import Benefit, Outcome, Reader

BENEFITS: tuple[Benefit, ...] = (*minima.BENEFITS, *housing.BENEFITS[:2], *family.BENEFITS, *health.BENEFITS,
                                  *early_childhood.BENEFITS, *school.BENEFITS, *work.BENEFITS, *housing.BENEFITS[2:])
"""rsa, ppa, aspa, aah, aide_logement, cheque_energie, af, cf, asf, css (the first ten, in the public contract's
order), then paje_base, paje_naissance, aeeh, ars, bourse_college, bourse_lycee, ass, contrat_engagement_jeune,
reduction_loyer_solidarite."""

__all__ = ["BENEFITS", "Benefit", "Outcome", "Reader"]
