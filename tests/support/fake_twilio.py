"""A local HTTP server speaking the part of Twilio's Messages API the api uses, for the real ``twilio`` client.

- ``POST /2010-04-01/Accounts/{AccountSid}/Messages.json`` with HTTP Basic auth (account sid, auth token) and a
  form body (To, Body, From or MessagingServiceSid, StatusCallback) → ``201`` and the Message resource as JSON,
  or Twilio's JSON errors: 401 (code 20003), 400 (21604 no To, 21602 no Body, 21603 no sender), 400 21610 for a
  number that unsubscribed with Twilio, and scripted answers (429 / 500…) queued with :meth:`FakeTwilio.fail_next`.
- :meth:`FakeTwilio.deliver_status` posts a status callback to the ``StatusCallback`` URL of a created message,
  signed like Twilio does (RequestValidator over that public URL and the form) with ``I-Twilio-Idempotency-Token``;
  it can go through a "proxy" that rewrites the public base URL into the api's own address.

:func:`signed_inbound` builds an incoming-SMS webhook request as Twilio sends it.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import httpx
from twilio.request_validator import RequestValidator

from api.db import utcnow
from channels.sms.segments import count_segments

API_VERSION = "2010-04-01"
_MESSAGES_PATH = re.compile(rf"^/{API_VERSION}/Accounts/(?P<account>AC[0-9a-zA-Z]+)/Messages\.json$")
TWILIO_ERRORS = {
    20003: "Authentication Error - invalid username",
    20429: "Too Many Requests",
    20500: "An internal server error has occurred",
    21602: "Message body is required.",
    21603: "The 'From' number is required to send a Message.",
    21604: "A 'To' phone number is required.",
    21610: "Attempt to send to unsubscribed recipient",
}


def new_sid(prefix: str) -> str:
    """A Twilio-shaped sid: two letters and 32 hex digits."""
    return prefix + secrets.token_hex(16)


@dataclass
class ReceivedRequest:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, str]
    status: int


@dataclass
class FakeTwilio:
    """The Messages API of one account, on 127.0.0.1 and a free port; thread-safe."""

    account_sid: str
    auth_token: str
    unsubscribed: set[str] = field(default_factory=set)
    messages: list[dict[str, Any]] = field(default_factory=list)
    requests: list[ReceivedRequest] = field(default_factory=list)
    _scripted: deque[tuple[int, int]] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    # -- life

    def start(self) -> FakeTwilio:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-twilio",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def base_url(self) -> str:
        """What ``TWILIO_API_BASE_URL`` is set to."""
        assert self._server is not None, "start() first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def fail_next(self, status: int, code: int | None = None, *, times: int = 1) -> None:
        """The next ``times`` message creations answer ``status`` with Twilio's error ``code``."""
        with self._lock:
            for _ in range(times):
                self._scripted.append((status, code or {429: 20429, 500: 20500}.get(status, status)))

    @property
    def create_attempts(self) -> int:
        """How many message creations were asked for, answered or not."""
        with self._lock:
            return sum(1 for request in self.requests if request.path.endswith("/Messages.json"))

    # -- the Messages API

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length).decode("utf-8") if length else ""
        form = {name: values[-1] for name, values in parse_qs(raw, keep_blank_values=True).items()}
        status, body = self._answer(handler.path, handler.headers.get("Authorization", ""), form)
        with self._lock:
            self.requests.append(ReceivedRequest("POST", handler.path, dict(handler.headers.items()), form, status))
        payload = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    @staticmethod
    def _error(status: int, code: int) -> tuple[int, dict[str, Any]]:
        return status, {"code": code, "message": TWILIO_ERRORS.get(code, "Error"),
                        "more_info": f"https://www.twilio.com/docs/errors/{code}", "status": status}

    def _answer(self, path: str, authorization: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        match = _MESSAGES_PATH.match(path)
        if match is None:
            return 404, {"code": 20404, "message": "The requested resource was not found", "status": 404}
        expected = "Basic " + base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if authorization != expected or match["account"] != self.account_sid:
            return self._error(401, 20003)
        with self._lock:
            scripted = self._scripted.popleft() if self._scripted else None
        if scripted is not None:
            return self._error(*scripted)
        if not form.get("To"):
            return self._error(400, 21604)
        if not form.get("Body"):
            return self._error(400, 21602)
        if not form.get("From") and not form.get("MessagingServiceSid"):
            return self._error(400, 21603)
        if form["To"] in self.unsubscribed:
            return self._error(400, 21610)
        return 201, self._create(form)

    def _create(self, form: dict[str, str]) -> dict[str, Any]:
        sid = new_sid("SM")
        now = format_datetime(utcnow(), usegmt=True)
        service = form.get("MessagingServiceSid")
        message = {
            "account_sid": self.account_sid, "api_version": API_VERSION, "body": form["Body"],
            "date_created": now, "date_updated": now, "date_sent": None, "direction": "outbound-api",
            "error_code": None, "error_message": None, "from": form.get("From"), "messaging_service_sid": service,
            "num_media": "0", "num_segments": str(count_segments(form["Body"]).segments), "price": None,
            "price_unit": "USD", "sid": sid, "status": "accepted" if service else "queued",
            "subresource_uris": {"media": f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{sid}/Media.json"},
            "to": form["To"], "uri": f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{sid}.json",
            # Not part of Twilio's resource: kept to call back.
            "_status_callback": form.get("StatusCallback"),
        }
        with self._lock:
            self.messages.append(message)
        return {name: value for name, value in message.items() if not name.startswith("_")}

    # -- the status callback

    def message(self, sid: str) -> dict[str, Any]:
        with self._lock:
            return next(message for message in self.messages if message["sid"] == sid)

    async def deliver_status(self, sid: str, status: str, *, http: httpx.AsyncClient, error_code: int | None = None,
                             proxy: tuple[str, str] | None = None) -> httpx.Response:
        """Post a signed status callback for message ``sid`` to its StatusCallback URL.

        ``proxy`` = (public base, internal base): the request is signed for the public URL, as Twilio does, and
        posted to the internal one, as the reverse proxy does.
        """
        message = self.message(sid)
        url = message["_status_callback"]
        assert url, "the message was created without a StatusCallback"
        params = {"AccountSid": self.account_sid, "ApiVersion": API_VERSION, "MessageSid": sid,
                  "MessageStatus": status, "SmsSid": sid, "SmsStatus": status, "To": message["to"],
                  "From": message["from"] or "+33700000000"}
        if error_code is not None:
            params["ErrorCode"] = str(error_code)
        signature = RequestValidator(self.auth_token).compute_signature(url, params)
        target = url.replace(proxy[0], proxy[1], 1) if proxy else url
        return await http.post(target, data=params, headers={
            "X-Twilio-Signature": signature, "I-Twilio-Idempotency-Token": secrets.token_hex(16),
            "User-Agent": "TwilioProxy/1.1",
        })


def signed_inbound(auth_token: str, url: str, *, number: str, body: str, to: str = "+33700000000",
                   account_sid: str = "AC" + "0" * 32, message_sid: str | None = None,
                   ) -> tuple[dict[str, str], dict[str, str]]:
    """The form and headers of an incoming-SMS webhook as Twilio posts it to ``url`` (the public URL)."""
    sid = message_sid or new_sid("SM")
    form = {"ToCountry": "FR", "SmsMessageSid": sid, "NumMedia": "0", "SmsSid": sid, "SmsStatus": "received",
            "Body": body, "To": to, "NumSegments": "1", "MessageSid": sid, "AccountSid": account_sid,
            "From": number, "FromCountry": "FR", "ApiVersion": API_VERSION}
    headers = {"X-Twilio-Signature": RequestValidator(auth_token).compute_signature(url, form),
               "I-Twilio-Idempotency-Token": secrets.token_hex(16)}
    return form, headers
