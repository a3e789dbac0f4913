"""A local server speaking the RDV-Solidarités / RDV Service Public API v1, for the adapter's tests.

Implements what the adapter uses, as the public API documents it: OAuth bearer tokens and the historic agent
sign-in (``POST /api/v1/auth/sign_in`` → ``access-token``, ``client``, ``uid`` headers), ``POST /users`` (JSON
params, ``organisation_ids`` required, names and phone validated, 422 with ``errors``/``error_messages``),
``GET /users/{id}``, ``POST /rdv_plans`` (201, root ``rdv_plan``), ``POST /users/{id}/rdv_invitation_token``.
Users of an organisation the agent does not belong to are forbidden (403), unknown ones are 404.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import phonenumbers
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


@dataclass
class FakeRdvSolidarites:
    """One agent of one organisation; what the adapter created is kept in ``users`` and ``rdv_plans``."""

    organisation_id: int = 42
    oauth_token: str = "oauth-token-of-the-agent"
    agent_email: str = "agent@ville.example.org"
    agent_password: str = "mot-de-passe"
    fail_next: dict[str, list[int]] = field(default_factory=dict)
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    rdv_plans: dict[int, dict[str, Any]] = field(default_factory=dict)
    invitations: list[int] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    sessions: dict[str, str] = field(default_factory=dict)
    host: str = "http://rdv.test"

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/api/v1/auth/sign_in", self.sign_in, methods=["POST"]),
            Route("/api/v1/users", self.create_user, methods=["POST"]),
            Route("/api/v1/users/{user_id:int}", self.show_user, methods=["GET"]),
            Route("/api/v1/users/{user_id:int}/rdv_invitation_token", self.invitation_token, methods=["POST"]),
            Route("/api/v1/rdv_plans", self.create_rdv_plan, methods=["POST"]),
        ])

    # --- helpers -------------------------------------------------------------------------------------------------

    def _failure(self, name: str) -> JSONResponse | None:
        queue = self.fail_next.get(name)
        if queue:
            return JSONResponse({"errors": ["Unexpected internal error"]}, status_code=queue.pop(0))
        return None

    def _authenticated(self, request: Request) -> bool:
        if request.headers.get("authorization") == f"Bearer {self.oauth_token}":
            return True
        token, client, uid = (request.headers.get(name) for name in ("access-token", "client", "uid"))
        return bool(token and client and uid == self.agent_email and self.sessions.get(client) == token)

    def _guard(self, request: Request, name: str) -> JSONResponse | None:
        self.calls.append(f"{request.method} {name}")
        if not self._authenticated(request):
            return JSONResponse({"errors": ["Vous devez vous connecter ou vous inscrire pour continuer."]},
                                status_code=401)
        return self._failure(name)

    def _user_or_error(self, user_id: int) -> dict[str, Any] | JSONResponse:
        user = self.users.get(user_id)
        if user is None:
            return JSONResponse({"errors": [f"Couldn't find User with 'id'={user_id}"]}, status_code=404)
        if self.organisation_id not in user["organisation_ids"]:
            return JSONResponse({"errors": [{"base": "forbidden"}], "error_messages": ["Accès refusé"]},
                                status_code=403)
        return user

    @staticmethod
    def _invalid(errors: dict[str, list[dict[str, str]]], messages: list[str]) -> JSONResponse:
        return JSONResponse({"errors": errors, "error_messages": messages}, status_code=422)

    # --- endpoints -----------------------------------------------------------------------------------------------

    async def sign_in(self, request: Request) -> JSONResponse:
        body = await request.json()
        if body.get("email") != self.agent_email or body.get("password") != self.agent_password:
            return JSONResponse({"success": False, "errors": ["Identifiants invalides."]}, status_code=401)
        client, token = secrets.token_urlsafe(8), secrets.token_urlsafe(16)
        self.sessions[client] = token
        headers = {"access-token": token, "token-type": "Bearer", "client": client, "uid": self.agent_email,
                   "expiry": str(int(datetime.now(UTC).timestamp()) + 86400)}
        return JSONResponse({"data": {"id": 1, "email": self.agent_email, "role": "basic"}}, headers=headers)

    async def create_user(self, request: Request) -> JSONResponse:
        if (refused := self._guard(request, "users")) is not None:
            return refused
        params = await request.json()
        if not params.get("organisation_ids"):
            return JSONResponse({"errors": ["param is missing or the value is empty: organisation_ids"]},
                                status_code=422)
        if self.organisation_id not in [int(value) for value in params["organisation_ids"]]:
            return JSONResponse({"errors": [{"base": "forbidden"}], "error_messages": ["Accès refusé"]},
                                status_code=403)
        blank = [name for name in ("first_name", "last_name") if not str(params.get(name) or "").strip()]
        if blank:
            return self._invalid({name: [{"error": "blank"}] for name in blank},
                                 [f"{name} doit être rempli(e)" for name in blank])
        phone = params.get("phone_number")
        if phone:
            try:
                valid = phonenumbers.is_valid_number(phonenumbers.parse(phone, "FR"))
            except phonenumbers.NumberParseException:
                valid = False
            if not valid:
                return self._invalid({"phone_number": [{"error": "invalid", "value": phone}]},
                                     [f"Téléphone {phone} n'est pas valide"])
        user_id = 1000 + len(self.users)
        self.users[user_id] = {
            "id": user_id, "first_name": params["first_name"], "last_name": params["last_name"],
            "phone_number": phone, "email": params.get("email"), "organisation_ids": list(params["organisation_ids"]),
            "created_at": datetime.now(UTC).isoformat(),
        }
        return JSONResponse({"user": self._public(self.users[user_id])})

    async def show_user(self, request: Request) -> JSONResponse:
        if (refused := self._guard(request, "users/id")) is not None:
            return refused
        found = self._user_or_error(request.path_params["user_id"])
        return found if isinstance(found, JSONResponse) else JSONResponse({"user": self._public(found)})

    async def invitation_token(self, request: Request) -> JSONResponse:
        if (refused := self._guard(request, "rdv_invitation_token")) is not None:
            return refused
        found = self._user_or_error(request.path_params["user_id"])
        if isinstance(found, JSONResponse):
            return found
        self.invitations.append(found["id"])
        return JSONResponse({"invitation_token": secrets.token_urlsafe(6).upper()})

    async def create_rdv_plan(self, request: Request) -> JSONResponse:
        if (refused := self._guard(request, "rdv_plans")) is not None:
            return refused
        params = await request.json()
        user_params = params.get("user")
        if not isinstance(user_params, dict):
            return JSONResponse({"errors": ["param is missing or the value is empty: user"]}, status_code=422)
        if "id" not in user_params:
            return JSONResponse({"errors": ["this fake only plans for an existing user"]}, status_code=422)
        found = self._user_or_error(int(user_params["id"]))
        if isinstance(found, JSONResponse):
            return found
        plan_id = 500 + len(self.rdv_plans)
        now = datetime.now(UTC).isoformat()
        self.rdv_plans[plan_id] = {"id": plan_id, "user_id": found["id"], "return_url": params.get("return_url"),
                                   "url": f"{self.host}/agents/rdv_plans/{plan_id}", "created_at": now,
                                   "updated_at": now, "rdv": None}
        return JSONResponse({"rdv_plan": {k: v for k, v in self.rdv_plans[plan_id].items() if k != "return_url"}},
                            status_code=201)

    @staticmethod
    def _public(user: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in user.items() if key != "organisation_ids"} | {"user_profiles": [
            {"organisation": {"id": organisation}} for organisation in user["organisation_ids"]]}
