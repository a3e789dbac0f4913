"""Territory resolution for the bot's actions (contract 3): which territory serves a resident, and where to go."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import InternalAuth, TerritoriesDep
from api.territories.resolve import resolve
from facts.insee import DEPCOM_PATTERN

router = APIRouter(tags=["territories"])


class NearbyOut(BaseModel):
    """Where the resident may go in person: the territory's office, or France services."""

    label: str
    url: str


class ResolutionOut(BaseModel):
    """The territory serving the resident (null when none does); ``covered: false`` means no callback."""

    code: str | None
    name: str | None
    covered: bool
    nearby: NearbyOut


@router.get("/internal/v1/territories/resolve", response_model=ResolutionOut, dependencies=[InternalAuth],
            include_in_schema=False)
async def resolve_territory(
    territories: TerritoriesDep,
    depcom: Annotated[str | None, Query(pattern=DEPCOM_PATTERN, description="INSEE code of the commune")] = None,
    hint: Annotated[str | None, Query(max_length=32, pattern=r"^[a-z0-9-]*$",
                                      description="Territory of the widget or the SMS line")] = None,
) -> ResolutionOut:
    """The territory whose perimeter holds ``depcom``; without it, ``hint`` if it is a known territory."""
    resolution = resolve(territories, depcom=depcom, hint=hint)
    return ResolutionOut(code=resolution.code, name=resolution.name, covered=resolution.covered,
                         nearby=NearbyOut(label=resolution.nearby.label, url=resolution.nearby.url))
