"""Eligibility: the public endpoint and its internal twin for the bot's actions (same body, same answer)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import EligibilityDep, InternalAuth, TerritoriesDep
from rules.results import BenefitResult
from rules.situation import Situation

router = APIRouter(tags=["eligibility"])


class EligibilityResults(BaseModel):
    """One result per benefit the rule set knows."""

    results: list[BenefitResult]


@router.post("/api/v1/eligibility", response_model=EligibilityResults)
async def evaluate(situation: Situation, eligibility: EligibilityDep,
                   territories: TerritoriesDep) -> EligibilityResults:
    """What a household is likely entitled to, with reasons and how to apply. Informs; never decides.

    National benefits first, then the local aids of the territory of ``depcom`` (ids ``local:<territory>:<aid>``).
    """
    return EligibilityResults(results=await eligibility.evaluate(situation, territories))


@router.post("/internal/v1/eligibility", response_model=EligibilityResults, dependencies=[InternalAuth],
             include_in_schema=False)
async def evaluate_for_bot(situation: Situation, eligibility: EligibilityDep,
                           territories: TerritoriesDep) -> EligibilityResults:
    """The same computation for the bot's actions, behind the shared secret."""
    return EligibilityResults(results=await eligibility.evaluate(situation, territories))
