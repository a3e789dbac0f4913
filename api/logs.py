"""Logging of the api and the worker: plain text for `make run`, one JSON object a line for production (LOG_FORMAT).

Each line carries the conversation's id when a request concerns one: it is a random pseudonym (web) or a keyed hash
of the number (SMS), never the number, a name or a message. The path of a public conversation route and the
``X-Conversation-Id`` header of the actions' internal calls set it; nothing else of a request is logged here.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

from api.asgi import HttpMiddleware, Receive, Scope, Send

CONVERSATION = contextvars.ContextVar[str]("conversation", default="")
_CONVERSATION_PATH = re.compile(r"^/api/v1/conversations/([0-9A-Za-z_-]{8,64})(?:/|$)")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, conversation (when known) and the exception type, as one JSON object."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if conversation := CONVERSATION.get():
            line["conversation"] = conversation
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure(log_format: str) -> None:
    """Root logging at INFO in the chosen format (called once by the api's and the worker's entry points)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def conversation_of(path: str, headers: list[tuple[bytes, bytes]]) -> str:
    """The conversation a request concerns: from a public conversation path or the actions' header."""
    if match := _CONVERSATION_PATH.match(path):
        return match.group(1)
    for name, value in headers:
        if name.lower() == b"x-conversation-id":
            return value.decode("latin-1")[:64]
    return ""


class ConversationLogContext(HttpMiddleware):
    """The log lines written while a request is served carry its conversation."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = CONVERSATION.set(conversation_of(scope.get("path", ""), scope.get("headers", [])))
        try:
            await self.app(scope, receive, send)
        finally:
            CONVERSATION.reset(token)
