"""Liveness of the api and of the processes behind it."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel

from api.deps import EligibilityDep, RasaDep, SettingsDep
from channels.rasa_client import probe

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Each component: true when it answers. ``status`` is "ok" only if all do."""

    status: str
    api: bool
    rasa: bool
    actions: bool
    engine_ready: bool


@router.get("/healthz", response_model=Health)
async def healthz(request: Request, response: Response, rasa: RasaDep, settings: SettingsDep,
                  eligibility: EligibilityDep) -> Health:
    """200 when rasa, actions and the warm engine answer; 503 otherwise, with which one is missing."""
    client: httpx.AsyncClient = request.app.state.probe_client
    rasa_up = await rasa.is_up()
    actions_up = await probe(client, f"{settings.actions_url.rstrip('/')}/health")
    engine_ready = eligibility.ready.is_set()
    healthy = rasa_up and actions_up and engine_ready
    if not healthy:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return Health(status="ok" if healthy else "degraded", api=True, rasa=rasa_up, actions=actions_up,
                  engine_ready=engine_ready)
