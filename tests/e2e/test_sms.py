"""A real conversation by SMS: Twilio's signed webhook → api → worker → Rasa → actions → worker → Twilio's API.

The api and the worker are the processes of the Procfile; Twilio is tests/support/fake_twilio.py, which the worker
reaches through the real twilio client. The number appears in no log of any process.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from channels.sms.segments import MAX_SEGMENTS, count_segments
from channels.sms.texts import OPT_OUT_CONFIRMATION
from tests.support.bilan import SHORT_BILAN
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


def until(twilio: FakeTwilio, done: Callable[[list[str]], bool], *, timeout: float = 120.0) -> list[str]:
    """The bodies of the SMS sent to the resident, once ``done`` holds for them."""
    deadline = time.monotonic() + timeout
    bodies: list[str] = []
    while time.monotonic() < deadline:
        bodies = [str(message["body"]) for message in twilio.messages if message["to"] == NUMBER]
        if done(bodies):
            return bodies
        time.sleep(0.2)
    raise AssertionError(f"the SMS expected did not come after {timeout:.0f} s: {bodies}")


def asks(number: int) -> Callable[[list[str]], bool]:
    """Whether question ``number`` was sent."""
    return lambda bodies: any(f"Question {number} sur" in body for body in bodies)


def test_a_conversation_by_sms_to_the_result_then_stop(stack: Stack, twilio: FakeTwilio) -> None:
    assert sms(stack, "Bonjour") < 2.0
    welcome = received(twilio, 2)
    assert welcome[0].startswith("Bonjour ! Je suis l'assistant des droits.")
    assert welcome[1].startswith("Question 1 sur ")
    assert all(message["from"] == SENDER for message in twilio.messages)

    for number, answer in enumerate(SHORT_BILAN[:-2], start=2):
        assert sms(stack, answer) < 2.0
        until(twilio, asks(number))
    sms(stack, SHORT_BILAN[-2])
    recap = until(twilio, lambda bodies: "Est-ce exact ?" in bodies[-1])[-1]
    # The recap says what was understood, numbered for SMS, within two segments; « 1 » confirms it.
    assert recap.startswith("J'ai noté : Vénissieux, 34 ans, seul ou seule") and "1. C'est exact" in recap
    assert count_segments(recap).segments <= MAX_SEGMENTS
    sms(stack, "1")
    result = until(twilio, lambda bodies: bodies[-1].endswith("Répondez 1, 2 ou 3"))
    # The SMS variations (channel slot "sms", from the metadata the api sends): short, no long link.
    rsa = next(body for body in result if body.startswith("Revenu de solidarité active (RSA) : environ"))
    assert "demander : CAF ou MSA." in rsa and "http" not in rsa  # "À" is folded: GSM-7 has no capital À
    assert all(count_segments(body).segments <= MAX_SEGMENTS for body in result), result

    sent = len(result)
    sms(stack, "au revoir")
    assert received(twilio, sent + 1)[sent].startswith("Au revoir")

    sms(stack, "STOP")
    assert received(twilio, sent + 2)[sent + 1] == OPT_OUT_CONFIRMATION
    sms(stack, "Bonjour")
    time.sleep(3)  # several polls of the worker: nothing more may come
    assert len(received(twilio, sent + 2)) == sent + 2

    for name in ("api", "worker"):
        assert DIGITS not in stack.log(name)
