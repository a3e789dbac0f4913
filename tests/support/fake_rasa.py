"""A small scripted bot behind Rasa's REST channel contract, as an httpx transport for api unit tests.

It answers like Rasa's REST channel (a JSON list of messages) and records what the api sent, so the tests can
check the relay (sender, text, metadata). The real Rasa is exercised by tests/e2e.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

WELCOME = "Bonjour ! Quel âge avez-vous ?"


@dataclass
class FakeRasa:
    """Records requests; ``down`` makes every call fail like a stopped server."""

    down: bool = False
    received: list[dict[str, Any]] = field(default_factory=list)

    def transport(self) -> httpx.MockTransport:
        """The httpx transport to hand to the api's Rasa client."""
        return httpx.MockTransport(self._handle)

    def asgi(self) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
        """The same bot as an ASGI app, to serve over real HTTP (tests/security starts the api as a process)."""

        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            request = Request(scope, receive)
            answer = self._handle(httpx.Request(request.method, str(request.url), content=await request.body()))
            await Response(answer.content, answer.status_code, media_type="application/json")(scope, receive, send)

        return app

    def _handle(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if request.url.path == "/":
            return httpx.Response(200, text="Hello from Rasa: 3.6.21")
        if request.url.path != "/webhooks/rest/webhook":
            return httpx.Response(404)
        body = json.loads(request.content)
        self.received.append(body)
        sender, message = body["sender"], body["message"]
        if message == "/start":
            replies = [{"recipient_id": sender, "text": WELCOME}]
        elif message == "/affirm":
            replies = [{"recipient_id": sender, "text": "Très bien."}]
        else:
            replies = [{"recipient_id": sender, "text": f"Vous avez écrit : {message}",
                        "buttons": [{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}]}]
        return httpx.Response(200, json=replies)
