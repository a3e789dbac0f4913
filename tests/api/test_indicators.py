"""Indicator events recorded as things happen (contract 7), surviving the retention purge; the staff page and
exports, each territory seeing its own."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.callbacks import booking
from api.callbacks.models import Callback, CallbackStatus
from api.callbacks.transitions import StatusSource
from api.conversations.models import Conversation
from api.core.config import Settings
from api.db import utcnow
from api.eligibility_service import EligibilityService
from api.indicators.labels import benefit_label
from api.indicators.models import ConversationBilanEvent, EventKind, IndicatorEvent
from api.privacy.retention import RetentionPolicy, purge_api_database
from api.staff.models import StaffRole
from tests.api.conftest import INTERNAL_SECRET, app_client
from tests.support.fake_rasa import FakeRasa
from tests.support.staff import add_staff, login

INTERNAL = {"X-Internal-Secret": INTERNAL_SECRET}
# A single parent with no income, tenant: the RSA and housing aid at least are detected.
SITUATION = {"age": 34, "children": [{"age": 4}], "housing": {"status": "tenant", "rent": 600}}


async def kinds(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str, str, str, str]]:
    async with sessions() as session:
        rows = await session.execute(select(IndicatorEvent.kind, IndicatorEvent.channel, IndicatorEvent.territory,
                                            IndicatorEvent.benefit).order_by(IndicatorEvent.id))
        return [tuple(row) for row in rows.all()]  # type: ignore[misc]


async def start(client: httpx.AsyncClient) -> str:
    response = await client.post("/api/v1/conversations", json={"territory": "bastia"})
    assert response.status_code == 201
    return str(response.json()["id"])


async def test_a_bilan_is_counted_once_per_conversation_with_its_latest_rights(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    conversation = await start(client)
    assert await kinds(sessions) == [("conversation_started", "web", "bastia", "")]
    headers = {**INTERNAL, "X-Conversation-Id": conversation}
    first = await client.post("/internal/v1/eligibility", json=SITUATION, headers=headers)
    assert first.status_code == 200
    eligible = sorted(r["benefit"] for r in first.json()["results"] if r["status"] == "eligible")
    uncertain = sorted(r["benefit"] for r in first.json()["results"] if r["status"] == "uncertain")
    assert "rsa" in eligible
    recorded = await kinds(sessions)
    assert sorted(b for k, _, _, b in recorded if k == "right_detected") == eligible
    assert sorted(b for k, _, _, b in recorded if k == "uncertain_result") == uncertain
    async with sessions() as session:
        amounts = list(await session.scalars(select(IndicatorEvent.amount).where(
            IndicatorEvent.kind == "right_detected", IndicatorEvent.benefit == "rsa")))
    assert amounts == [next(r["monthly_amount"] for r in first.json()["results"] if r["benefit"] == "rsa")]

    richer = {"age": 34, "incomes": {"salary": 4000}, "housing": {"status": "owner"}}
    assert (await client.post("/internal/v1/eligibility", json=richer, headers=headers)).status_code == 200
    again = await kinds(sessions)
    assert [k for k, *_ in again].count("bilan_completed") == 1
    assert "rsa" not in [b for k, _, _, b in again if k == "right_detected"]

    # Without the header, or for an unknown conversation, nothing is counted (and the answer is the same).
    before = len(await kinds(sessions))
    assert (await client.post("/internal/v1/eligibility", json=SITUATION, headers=INTERNAL)).status_code == 200
    unknown = {**INTERNAL, "X-Conversation-Id": "0" * 32}
    assert (await client.post("/internal/v1/eligibility", json=SITUATION, headers=unknown)).status_code == 200
    assert len(await kinds(sessions)) == before


async def test_events_survive_the_purge_and_then_point_to_no_one(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    conversation = await start(client)
    await client.post("/internal/v1/eligibility", json=SITUATION,
                      headers={**INTERNAL, "X-Conversation-Id": conversation})
    before = await kinds(sessions)
    async with sessions() as session:
        policy = RetentionPolicy.from_days(conversation_days=30, audit_days=365)
        await purge_api_database(session, now=utcnow() + timedelta(days=31), policy=policy)
    assert await kinds(sessions) == before
    async with sessions() as session:
        assert list(await session.scalars(select(Conversation))) == []
        assert list(await session.scalars(select(ConversationBilanEvent))) == []
    assert IndicatorEvent.__table__.columns.keys() == [
        "id", "month", "territory", "channel", "campaign", "kind", "benefit", "amount", "delay_hours"]


async def test_callbacks_booked_delivered_handled_and_unreachable_are_counted_once(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    conversation = await start(client)
    body = {"territory": "bastia", "phone": "0612345678", "consent_share_bilan": False}
    booked = await client.post("/internal/v1/callbacks", json=body,
                               headers={**INTERNAL, "X-Conversation-Id": conversation})
    assert booked.status_code == 201
    other = await client.post("/internal/v1/callbacks", json=body, headers=INTERNAL)  # from no conversation
    assert other.status_code == 201
    async with sessions() as session:
        first, second = sorted(await session.scalars(select(Callback)), key=lambda c: c.created_at)
        later = first.created_at + timedelta(hours=26)
        for status in (CallbackStatus.EN_COURS, CallbackStatus.INJOIGNABLE, CallbackStatus.INJOIGNABLE,
                       CallbackStatus.RAPPELE, CallbackStatus.CLOS, CallbackStatus.RAPPELE):
            # As the case system reports them (recorded as sent, whatever the staff transitions allow).
            await booking.change_status(session, callback=first, status=status, note="",
                                          source=StatusSource.CASE_SYSTEM, event_key=None, now=later)
        await booking.change_status(session, callback=second, status=CallbackStatus.CLOS, note="",
                                      source=StatusSource.CASE_SYSTEM, event_key=None, now=later)
    async with sessions() as session:
        rows = (await session.execute(select(IndicatorEvent.kind, IndicatorEvent.channel, IndicatorEvent.delay_hours)
                                      .where(IndicatorEvent.kind.like("callback_%")))).all()
    assert sorted((kind, channel, delay) for kind, channel, delay in rows) == [
        ("callback_booked", "", None), ("callback_booked", "web", None),
        ("callback_handled", "web", 26.0), ("callback_unreachable", "web", None)]


async def add_events(sessions: async_sessionmaker[AsyncSession], territory: str, kind: EventKind, count: int,
                     **fields: object) -> None:
    async with sessions() as session:
        session.add_all(IndicatorEvent(month="2026-11", territory=territory, channel="sms", campaign="RSA-NOV",
                                       kind=kind, **fields) for _ in range(count))
        await session.commit()


@pytest.fixture
async def staff_clients(settings: Settings, service: EligibilityService, fake_rasa: FakeRasa,
                        sessions: async_sessionmaker[AsyncSession]) -> dict[str, httpx.AsyncClient]:
    await add_events(sessions, "bastia", EventKind.CONVERSATION_STARTED, 12)
    await add_events(sessions, "bastia", EventKind.BILAN_COMPLETED, 3)
    await add_events(sessions, "bastia", EventKind.RIGHT_DETECTED, 6, benefit="rsa", amount=600.0)
    await add_events(sessions, "venissieux", EventKind.CONVERSATION_STARTED, 40)
    await add_staff(settings.database_url, email="agent@bastia.fr", territory="bastia")
    await add_staff(settings.database_url, email="admin@venissieux.fr", role=StaffRole.ADMIN, territory="venissieux")
    return {}


async def test_the_page_shows_charts_and_tables_of_the_own_territory_with_small_cells_hidden(
    staff_clients: dict[str, httpx.AsyncClient], settings: Settings, service: EligibilityService,
    fake_rasa: FakeRasa
) -> None:
    async with app_client(settings, service, fake_rasa) as agent:
        await login(agent, "agent@bastia.fr")
        page = (await agent.get("/staff/indicators")).text
        assert "<caption>Conversations, bilans et rappels par mois</caption>" in page
        assert '<th scope="row">2026-11</th>\n      <td>12</td><td>&lt; 5</td>' in page
        assert (f'<th scope="row">{benefit_label("rsa")}</th>\n      <td>6</td>\n      <td>3\u202f600</td>\n'
                '      <td>&lt; 5</td>') in page
        assert 'role="img" aria-labelledby="chart-conversations-title chart-conversations-desc"' in page
        assert '<desc id="chart-bilans-desc">2026-11 : &lt; 5</desc>' in page
        assert "40" not in page.split("<h2>Graphiques</h2>")[1].split("Comment lire")[0]
        filtered = (await agent.get("/staff/indicators", params={"channel": "web"})).text
        assert "Aucune donnée pour cette sélection." in filtered
        exported = await agent.get("/staff/indicators/export.csv")
        assert exported.headers["content-type"].startswith("text/csv")
        lines = exported.text.lstrip("\ufeff").splitlines()
        assert lines[0] == "month;territory;channel;campaign;indicator;benefit;value"
        assert "2026-11;bastia;sms;RSA-NOV;bilans_completed;;< 5" in lines
        assert "2026-11;bastia;sms;RSA-NOV;rights_monthly_amount;rsa;3600" in lines
        document = (await agent.get("/staff/indicators/export.json", params={"campaign": "RSA-NOV"})).json()
        assert {cell["territory"] for cell in document["cells"]} == {"bastia"}
        assert (await agent.get("/staff/indicators", params={"month": "novembre"})).status_code == 422
    async with app_client(settings, service, fake_rasa) as other:
        await login(other, "admin@venissieux.fr")
        document = (await other.get("/staff/indicators/export.json")).json()
        assert [(c["territory"], c["indicator"], c["value"]) for c in document["cells"]] == [
            ("venissieux", "conversations_started", 40)]
