"""The pure parts of the hardening (issue 13): body checks, French messages, rate-limit windows, log redaction,
security headers."""

from __future__ import annotations

import logging
import sys

import pytest

from api.core.french_errors import french_message
from api.core.log_redaction import redact
from api.core.rate_limit import MemoryRateLimiter, decide
from api.core.security_headers import headers_for
from api.core.strict_json import MAX_DEPTH, json_problem


@pytest.mark.parametrize(("body", "code", "loc"), [
    (b'{"text": "\xe9t\xe9"}', "body_not_utf8", ("body",)),
    (b'{"text": ', "json_invalid", ("body",)),
    (b'{"n": ' + b"9" * 5000 + b"}", "json_invalid", ("body",)),
    (b'{"a": {"b": [1, NaN]}}', "number_not_finite", ("body", "a", "b", 1)),
    (b'{"a": -Infinity}', "number_not_finite", ("body", "a")),
    (b'{"a": 1e400}', "number_not_finite", ("body", "a")),
    (b'{"a": "\\udc00"}', "string_unicode", ("body", "a")),
    (b'{"\\ud800": 1}', "string_unicode", ("body", "?")),
    (b"[" * (MAX_DEPTH + 2) + b"]" * (MAX_DEPTH + 2), "json_too_deep", ("body",) + (0,) * (MAX_DEPTH + 1)),
])
def test_unreadable_json_is_found_with_its_place(body: bytes, code: str, loc: tuple[object, ...]) -> None:
    problem = json_problem(body)
    assert problem is not None and (problem.code, problem.loc) == (code, loc)


@pytest.mark.parametrize("body", ['{"text": "été 😀 \\u00e9"}'.encode(), b"[]", b'{"rent": 1e300, "age": -0.0}'])
def test_readable_json_passes(body: bytes) -> None:
    assert json_problem(body) is None


def test_french_messages_fill_their_limits_and_fall_back_to_a_generic_text() -> None:
    assert french_message("too_long", {"max_length": 12}) == "Trop d'éléments : 12 au plus."
    expected = "La valeur doit être inférieure ou égale à 100\u202f000."
    assert french_message("less_than_equal", {"le": 100000.0}) == expected
    assert french_message("no_such_type") == "Valeur invalide."
    assert french_message("string_too_long", {}) == "Valeur invalide."  # a template without its limit


def test_a_window_allows_its_limit_then_says_when_it_ends() -> None:
    assert decide(3, limit=3, now=125.0, window_seconds=60) == decide(3, limit=3, now=125.0, window_seconds=60)
    assert decide(3, limit=3, now=125.0, window_seconds=60).allowed
    refused = decide(4, limit=3, now=125.0, window_seconds=60)
    assert (refused.allowed, refused.retry_after) == (False, 55)


async def test_memory_limiter_counts_per_key_and_window() -> None:
    clock = [1000.0]
    limiter = MemoryRateLimiter(clock=lambda: clock[0])
    assert [(await limiter.hit("a", limit=2, window_seconds=60)).allowed for _ in range(3)] == [True, True, False]
    assert (await limiter.hit("b", limit=2, window_seconds=60)).allowed
    clock[0] += 60
    assert (await limiter.hit("a", limit=2, window_seconds=60)).allowed


def test_redaction_keeps_types_and_frames_and_drops_messages() -> None:
    try:
        raise ValueError("Camille Dupont, 06 12 34 56 78")
    except ValueError as error:
        record = logging.LogRecord("api", logging.ERROR, __file__, 1, "failed on %s", (error,), sys.exc_info())
    redact(record)
    text = logging.Formatter().format(record)
    assert "Camille" not in text and "06 12" not in text
    assert "ValueError (message withheld)" in text and "test_hardening_units.py" in text
    assert record.exc_info is None


def test_security_headers_by_path() -> None:
    staff = headers_for("/staff/callbacks/ABCD-EFGH", production=False)
    assert "frame-ancestors 'none'" in staff["Content-Security-Policy"]
    assert staff["Cache-Control"] == "no-store" and "Strict-Transport-Security" not in staff
    page = headers_for("/chat", production=True)
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"] and "Cache-Control" not in page
    assert page["Strict-Transport-Security"].startswith("max-age=")
    assert headers_for("/api/v1/conversations/x/messages", production=False)["Cache-Control"] == "no-store"
    assert headers_for("/staffing", production=False).get("Cache-Control") is None
