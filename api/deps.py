"""Dependencies of the route handlers, as Annotated aliases (one place to override them in tests)."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Mapping
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Path, Request, status
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from api.conversations import crud
from api.conversations.models import Conversation
from api.core.config import Settings
from api.core.french_errors import RATE_LIMITED
from api.core.rate_limit import Decision, RateLimiter
from api.db import utcnow
from api.eligibility_service import EligibilityService
from api.territories import Territory
from channels.rasa_client import RasaClient


def app_settings(request: Request) -> Settings:
    """The settings the app was built with (core.config.get_settings reads the environment, once, at start-up)."""
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One database session per request."""
    async with request.app.state.sessionmaker() as session:
        yield session


def get_rasa(request: Request) -> RasaClient:
    """The shared Rasa client."""
    client: RasaClient = request.app.state.rasa
    return client


def get_eligibility(request: Request) -> EligibilityService:
    """The shared, warm eligibility engine."""
    service: EligibilityService = request.app.state.eligibility
    return service


def get_territories(request: Request) -> Mapping[str, Territory]:
    """The territories read at start-up, by code."""
    territories: Mapping[str, Territory] = request.app.state.territories
    return territories


def get_secrets(request: Request) -> Mapping[str, str]:
    """Where the secret settings named in territory files are read (the environment)."""
    secrets: Mapping[str, str] = request.app.state.secrets
    return secrets


def get_now() -> datetime:
    """The current time, aware UTC (tests override this dependency to fix the clock)."""
    return utcnow()


SettingsDep = Annotated[Settings, Depends(app_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
RasaDep = Annotated[RasaClient, Depends(get_rasa)]
EligibilityDep = Annotated[EligibilityService, Depends(get_eligibility)]
TerritoriesDep = Annotated[Mapping[str, Territory], Depends(get_territories)]
SecretsDep = Annotated[Mapping[str, str], Depends(get_secrets)]
NowDep = Annotated[datetime, Depends(get_now)]

CONVERSATION_NOT_FOUND = "Conversation inconnue ou jeton invalide."


def _bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def get_conversation(
    session: SessionDep,
    conversation_id: Annotated[str, Path(max_length=64)],
    authorization: Annotated[str | None, Header()] = None,
) -> Conversation:
    """The conversation named in the path, if the bearer token is its own.

    A wrong token and an unknown id give the same 404, so ids cannot be probed.
    """
    token = _bearer(authorization)
    if token is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Jeton manquant : utilisez Authorization: Bearer <token>.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    conversation = await crud.get_conversation(session, conversation_id=conversation_id)
    if conversation is None or not crud.token_matches(conversation, token):
        raise HTTPException(status.HTTP_404_NOT_FOUND, CONVERSATION_NOT_FOUND)
    return conversation


ConversationDep = Annotated[Conversation, Depends(get_conversation)]


def require_internal_secret(
    settings: SettingsDep, x_internal_secret: Annotated[str | None, Header()] = None
) -> None:
    """Internal endpoints answer only the actions, which hold the shared secret."""
    expected = settings.internal_api_secret.get_secret_value().encode()
    # An empty secret opens nothing, whatever the environment (issue 13: an empty header matched an empty setting).
    if not expected or x_internal_secret is None or not hmac.compare_digest(x_internal_secret.encode(), expected):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Missing or wrong X-Internal-Secret header.")


InternalAuth = Depends(require_internal_secret)


RATE_WINDOW_SECONDS = 60


class PlainError(BaseModel):
    """An error said in one sentence (French on the public routes)."""

    detail: str


class FieldError(BaseModel):
    """One refused value: where (``["body", "housing", "rent"]``), a stable code and a short message."""

    loc: list[str | int]
    type: str
    msg: str


class FieldErrors(BaseModel):
    """The refused values of a request."""

    detail: list[FieldError]


BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body is not UTF-8 text (type body_not_utf8)", "model": FieldErrors},
    413: {"description": "The body is larger than the limit (64 kB by default)", "model": PlainError},
}
LIMITED: dict[int | str, dict[str, Any]] = {
    **BODY_ERRORS,
    429: {"description": "Too many requests from this client: wait Retry-After seconds", "model": PlainError},
}
"""Answers the public routes may give besides their own (documented, so the API fuzzer holds them to it)."""


def get_rate_limiter(request: Request) -> RateLimiter:
    """The shared counters of the rate limits (memory or Redis, see api.core.rate_limit)."""
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]


async def within_rate(limiter: RateLimiter, settings: Settings, *, action: str, key: str) -> Decision:
    """Count one ``action`` of ``key`` against its per-minute limit (always allowed when the limit is 0)."""
    limit = settings.rate_limits[action]
    if limit <= 0:
        return Decision(allowed=True, retry_after=0)
    return await limiter.hit(f"{action}:{key}", limit=limit, window_seconds=RATE_WINDOW_SECONDS)


def rate_limited(action: str) -> Any:
    """A route dependency limiting ``action`` per client address (behind a proxy: uvicorn --proxy-headers)."""

    async def dependency(request: Request, settings: SettingsDep, limiter: RateLimiterDep) -> None:
        client = request.client.host if request.client else "unknown"
        decision = await within_rate(limiter, settings, action=action, key=client)
        if not decision.allowed:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, RATE_LIMITED,
                                headers={"Retry-After": str(decision.retry_after)})

    return Depends(dependency)
