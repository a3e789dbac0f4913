"""Staff space: a territory admin erases a person's data (right to be forgotten), audited without the number."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.callbacks.models import Callback
from api.conversations.models import Conversation, Message
from api.core.config import Settings
from api.eligibility_service import EligibilityService
from api.outbox import JobKind, OutboxJob
from api.sms.ids import phone_hash
from api.staff.models import AuditEvent, StaffRole
from tests.api.conftest import INTERNAL_SECRET, app_client
from tests.support.fake_rasa import FakeRasa
from tests.support.staff import add_staff, csrf_token, login

PHONE = "+33612345678"
TYPED = "06 12 34 56 78"


async def staff_client(settings: Settings, service: EligibilityService, fake_rasa: FakeRasa, *, email: str,
                       role: StaffRole, territory: str) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(settings, service, fake_rasa) as http:
        await add_staff(settings.database_url, email=email, role=role, territory=territory)
        assert (await login(http, email)).status_code == 303
        yield http


@pytest.fixture
async def admin(settings: Settings, service: EligibilityService,
                fake_rasa: FakeRasa) -> AsyncIterator[httpx.AsyncClient]:
    async for http in staff_client(settings, service, fake_rasa, email="admin@bastia.fr", role=StaffRole.ADMIN,
                                   territory="bastia"):
        yield http


@pytest.fixture
async def person(client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession],
                 settings: Settings) -> str:
    """A resident of Bastia with an SMS conversation and a callback; the callback's reference."""
    async with sessions() as session:
        session.add(Conversation(id=phone_hash(settings, PHONE), token_hash="", channel="sms", territory="bastia",
                                 messages=[Message(author="resident", text="je gagne 1234 euros")]))
        await session.commit()
    booked = await client.post("/internal/v1/callbacks", headers={"X-Internal-Secret": INTERNAL_SECRET},
                               json={"territory": "bastia", "phone": TYPED, "consent_share_bilan": False})
    reference: str = booked.json()["reference"]
    return reference


async def form_post(http: httpx.AsyncClient, path: str, **fields: str) -> httpx.Response:
    token = csrf_token((await http.get("/staff/")).text)
    return await http.post(path, data={"csrf_token": token, **fields})


async def count(sessions: async_sessionmaker[AsyncSession], model: type) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_admin_finds_the_person_by_phone_confirms_and_everything_is_erased(
    admin: httpx.AsyncClient, person: str, sessions: async_sessionmaker[AsyncSession], settings: Settings,
) -> None:
    page = await admin.get("/staff/forget")
    assert page.status_code == 200
    assert '<label for="phone">' in page.text and '<label for="reference">' in page.text
    found = await form_post(admin, "/staff/forget", phone=TYPED)
    assert found.status_code == 200
    assert person in found.text and '<th scope="row">Demandes de rappel</th><td>1' in found.text
    assert await count(sessions, Callback) == 1  # a search erases nothing

    done = await form_post(admin, "/staff/forget/confirm", phone=TYPED)
    assert done.status_code == 200
    assert "Données effacées" in done.text
    assert (await count(sessions, Callback), await count(sessions, Conversation), await count(sessions, Message)) \
        == (0, 0, 0)
    async with sessions() as session:
        [job] = await session.scalars(select(OutboxJob).where(OutboxJob.kind == JobKind.TRACKER_FORGET))
        assert job.payload == {"sender_ids": [phone_hash(settings, PHONE)]}
        events = list(await session.scalars(select(AuditEvent).where(AuditEvent.action.like("forget%"))
                                             .order_by(AuditEvent.id)))
    assert [(event.action, event.territory) for event in events] == [("forget_search", "bastia"),
                                                                     ("forget_staff", "bastia")]
    assert events[1].actor_id is not None and events[1].row_count == 4  # conversation, message, callback, its job
    assert all("612345678" not in f"{event.target_id}{event.target_type}" for event in events)


async def test_admin_finds_the_person_by_callback_reference(admin: httpx.AsyncClient, person: str) -> None:
    found = await form_post(admin, "/staff/forget", reference=person.lower().replace("-", ""))
    assert found.status_code == 200
    assert '<th scope="row">Conversations par SMS</th><td>1</td>' in found.text


async def test_admin_of_another_territory_finds_nothing_and_erases_nothing(
    settings: Settings, service: EligibilityService, fake_rasa: FakeRasa, person: str,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async for other in staff_client(settings, service, fake_rasa, email="admin@venissieux.fr",
                                    role=StaffRole.ADMIN, territory="venissieux"):
        assert (await form_post(other, "/staff/forget", reference=person)).status_code == 404
        refused = await form_post(other, "/staff/forget/confirm", phone=TYPED)
        assert refused.status_code == 404
        assert "Aucune donnée de votre territoire" in refused.text
    assert await count(sessions, Callback) == 1


async def test_an_agent_may_not_erase(settings: Settings, service: EligibilityService, fake_rasa: FakeRasa,
                                      person: str, sessions: async_sessionmaker[AsyncSession]) -> None:
    async for agent in staff_client(settings, service, fake_rasa, email="agent@bastia.fr", role=StaffRole.AGENT,
                                    territory="bastia"):
        assert (await agent.get("/staff/forget")).status_code == 403
        assert (await form_post(agent, "/staff/forget/confirm", phone=TYPED)).status_code == 403
        assert "Effacer les données" not in (await agent.get("/staff/")).text  # no link either
    assert await count(sessions, Callback) == 1


async def test_bad_input_gets_a_french_message(admin: httpx.AsyncClient) -> None:
    for fields, message in (({"phone": "12"}, "numéro"), ({"reference": "ABC"}, "K7MQ-2XPT"),
                            ({}, "Indiquez un numéro")):
        response = await form_post(admin, "/staff/forget", **fields)
        assert response.status_code == 400
        assert message in response.text


async def test_a_form_without_its_csrf_token_is_refused(admin: httpx.AsyncClient, person: str) -> None:
    assert (await admin.post("/staff/forget/confirm", data={"phone": TYPED})).status_code == 403


async def test_a_person_who_comes_back_can_be_erased_again(
    admin: httpx.AsyncClient, person: str, sessions: async_sessionmaker[AsyncSession], settings: Settings,
) -> None:
    assert (await form_post(admin, "/staff/forget/confirm", phone=TYPED)).status_code == 200
    for _ in range(2):  # the same number writes again, twice: the same SMS conversation id each time
        async with sessions() as session:
            session.add(Conversation(id=phone_hash(settings, PHONE), token_hash="", channel="sms",
                                     territory="bastia"))
            await session.commit()
        assert (await form_post(admin, "/staff/forget/confirm", phone=TYPED)).status_code == 200
        assert await count(sessions, Conversation) == 0
