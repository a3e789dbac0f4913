"""What is wrong with a JSON body, found before any handler sees it: bytes that are not UTF-8, text that is not
JSON, a number that is not finite (NaN, Infinity, 1e400) or a string holding a lone surrogate.

Python's json module accepts NaN, Infinity and lone surrogates (``"\\ud800"``), which later fail to encode (in the
error answer, the log, the database) and became 500s (issue 13). A pure function, so each case is one test.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 32
"""Nesting deeper than any of our bodies: refused before the recursion of the validators."""


@dataclass(frozen=True)
class BodyProblem:
    """Why a body is refused: a stable code, where (``["body", "housing", "rent"]``) and the HTTP status."""

    code: str
    loc: tuple[str | int, ...]
    status: int


def _walk(value: Any, loc: tuple[str | int, ...], depth: int) -> BodyProblem | None:
    """The first value that cannot be encoded back, with its location."""
    if depth > MAX_DEPTH:
        return BodyProblem("json_too_deep", loc, 422)
    if isinstance(value, float) and not math.isfinite(value):
        return BodyProblem("number_not_finite", loc, 422)
    if isinstance(value, str):
        return None if _encodable(value) else BodyProblem("string_unicode", loc, 422)
    children: list[tuple[str | int, Any]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    for key, item in children:
        if isinstance(key, str) and not _encodable(key):
            return BodyProblem("string_unicode", (*loc, "?"), 422)
        problem = _walk(item, (*loc, key), depth + 1)
        if problem is not None:
            return problem
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def json_problem(body: bytes) -> BodyProblem | None:
    """None for a body every later step can read; otherwise the first problem found."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return BodyProblem("body_not_utf8", ("body",), 400)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError, or an integer of more than 4,300 digits
        return BodyProblem("json_invalid", ("body",), 422)
    return _walk(value, ("body",), 0)
