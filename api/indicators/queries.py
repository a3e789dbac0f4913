"""Reading indicator events for one territory (the only database access of the indicators' pages)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from api.indicators.aggregate import EventRow, Filters
from api.indicators.models import IndicatorEvent


async def load_events(session: AsyncSession, filters: Filters) -> list[EventRow]:
    """The territory's events in the selection (the aggregation filters again: the same rule for every caller)."""
    query = select(IndicatorEvent.month, IndicatorEvent.territory, IndicatorEvent.channel, IndicatorEvent.campaign,
                   IndicatorEvent.kind, IndicatorEvent.benefit, IndicatorEvent.amount,
                   IndicatorEvent.delay_hours).where(IndicatorEvent.territory == filters.territory)
    if filters.month:
        query = query.where(IndicatorEvent.month == filters.month)
    if filters.channel:
        query = query.where(IndicatorEvent.channel == filters.channel)
    if filters.campaign:
        query = query.where(IndicatorEvent.campaign == filters.campaign)
    return [EventRow(*row) for row in (await session.execute(query)).all()]


@dataclass(frozen=True)
class Choices:
    """The values the filters offer: months, channels and campaigns that have events in the territory."""

    months: list[str]
    channels: list[str]
    campaigns: list[str]


async def filter_choices(session: AsyncSession, *, territory: str) -> Choices:
    """Distinct months (newest first), channels and campaigns of the territory's events."""
    async def distinct(column: InstrumentedAttribute[str]) -> list[str]:
        rows = await session.scalars(select(column).distinct().where(IndicatorEvent.territory == territory))
        return sorted((value for value in rows if value), reverse=column is IndicatorEvent.month)

    return Choices(await distinct(IndicatorEvent.month), await distinct(IndicatorEvent.channel),
                   await distinct(IndicatorEvent.campaign))
