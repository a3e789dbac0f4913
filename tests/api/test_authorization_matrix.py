"""Every route, every kind of caller: anonymous, an agent of territory A, an agent of B, an admin of A.

The matrix below is the authorisation policy written down. The test fails when a route exists that the matrix
does not name, so a new route cannot ship without saying who may call it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.routing import Mount

from api.core.config import Settings
from api.eligibility_service import EligibilityService
from api.main import create_app
from api.outbox import JobStatus
from api.staff.models import StaffRole
from tests.api.conftest import app_client
from tests.support.callback_store import book
from tests.support.fake_rasa import FakeRasa
from tests.support.staff import add_staff, csrf_token, login
from tests.support.staff_callbacks import set_job

ACTORS = ("anonymous", "agent_a", "agent_b", "admin_a")


@dataclass(frozen=True)
class Case:
    """One request and the status each actor must get."""

    method: str
    path: str
    expected: dict[str, int]
    request_path: str = ""
    json: Any = None
    data: dict[str, str] = field(default_factory=dict)
    csrf: bool = False  # send the actor's own CSRF token, so that only the territory check can refuse


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ACTORS, status)


def staff_only(status: int) -> dict[str, int]:
    return {"anonymous": 303, "agent_a": status, "agent_b": status, "admin_a": status}


def territory_only(status: int) -> dict[str, int]:
    """Staff of territory A may; an agent of B finds nothing there (404, as for a reference that does not exist)."""
    return {"anonymous": 303, "agent_a": status, "agent_b": 404, "admin_a": status}


def admin_only(status: int) -> dict[str, int]:
    return {"anonymous": 303, "agent_a": 403, "agent_b": 403, "admin_a": status}


MATRIX = [
    Case("GET", "/", everyone(200)),
    Case("GET", "/chat", everyone(200)),
    Case("GET", "/demo", everyone(200)),
    Case("GET", "/healthz", everyone(503)),  # actions are not running in this test
    Case("GET", "/openapi.json", everyone(200)),
    Case("GET", "/docs", everyone(200)),
    Case("GET", "/docs/oauth2-redirect", everyone(200)),
    Case("GET", "/redoc", everyone(200)),
    Case("GET", "/static", everyone(200), request_path="/static/widget.js"),
    Case("POST", "/api/v1/conversations", everyone(201), json={}),
    # A staff session is no conversation token: residents' conversations are theirs alone.
    Case("POST", "/api/v1/conversations/{conversation_id}/messages", everyone(401),
         request_path="/api/v1/conversations/0123456789abcdef0123456789abcdef/messages", json={"text": "bonjour"}),
    Case("GET", "/api/v1/conversations/{conversation_id}/messages", everyone(401),
         request_path="/api/v1/conversations/0123456789abcdef0123456789abcdef/messages"),
    Case("POST", "/api/v1/eligibility", everyone(200), json={"age": 34}),
    Case("POST", "/internal/v1/eligibility", everyone(401), json={"age": 34}),
    # Callbacks: the actions' internal routes need the shared secret, which no staff session replaces.
    Case("GET", "/internal/v1/territories/{code}/callback-slots", everyone(401),
         request_path="/internal/v1/territories/bastia/callback-slots"),
    Case("POST", "/internal/v1/callbacks", everyone(401),
         json={"territory": "bastia", "phone": "0612345678", "consent_share_bilan": False}),
    Case("GET", "/internal/v1/territories/resolve", everyone(401), request_path="/internal/v1/territories/resolve"
         "?depcom=2B033"),
    Case("POST", "/internal/v1/sms/summary", everyone(401), json={"phone": "0612345678", "text": "Résumé"}),
    # Status updates come from a territory's case system, signed with its secret: a session signs nothing.
    Case("POST", "/api/v1/territories/{code}/callbacks/{reference}/status", everyone(401),
         request_path="/api/v1/territories/bastia/callbacks/AAAA-BBBB/status", json={"status": "clos"}),
    # Twilio's webhooks answer only requests signed with the account's auth token (tests/api/sms/).
    Case("POST", "/sms/twilio/inbound", everyone(403), data={"From": "+33612345678", "Body": "bonjour"}),
    Case("POST", "/sms/twilio/status", everyone(403), data={"MessageSid": "SM1", "MessageStatus": "delivered"}),
    Case("GET", "/staff/login", everyone(200)),
    Case("POST", "/staff/login", everyone(403), data={"email": "x@y.fr", "password": "nope"}),
    Case("GET", "/staff/", staff_only(200)),
    Case("POST", "/staff/logout", staff_only(403), data={"csrf_token": "forged"}),
    # Callbacks in the staff space: each one sees the list and dead letters of their own territory only.
    Case("GET", "/staff/callbacks", staff_only(200)),
    Case("GET", "/staff/callbacks/dead-letters", staff_only(200)),
    Case("GET", "/staff/callbacks/{reference}", territory_only(200), request_path="/staff/callbacks/{reference}"),
    Case("POST", "/staff/callbacks/{reference}/status", territory_only(303), csrf=True,
         request_path="/staff/callbacks/{reference}/status", data={"status": "en_cours", "note": "Appel en cours"}),
    Case("POST", "/staff/callbacks/{reference}/retry", territory_only(303), csrf=True,
         request_path="/staff/callbacks/{reference}/retry"),
    # Campaigns: territory admins only (an agent gets 403); another territory's campaign, or none, is 404.
    Case("GET", "/staff/campaigns", admin_only(200)),
    Case("GET", "/staff/campaigns/new", admin_only(200)),
    Case("POST", "/staff/campaigns", staff_only(403), data={"csrf_token": "forged", "code": "C1"}),
    Case("GET", "/staff/campaigns/{campaign_id}", admin_only(404), request_path="/staff/campaigns/999"),
    Case("POST", "/staff/campaigns/{campaign_id}/recipients", staff_only(403),
         request_path="/staff/campaigns/999/recipients", data={"csrf_token": "forged"}),
    Case("POST", "/staff/campaigns/{campaign_id}/message", staff_only(403),
         request_path="/staff/campaigns/999/message", data={"csrf_token": "forged", "message": "x"}),
    Case("POST", "/staff/campaigns/{campaign_id}/confirm", staff_only(403),
         request_path="/staff/campaigns/999/confirm", data={"csrf_token": "forged"}),
    # Indicators: every staff member, of their own territory (tests/api/test_indicators.py).
    Case("GET", "/staff/indicators", staff_only(200)),
    Case("GET", "/staff/indicators/export.csv", staff_only(200)),
    Case("GET", "/staff/indicators/export.json", staff_only(200)),
    # Erasing a person's data: territory admins only (their own territory's records: tests/api/test_staff_forget.py).
    Case("GET", "/staff/forget", {"anonymous": 303, "agent_a": 403, "agent_b": 403, "admin_a": 200}),
    Case("POST", "/staff/forget", staff_only(403), data={"csrf_token": "forged", "phone": "0612345678"}),
    Case("POST", "/staff/forget/confirm", staff_only(403), data={"csrf_token": "forged", "phone": "0612345678"}),
]


def app_routes() -> set[tuple[str, str]]:
    """(method, path) of every route and mount of the app, included routers flattened."""
    routes: set[tuple[str, str]] = set()
    for route in create_app(Settings(environment="test")).routes:
        if isinstance(route, Mount):
            routes.add(("GET", route.path))
            continue
        # FastAPI keeps included routers as one entry each; their effective routes carry path and methods.
        contexts: Any = route.effective_route_contexts() if hasattr(route, "effective_route_contexts") else [route]
        for context in contexts:
            routes.update((method, context.path) for method in context.methods or ["GET"] if method != "HEAD")
    return routes


def test_every_route_is_in_the_matrix() -> None:
    assert app_routes() == {(case.method, case.path) for case in MATRIX}


@pytest.fixture
async def actors(settings: Settings, service: EligibilityService,
                 fake_rasa: FakeRasa) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """One client per actor, the staff ones logged in."""
    accounts = {"agent_a": ("agent@bastia.fr", StaffRole.AGENT, "bastia"),
                "agent_b": ("agent@venissieux.fr", StaffRole.AGENT, "venissieux"),
                "admin_a": ("admin@bastia.fr", StaffRole.ADMIN, "bastia")}
    async with AsyncExitStack() as stack:
        clients = {}
        for actor in ACTORS:
            clients[actor] = await stack.enter_async_context(app_client(settings, service, fake_rasa))
            if actor in accounts:
                email, role, territory = accounts[actor]
                await add_staff(settings.database_url, email=email, role=role, territory=territory)
                assert (await login(clients[actor], email)).status_code == 303
        yield clients


@pytest.fixture
async def reference_of_a(sessions: async_sessionmaker[AsyncSession]) -> str:
    """A callback of territory A whose delivery is a dead letter, for the routes that read or change one."""
    callback = await book(sessions, "bastia")
    await set_job(sessions, callback, status=JobStatus.DEAD, last_error="CaseSystemStatusError: answered 500")
    return callback.reference


async def test_every_route_answers_each_actor_as_the_matrix_says(actors: dict[str, httpx.AsyncClient],
                                                                 reference_of_a: str) -> None:
    # One test over the whole matrix (accounts and logins are set up once per database); all mismatches reported.
    tokens = {actor: csrf_token((await client.get("/staff/")).text)
              for actor, client in actors.items() if actor != "anonymous"}
    mismatches = []
    for case in MATRIX:
        for actor, client in actors.items():
            data = {**case.data, **({"csrf_token": tokens[actor]} if case.csrf and actor in tokens else {})}
            path = (case.request_path or case.path).replace("{reference}", reference_of_a)
            response = await client.request(case.method, path, json=case.json, data=data or None)
            if response.status_code != case.expected[actor]:
                mismatches.append(f"{case.method} {case.path} as {actor}: {response.status_code}, "
                                  f"expected {case.expected[actor]}")
    assert mismatches == []
