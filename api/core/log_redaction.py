"""No log record may carry a request body: tracebacks and exception messages are reduced to types and places.

Issue 13: a malformed body made FastAPI's error handler fail, and the 500's traceback wrote the resident's words
(a first name, a phone number) to the log. An exception's message may quote any input (pydantic quotes the value,
a database driver quotes the row), so no exception message reaches a log handler unless its class says it is safe
(``log_safe = True``: messages written by this project, naming no personal data). The redaction runs in the log
record factory, before any handler or filter, so it holds whatever logging configuration uvicorn or a test sets.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

_MARK = "_assistant_redacting"
MAX_FRAMES = 12
"""The innermost frames of each exception are kept: where it happened, not what it said."""


def describe_exception(error: BaseException) -> str:
    """The exception's type and frames (file, line, function), with the chain of causes; no message, no locals."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(_one_exception(current))
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "\n  caused by ".join(parts)


def _one_exception(error: BaseException) -> str:
    name = type(error).__qualname__
    head = f"{name}: {error}" if getattr(error, "log_safe", False) else f"{name} (message withheld)"
    frames = traceback.extract_tb(error.__traceback__)[-MAX_FRAMES:]
    where = "".join(f"\n    {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames)
    return head + where


def _safe_argument(value: Any) -> Any:
    if isinstance(value, BaseException):
        return f"{type(value).__name__}: {value}" if getattr(value, "log_safe", False) else type(value).__name__
    return value


def redact(record: logging.LogRecord) -> None:
    """Rewrite ``record`` in place: exception arguments named by type, a traceback reduced to its frames."""
    if isinstance(record.args, tuple) and any(isinstance(arg, BaseException) for arg in record.args):
        record.args = tuple(_safe_argument(arg) for arg in record.args)
    exc_info = record.exc_info
    if exc_info and exc_info[1] is not None:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the format: keep the format alone
            message = str(record.msg)
        record.msg = f"{message}\n  {describe_exception(exc_info[1])}"
        record.args = None
        record.exc_info = None
        record.exc_text = None


def install() -> None:
    """Make every log record of this process go through ``redact`` (idempotent)."""
    base = logging.getLogRecordFactory()
    if getattr(base, _MARK, False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = base(*args, **kwargs)
        redact(record)
        return record

    setattr(factory, _MARK, True)
    logging.setLogRecordFactory(factory)

