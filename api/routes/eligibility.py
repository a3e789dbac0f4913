"""Eligibility: the public endpoint and its internal twin for the bot's actions (same body, same answer)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Header
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from api.deps import LIMITED, EligibilityDep, InternalAuth, NowDep, SessionDep, TerritoriesDep, rate_limited
from api.indicators import events as indicator_events
from rules.results import BenefitResult
from rules.situation import Situation

router = APIRouter(tags=["eligibility"])
logger = logging.getLogger(__name__)


class EligibilityResults(BaseModel):
    """One result per benefit the rule set knows."""

    results: list[BenefitResult]


@router.post("/api/v1/eligibility", response_model=EligibilityResults, dependencies=[rate_limited("eligibility")],
             responses=LIMITED)
async def evaluate(situation: Situation, eligibility: EligibilityDep,
                   territories: TerritoriesDep) -> EligibilityResults:
    """What a household is likely entitled to, with reasons and how to apply. Informs; never decides.

    National benefits first, then the local aids of the territory of ``depcom`` (ids ``local:<territory>:<aid>``).
    """
    return EligibilityResults(results=await eligibility.evaluate(situation, territories))


@router.post("/internal/v1/eligibility", response_model=EligibilityResults, dependencies=[InternalAuth],
             include_in_schema=False)
async def evaluate_for_bot(
    situation: Situation, eligibility: EligibilityDep, territories: TerritoriesDep, session: SessionDep,
    now: NowDep,
    x_conversation_id: Annotated[str | None, Header(max_length=64)] = None,
) -> EligibilityResults:
    """The same computation for the bot's actions, behind the shared secret; the conversation named by
    ``X-Conversation-Id`` gets its bilan counted in the indicators (anonymously)."""
    results = await eligibility.evaluate(situation, territories)
    if x_conversation_id:
        try:
            await indicator_events.bilan_completed(session, conversation_id=x_conversation_id, results=results,
                                                   now=now)
            await session.commit()
        except SQLAlchemyError as error:  # the resident's answer matters more than a count
            await session.rollback()
            logger.error("bilan not counted in the indicators: %s", type(error).__name__)
    return EligibilityResults(results=results)
