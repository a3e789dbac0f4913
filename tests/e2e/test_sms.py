"""A real conversation by SMS: Twilio's signed webhook → api → worker → Rasa → actions → worker → Twilio's API.

The api and the worker are the processes of the Procfile; Twilio is tests/support/fake_twilio.py, which the worker
reaches through the real twilio client. The number appears in no log of any process.
"""

from __future__ import annotations

import time

import httpx
import pytest

from channels.sms.texts import OPT_OUT_CONFIRMATION
from tests.support.fake_twilio import FakeTwilio, new_sid, signed_inbound
from tests.support.processes import Stack
from tests.support.sms import ACCOUNT_SID, AUTH_TOKEN, INBOUND_PATH, PUBLIC_BASE_URL, SENDER

pytestmark = pytest.mark.e2e

NUMBER = "+33698765432"
DIGITS = "698765432"


def sms(stack: Stack, body: str) -> float:
    """Send an SMS as Twilio does (signed for the public URL, received on the api's port); seconds to the answer."""
    form, headers = signed_inbound(AUTH_TOKEN, PUBLIC_BASE_URL + INBOUND_PATH, number=NUMBER, body=body,
                                   account_sid=ACCOUNT_SID, message_sid=new_sid("SM"))
    started = time.perf_counter()
    response = httpx.post(stack.api_url + INBOUND_PATH, data=form, headers=headers, timeout=10)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text
    assert "<Response></Response>" in response.text
    return elapsed


def received(twilio: FakeTwilio, count: int, *, timeout: float = 60.0) -> list[str]:
    """The bodies of the SMS sent to the resident, once there are at least ``count`` of them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        bodies = [str(message["body"]) for message in twilio.messages if message["to"] == NUMBER]
        if len(bodies) >= count:
            return bodies
        time.sleep(0.2)
    raise AssertionError(f"fewer than {count} SMS after {timeout:.0f} s: {twilio.messages}")


def test_a_conversation_by_sms_to_an_estimate_then_stop(stack: Stack, twilio: FakeTwilio) -> None:
    assert sms(stack, "Bonjour") < 2.0
    welcome = received(twilio, 2)
    assert welcome[0].startswith("Bonjour ! Je suis l'assistant des droits.")
    assert welcome[1] == "Question 1 sur 1 : quel âge avez-vous ?"
    assert all(message["from"] == SENDER for message in twilio.messages)

    assert sms(stack, "34") < 2.0
    estimate = received(twilio, 4)
    assert "RSA" in estimate[2]
    assert estimate[3].endswith("1. Recommencer\n2. Merci, au revoir\nRépondez 1 ou 2")

    sms(stack, "2")
    assert received(twilio, 5)[4].startswith("Au revoir")

    sms(stack, "STOP")
    assert received(twilio, 6)[5] == OPT_OUT_CONFIRMATION
    sms(stack, "Bonjour")
    time.sleep(3)  # several polls of the worker: nothing more may come
    assert len(received(twilio, 6)) == 6

    for name in ("api", "worker"):
        assert DIGITS not in stack.log(name)
