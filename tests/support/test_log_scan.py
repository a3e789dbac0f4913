"""The log scanner finds phone numbers, amounts and names, and leaves ordinary log lines alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.log_scan import findings, raw_tracebacks


@pytest.mark.parametrize(
    "line",
    [
        "sms from 06 12 34 56 78 received",
        "callback for +33 6 12 34 56 78",
        "number 0033612345678",
        "estimate: 651,69 € for the resident",
        "income 1 200 euros",
        "callback booked by Camille",
    ],
)
def test_personal_data_in_a_log_line_is_found(line: str) -> None:
    assert findings([line]) != []


@pytest.mark.parametrize(
    "line",
    [
        'INFO: 127.0.0.1:41952 - "POST /api/v1/conversations/ad40f4dd90f43fe9b4a858decb0a259b/messages HTTP/1.1" 200',
        "job 12 (callback) attempt 3: done",
        'HTTP Request: GET http://testserver/api/v1/conversations/0123456789abcdef0123456789abcdef/messages "200"',
        "job for callback-5d9aae0612345678baba833e81214fce: done",
        "purge: PurgeReport(conversations=2, audit_events=0, login_failures=1, tracker_conversations=2)",
        "2026-11-25 12:14:24 INFO     root  - Rasa server is up and running.",
        'HTTP Request: GET http://testserver/api/v1/conversations/0123456789abcdef0123456789abcdef/messages "401"',
    ],
)
def test_ordinary_log_lines_pass(line: str) -> None:
    assert findings([line]) == []


def test_a_raw_traceback_in_our_process_log_is_a_finding(tmp_path: Path) -> None:
    lines = ["INFO: started", "Traceback (most recent call last):", '  File "x.py", line 1, in f']
    assert len(raw_tracebacks(tmp_path / "api.log", lines)) == 1
    assert raw_tracebacks(tmp_path / "api.log", ["ERROR Exception in ASGI application",
                                                 "  RuntimeError (message withheld)"]) == []
