"""Twilio's webhooks: signed for the public URL or 403; an incoming SMS stored once and acknowledged at once."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.conversations.models import Conversation, Message
from api.core.config import Settings
from api.eligibility_service import EligibilityService
from api.outbox import JobKind, OutboxJob
from api.sms.ids import phone_hash
from api.sms.models import SmsContact, SmsInbound, SmsOutbound
from channels.sms.texts import OPT_IN_WELCOME, OPT_OUT_CONFIRMATION
from tests.support.databases import database
from tests.support.fake_rasa import FakeRasa
from tests.support.fake_twilio import FakeTwilio, new_sid, signed_inbound
from tests.support.sms import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    INBOUND_PATH,
    PUBLIC_BASE_URL,
    RESIDENT,
    STATUS_PATH,
    app_client,
    jobs,
    post_inbound,
    sms_settings,
)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


async def count(sessions: async_sessionmaker[AsyncSession], model: type) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


# --- signatures (route logic only: SQLite is enough)


class TestSignatures:
    """Only Twilio, signing for the public URL with our auth token, gets in."""

    @pytest.fixture
    def database_url(self, tmp_path: Path) -> Iterator[str]:
        with database("sqlite", tmp_path) as url:
            yield url

    async def test_signed_sms_is_acknowledged_with_empty_twiml(self, client: httpx.AsyncClient) -> None:
        response = await post_inbound(client, "Bonjour")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/xml")
        assert response.text == EMPTY_TWIML

    @pytest.mark.parametrize("path", [INBOUND_PATH, STATUS_PATH])
    async def test_unsigned_webhook_forbidden(self, client: httpx.AsyncClient, path: str) -> None:
        form, _ = signed_inbound(AUTH_TOKEN, PUBLIC_BASE_URL + path, number=RESIDENT, body="Bonjour")
        response = await client.post(path, data=form)
        assert response.status_code == 403

    async def test_signature_of_another_token_forbidden(self, client: httpx.AsyncClient,
                                                        sessions: async_sessionmaker[AsyncSession]) -> None:
        response = await post_inbound(client, "Bonjour", token="not-our-token")
        assert response.status_code == 403
        assert await count(sessions, SmsInbound) == 0
        assert await count(sessions, Message) == 0

    async def test_signature_for_the_internal_url_forbidden(self, client: httpx.AsyncClient) -> None:
        """Behind the proxy only the public URL counts: a request signed for what the api sees is not Twilio's."""
        response = await post_inbound(client, "Bonjour", signed_url="http://testserver" + INBOUND_PATH)
        assert response.status_code == 403

    async def test_tampered_message_forbidden(self, client: httpx.AsyncClient) -> None:
        form, headers = signed_inbound(AUTH_TOKEN, PUBLIC_BASE_URL + INBOUND_PATH, number=RESIDENT, body="Bonjour",
                                       account_sid=ACCOUNT_SID)
        form["Body"] = "STOP"
        assert (await client.post(INBOUND_PATH, data=form, headers=headers)).status_code == 403

    async def test_json_body_forbidden(self, client: httpx.AsyncClient) -> None:
        form, headers = signed_inbound(AUTH_TOKEN, PUBLIC_BASE_URL + INBOUND_PATH, number=RESIDENT, body="Bonjour")
        assert (await client.post(INBOUND_PATH, json=form, headers=headers)).status_code == 403

    async def test_no_auth_token_configured_refuses_everything(
        self, database_url: str, fake_twilio: FakeTwilio, service: EligibilityService, fake_rasa: FakeRasa
    ) -> None:
        """With an empty token anybody could compute a valid signature: the channel is closed instead."""
        closed = sms_settings(database_url, fake_twilio.base_url, twilio_auth_token="")
        async with app_client(closed, service, fake_rasa.transport()) as http:
            assert (await post_inbound(http, "Bonjour", token="")).status_code == 403


# --- storing an incoming SMS


async def test_incoming_sms_stored_under_the_keyed_hash_and_relayed_later(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, fake_rasa: FakeRasa
) -> None:
    assert (await post_inbound(client, "Bonjour")).status_code == 200
    assert fake_rasa.received == []  # the bot's turn is the worker's
    cid = phone_hash(settings, RESIDENT)
    async with sessions() as session:
        conversation = await session.get(Conversation, cid)
        assert conversation is not None
        assert (conversation.channel, conversation.token_hash) == ("sms", "")
        messages = list(await session.scalars(select(Message)))
        assert [(m.conversation_id, m.author, m.text) for m in messages] == [(cid, "resident", "Bonjour")]
    [job] = await jobs(sessions)
    assert job.kind == JobKind.SMS_TURN
    assert job.payload["to"] == RESIDENT  # the job, and only the job, holds the number until it is done


