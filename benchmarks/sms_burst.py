"""The SMS burst of `make bench-load`: 1,000 residents answer an outreach SMS within one minute.

Each reply is a signed Twilio webhook (tests/support/fake_twilio.py's `signed_inbound`) posted through the public
face; the worker(s) run each turn with Rasa and send the answers through the real twilio client to the local
Twilio server. Printed: time until every reply was answered, replies without an answer (lost), SMS sent twice
(same number, same text). Figures only, never an assertion.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import psycopg

from tests.support.fake_twilio import FakeTwilio, signed_inbound
from tests.support.sms import ACCOUNT_SID, AUTH_TOKEN, INBOUND_PATH

REPLIES = 1000
WINDOW_SECONDS = 60.0
DRAIN_TIMEOUT_SECONDS = 600.0


def number(index: int) -> str:
    """A distinct French mobile number per resident (+33 6 10 00 00 00 and up)."""
    return f"+3361{index:07d}"


def post_replies(url: str, public_url: str, count: int, window: float) -> tuple[int, float]:
    """Post ``count`` signed replies evenly over ``window`` seconds; (non-200 answers, seconds taken)."""
    begin = time.monotonic()
    failures = [0]

    def reply(index: int) -> None:
        time.sleep(max(0.0, begin + index * window / count - time.monotonic()))
        form, headers = signed_inbound(AUTH_TOKEN, public_url + INBOUND_PATH, number=number(index), body="oui",
                                       account_sid=ACCOUNT_SID)
        try:
            status = httpx.post(url + INBOUND_PATH, data=form, headers=headers, timeout=30).status_code
        except httpx.HTTPError:
            status = 0
        if status != 200:
            failures[0] += 1

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(reply, range(count)))
    return failures[0], time.monotonic() - begin


PENDING = "SELECT count(*) FROM outbox_job WHERE status = 'pending' AND kind IN ('sms_turn', 'sms_send')"


def pending_sms_jobs(database_url: str) -> int:
    """SMS turns and sends not done yet (due or waiting for a retry), on SQLite or PostgreSQL."""
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.split("///", 1)[1]) as lite:
            return int(lite.execute(PENDING).fetchone()[0])
    with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://", 1)) as connection:
        row = connection.execute(PENDING).fetchone()
        return int(row[0]) if row else 0


def burst(url: str, public_url: str, database_url: str, twilio: FakeTwilio,
          count: int = REPLIES, window: float = WINDOW_SECONDS) -> dict[str, Any]:
    """Post the burst, wait until the outbox has no SMS job left (bounded), and count what Twilio received."""
    begin = time.monotonic()
    refused, posting = post_replies(url, public_url, count, window)
    deadline = begin + window + DRAIN_TIMEOUT_SECONDS
    while pending_sms_jobs(database_url) and time.monotonic() < deadline:
        time.sleep(0.5)
    drained = time.monotonic() - begin
    sent = [(str(message["to"]), str(message["body"])) for message in twilio.messages]
    answered = {to for to, _ in sent}
    twice = sum(times - 1 for times in Counter(sent).values() if times > 1)
    return {"replies": count, "posting_seconds": round(posting, 1), "webhook_refusals": refused,
            "seconds_until_all_sent": round(drained, 1), "sms_sent": len(sent),
            "replies_without_answer": sum(number(i) not in answered for i in range(count)), "sent_twice": twice,
            "load_average": [round(value, 2) for value in os.getloadavg()]}