async def test_sms_conversation_cannot_be_read_through_the_web_contract(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await post_inbound(client, "Bonjour")
    cid = phone_hash(settings, RESIDENT)
    for token in ("", "x"):
        response = await client.get(f"/api/v1/conversations/{cid}/messages",
                                    headers={"Authorization": f"Bearer {token}"})
        assert response.status_code in (401, 404)


async def test_same_message_sid_twice_is_one_turn(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    sid = new_sid("SM")
    first = await post_inbound(client, "Bonjour", message_sid=sid)
    again = await post_inbound(client, "Bonjour", message_sid=sid)  # Twilio's retry, same MessageSid
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.text == EMPTY_TWIML
    assert await count(sessions, SmsInbound) == 1
    assert await count(sessions, Message) == 1
    assert len(await jobs(sessions, JobKind.SMS_TURN)) == 1


async def test_same_message_sid_concurrently_is_one_turn(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    sid = new_sid("SM")
    responses = await asyncio.gather(*(post_inbound(client, "Bonjour", message_sid=sid) for _ in range(4)))
    assert [response.status_code for response in responses] == [200] * 4
    assert await count(sessions, SmsInbound) == 1
    assert await count(sessions, Message) == 1
    assert len(await jobs(sessions, JobKind.SMS_TURN)) == 1


async def test_empty_sms_stored_and_not_relayed(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    assert (await post_inbound(client, "   ")).status_code == 200
    assert await count(sessions, SmsInbound) == 1
    assert await jobs(sessions) == []


async def test_sender_that_is_not_a_phone_number_ignored(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    assert (await post_inbound(client, "Bonjour", number="INFO")).status_code == 200
    assert await count(sessions, Conversation) == 0


# --- opt-out


async def sends(sessions: async_sessionmaker[AsyncSession]) -> list[str]:
    return [str(job.payload["body"]) for job in await jobs(sessions, JobKind.SMS_SEND)]


@pytest.mark.parametrize("word", ["STOP", " Arrêt ", "unsubscribe"])
async def test_opt_out_word_opts_out_with_one_confirmation(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, word: str
) -> None:
    await post_inbound(client, word)
    async with sessions() as session:
        contact = await session.get(SmsContact, phone_hash(settings, RESIDENT))
        assert contact is not None
        assert contact.opted_out
    assert await sends(sessions) == [OPT_OUT_CONFIRMATION]
    assert await jobs(sessions, JobKind.SMS_TURN) == []


async def test_second_stop_and_later_messages_get_nothing(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await post_inbound(client, "STOP")
    await post_inbound(client, "STOP")
    await post_inbound(client, "Bonjour, vous êtes là ?")
    assert await sends(sessions) == [OPT_OUT_CONFIRMATION]
    assert await jobs(sessions, JobKind.SMS_TURN) == []
    async with sessions() as session:
        transcript = list(await session.scalars(select(Message).order_by(Message.id)))
    assert [(m.author, m.text) for m in transcript] == [  # what the resident wrote is kept all the same
        ("resident", "STOP"), ("bot", OPT_OUT_CONFIRMATION), ("resident", "STOP"),
        ("resident", "Bonjour, vous êtes là ?"),
    ]


async def test_start_after_stop_welcomes_back_and_relays_again(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await post_inbound(client, "STOP")
    await post_inbound(client, "start")
    assert await sends(sessions) == [OPT_OUT_CONFIRMATION, OPT_IN_WELCOME]
    await post_inbound(client, "Bonjour")
    assert len(await jobs(sessions, JobKind.SMS_TURN)) == 1


async def test_unstop_also_welcomes_back(client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]) -> None:
    await post_inbound(client, "ARRÊT")
    await post_inbound(client, "UNSTOP")
    assert await sends(sessions) == [OPT_OUT_CONFIRMATION, OPT_IN_WELCOME]


async def test_outbound_rows_hold_no_number_nor_text(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await post_inbound(client, "STOP")
    async with sessions() as session:
        [row] = list(await session.scalars(select(SmsOutbound)))
    assert (row.purpose, row.status, row.encoding, row.segments) == ("opt_out", "pending", "GSM-7", 1)


# --- answering fast


def slow_rasa(delay: float) -> httpx.MockTransport:
    async def handle(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(delay)
        return httpx.Response(200, json=[{"text": "trop tard"}])

    return httpx.MockTransport(handle)


async def test_webhook_answers_within_two_seconds_even_if_rasa_is_slow(
    settings: Settings, service: EligibilityService, sessions: async_sessionmaker[AsyncSession]
) -> None:
    durations = []
    async with app_client(settings, service, slow_rasa(30.0)) as http:
        for index in range(40):
            started = time.perf_counter()
            response = await post_inbound(http, f"message {index}", number=f"+3361234{index:04d}")
            durations.append(time.perf_counter() - started)
            assert response.status_code == 200
    durations.sort()
    p99 = durations[int(len(durations) * 0.99) - 1]
    assert p99 < 2.0, durations
    assert len(await jobs(sessions, JobKind.SMS_TURN)) == 40
    assert await count(sessions, OutboxJob) == 40
