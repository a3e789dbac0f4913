"""Outreach campaigns end to end in the api: upload, report, confirmation, paced sending through the real twilio
client on the local Twilio server, delivery callbacks, replies linked to the campaign, retention."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from api import worker as worker_process
from api.campaigns.models import Campaign, CampaignRecipient
from api.campaigns.sending import CampaignSender, Pacer
from api.campaigns.service import purge_campaigns
from api.conversations.models import Conversation
from api.core.config import Settings
from api.db import create_engine, create_sessionmaker, utcnow
from api.eligibility_service import EligibilityService
from api.indicators.models import IndicatorEvent
from api.outbox import JobKind
from api.privacy import forget
from api.sms.ids import phone_hash
from api.sms.models import SmsContact
from api.sms.twilio_client import TwilioSender
from api.staff.models import AuditEvent, StaffRole
from tests.support.fake_rasa import FakeRasa
from tests.support.fake_twilio import FakeTwilio
from tests.support.sms import (
    PUBLIC_BASE_URL,
    app_client,
    drain,
    jobs,
    post_inbound,
    sms_settings,
)
from tests.support.staff import add_staff, csrf_token, login

MESSAGE = ("Bonjour {prénom}, la mairie de Bastia peut vous aider. Répondez OUI pour en savoir plus. "
           "STOP: ne plus recevoir")
FILE = ("telephone;prenom;code campagne;origine du consentement\n"
        "06 80 00 00 01;Léa;RSA-NOV;fichier CCAS\n"
        "0680000002;;RSA-NOV;fichier CCAS\n"
        "06 80 00 00 01;Léa;RSA-NOV;fichier CCAS\n"
        "0680000003;Karim;RSA-NOV;fichier CCAS\n"
        "0612;Paul;RSA-NOV;fichier CCAS\n").encode("cp1252")
FIRST, SECOND, OPTED_OUT = "+33680000001", "+33680000002", "+33680000003"


@pytest.fixture
def settings(database_url: str, fake_twilio: FakeTwilio) -> Settings:
    return sms_settings(database_url, fake_twilio.base_url, campaign_sms_per_minute=30)


@pytest.fixture
async def admin(settings: Settings, service: EligibilityService,
                fake_rasa: FakeRasa) -> AsyncIterator[httpx.AsyncClient]:
    """A territory admin of Bastia, logged in."""
    async with app_client(settings, service, fake_rasa.transport()) as http:
        await add_staff(settings.database_url, email="admin@bastia.fr", role=StaffRole.ADMIN, territory="bastia")
        assert (await login(http, "admin@bastia.fr")).status_code == 303
        yield http


@pytest.fixture
async def sender(settings: Settings) -> AsyncIterator[CampaignSender]:
    """The worker's campaign job with the real twilio client on the local server (short 429 waits)."""
    engine = create_engine(settings.database_url)
    campaign_sender = CampaignSender(settings=settings, sessionmaker=create_sessionmaker(engine),
                                     sender=TwilioSender.from_settings(settings, retry_delays=(0.01, 0.02)))
    campaign_sender.pacer = Pacer(0)  # the jobs' due times carry the pace here (the pacer has its own test)
    yield campaign_sender
    await campaign_sender.aclose()
    await engine.dispose()


async def opt_out(sender: CampaignSender, settings: Settings, number: str) -> None:
    async with sender.sessionmaker() as session:
        session.add(SmsContact(phone_hash=phone_hash(settings, number), opted_out=True, choices=[]))
        await session.commit()


async def create(admin: httpx.AsyncClient, *, message: str = MESSAGE, raw: bytes = FILE) -> httpx.Response:
    form = await admin.get("/staff/campaigns/new")
    return await admin.post("/staff/campaigns", data={"csrf_token": csrf_token(form.text), "code": "rsa-nov",
                                                      "label": "RSA novembre", "message": message},
                            files={"file": ("destinataires.csv", raw, "text/csv")})


async def post_form(admin: httpx.AsyncClient, path: str, **fields: str) -> httpx.Response:
    page = await admin.get("/staff/campaigns/1")
    return await admin.post(path, data={"csrf_token": csrf_token(page.text), **fields})


async def sent(admin: httpx.AsyncClient, sender: CampaignSender) -> None:
    """A campaign created, confirmed and sent by the worker."""
    await create(admin)
    assert (await post_form(admin, "/staff/campaigns/1/confirm")).status_code == 303
    await drain(sender.sessionmaker, {JobKind.CAMPAIGN_SMS: sender.handle}, retry=True)


async def recipients(sender: CampaignSender) -> list[CampaignRecipient]:
    async with sender.sessionmaker() as session:
        return list(await session.scalars(select(CampaignRecipient).order_by(CampaignRecipient.id)))


async def test_upload_reports_each_line_and_sends_nothing_before_confirmation(
    admin: httpx.AsyncClient, sender: CampaignSender, settings: Settings, fake_twilio: FakeTwilio
) -> None:
    await opt_out(sender, settings, OPTED_OUT)
    response = await create(admin)
    assert response.status_code == 303
    page = (await admin.get(response.headers["location"])).text
    assert "2 destinataire(s) ajouté(s)" in page
    assert "doublon de la ligne 2 : ignoré" in page
    assert "a demandé à ne plus recevoir de SMS (STOP) : ignoré" in page
    assert "<th scope=\"row\">6</th><td>téléphone</td>" in page
    assert "0680000001" not in page and "+33680000001" not in page and "Léa" not in page
    assert "Confirmer l'envoi de 2 SMS" in page
    assert fake_twilio.messages == [] and await jobs(sender.sessionmaker, JobKind.CAMPAIGN_SMS) == []
    assert [r.status for r in await recipients(sender)] == ["imported", "imported"]
    async with sender.sessionmaker() as session:
        assert list(await session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "campaign_import"))) == ["campaign_import"]

    again = await post_form(admin, "/staff/campaigns/1/recipients")  # no file: refused by validation
    assert again.status_code == 422
    form = await admin.get("/staff/campaigns/1")
    more = await admin.post("/staff/campaigns/1/recipients", data={"csrf_token": csrf_token(form.text)},
                            files={"file": ("b.csv", FILE, "text/csv")})
    assert more.status_code == 303
    assert "déjà dans la campagne : ignoré" in (await admin.get("/staff/campaigns/1")).text
    assert len(await recipients(sender)) == 2


async def test_a_text_that_cannot_go_blocks_the_confirmation_until_corrected(
    admin: httpx.AsyncClient, sender: CampaignSender
) -> None:
    await create(admin, message="Vous êtes concerné")
    page = (await admin.get("/staff/campaigns/1")).text
    assert "Le message ne peut pas partir" in page and "ê" in page
    refused = await post_form(admin, "/staff/campaigns/1/confirm")
    assert refused.status_code == 409 and "Le message ne peut pas partir" in refused.text
    assert await jobs(sender.sessionmaker, JobKind.CAMPAIGN_SMS) == []
    assert (await post_form(admin, "/staff/campaigns/1/message", message=MESSAGE)).status_code == 303
    assert (await post_form(admin, "/staff/campaigns/1/confirm")).status_code == 303


async def test_confirmed_campaign_is_sent_once_at_the_configured_pace_with_429_retried(
    admin: httpx.AsyncClient, sender: CampaignSender, fake_twilio: FakeTwilio
) -> None:
    await create(admin)
    assert (await post_form(admin, "/staff/campaigns/1/confirm")).status_code == 303
    queued = await jobs(sender.sessionmaker, JobKind.CAMPAIGN_SMS)
    assert len(queued) == 3
    assert [job.next_attempt_at - queued[0].next_attempt_at for job in queued] == [
        timedelta(0), timedelta(seconds=2), timedelta(seconds=4)]  # 30 per minute
    assert "0680000001" not in str([job.payload for job in queued])

    fake_twilio.fail_next(429, times=2)
    await drain(sender.sessionmaker, {JobKind.CAMPAIGN_SMS: sender.handle}, retry=True)
    bodies = sorted((message["to"], message["body"]) for message in fake_twilio.messages)
    assert bodies == [
        (FIRST, MESSAGE.replace("{prénom}", "Léa")),
        (SECOND, MESSAGE.replace(" {prénom}", "")),
        (OPTED_OUT, MESSAGE.replace("{prénom}", "Karim")),
    ]
    assert fake_twilio.create_attempts == 5  # two 429 answered, then each SMS once
    assert all(message["_status_callback"] == PUBLIC_BASE_URL + "/sms/twilio/status"
               for message in fake_twilio.messages)
    sent = await recipients(sender)
    assert [(r.phone, r.first_name, r.status) for r in sent] == [(None, None, "accepted")] * 3
    assert all(r.twilio_sid and r.sent_at for r in sent)

    # Run every job again (a worker that died after Twilio answered): nothing is sent twice.
    for recipient in sent:
        await sender.handle({"recipient_id": recipient.id}, f"{JobKind.CAMPAIGN_SMS}:{recipient.id}")
    assert len(fake_twilio.messages) == 3


async def test_delivery_callbacks_update_each_recipient_and_the_progress(
    admin: httpx.AsyncClient, sender: CampaignSender, fake_twilio: FakeTwilio
) -> None:
    await sent(admin, sender)
    first, second, third = (message["sid"] for message in fake_twilio.messages)
    proxy = (PUBLIC_BASE_URL, "http://testserver")
    assert (await fake_twilio.deliver_status(first, "delivered", http=admin, proxy=proxy)).status_code == 204
    await fake_twilio.deliver_status(second, "undelivered", http=admin, proxy=proxy, error_code=30003)
    await fake_twilio.deliver_status(third, "sent", http=admin, proxy=proxy)
    await fake_twilio.deliver_status(first, "sent", http=admin, proxy=proxy)  # late: never moves back
    statuses = sorted(r.status for r in await recipients(sender))
    assert statuses == ["delivered", "sent", "undelivered"]
    page = (await admin.get("/staff/campaigns/1")).text
    assert ("<td>3</td><td>0</td><td>3</td>\n    <td>1</td><td>1</td><td>0</td>") in page
    assert "État : envoyée." in page


async def test_a_reply_starts_the_sms_conversation_with_the_campaign_code(
    admin: httpx.AsyncClient, sender: CampaignSender, settings: Settings
) -> None:
    await sent(admin, sender)
    assert (await post_inbound(admin, "OUI", number=FIRST)).status_code == 200
    assert (await post_inbound(admin, "j'ai 34 ans", number=FIRST)).status_code == 200
    await post_inbound(admin, "Bonjour", number="+33680000009")  # not a recipient
    async with sender.sessionmaker() as session:
        conversations = {c.campaign_code: c for c in await session.scalars(select(Conversation))}
        events = list(await session.scalars(select(IndicatorEvent)))
    assert set(conversations) == {"RSA-NOV", ""}
    assert conversations["RSA-NOV"].territory == "bastia" and conversations["RSA-NOV"].channel == "sms"
    assert sorted((e.kind, e.campaign, e.territory) for e in events) == [
        ("conversation_started", "", ""), ("conversation_started", "RSA-NOV", "bastia")]
    assert [r.replied_at is not None for r in await recipients(sender)] == [True, False, False]
    assert "<td>1</td></tr></tbody>" in (await admin.get("/staff/campaigns/1")).text


async def test_an_opt_out_between_confirmation_and_sending_is_respected(
    admin: httpx.AsyncClient, sender: CampaignSender, settings: Settings, fake_twilio: FakeTwilio
) -> None:
    await create(admin)
    await post_form(admin, "/staff/campaigns/1/confirm")
    await opt_out(sender, settings, SECOND)
    fake_twilio.unsubscribed.add(OPTED_OUT)  # unsubscribed with Twilio itself: error 21610
    await drain(sender.sessionmaker, {JobKind.CAMPAIGN_SMS: sender.handle}, retry=True)
    assert [message["to"] for message in fake_twilio.messages] == [FIRST]
    assert [(r.status, r.error_code) for r in await recipients(sender)] == [
        ("accepted", None), ("refused", None), ("failed", 21610)]
    async with sender.sessionmaker() as session:
        assert len(list(await session.scalars(select(SmsContact).where(SmsContact.opted_out.is_(True))))) == 2


async def test_recipients_are_erased_when_the_retention_ends_and_the_counts_stay(
    admin: httpx.AsyncClient, sender: CampaignSender, settings: Settings
) -> None:
    await sent(admin, sender)
    retention = timedelta(days=settings.campaign_retention_days)
    async with sender.sessionmaker() as session:
        assert await purge_campaigns(session, now=utcnow() + retention - timedelta(hours=1),
                                     retention=retention) == 0
        assert await purge_campaigns(session, now=utcnow() + retention + timedelta(hours=1),
                                     retention=retention) == 1
    assert await recipients(sender) == []
    page = (await admin.get("/staff/campaigns/1")).text
    assert "destinataires effacés" in page and "<td>3</td><td>0</td><td>3</td>" in page
    async with sender.sessionmaker() as session:
        [campaign] = list(await session.scalars(select(Campaign)))
    assert campaign.final_counts["sent"] == 3


async def test_a_resident_who_asks_to_be_forgotten_leaves_no_campaign_row(
    admin: httpx.AsyncClient, sender: CampaignSender, settings: Settings
) -> None:
    # The recipient never replied: no conversation, no callback; the outreach row alone is found and erased,
    # and only by an admin of the campaign's territory (or by the resident's own SMS keyword: territory None).
    await sent(admin, sender)
    async with sender.sessionmaker() as session:
        assert not (await forget.find_person(session, settings, phone=FIRST, territory="venissieux")).found
        person = await forget.find_person(session, settings, phone=FIRST, territory="bastia")
        assert person.found and person.conversation_ids == [] and person.callback_ids == []
        await forget.forget(session, person, actor_id=None, territory="bastia", how="staff", job_key="forget:test")
        await session.commit()
    assert [r.phone_hash for r in await recipients(sender)] == [phone_hash(settings, n) for n in (SECOND, OPTED_OUT)]


async def test_the_worker_purge_erases_old_campaigns_and_the_worker_sends_campaign_jobs(
    admin: httpx.AsyncClient, sender: CampaignSender, settings: Settings, tmp_path: Path
) -> None:
    assert JobKind.CAMPAIGN_SMS in worker_process.HANDLERS
    await create(admin)
    async with sender.sessionmaker() as session:
        [campaign] = list(await session.scalars(select(Campaign)))
        campaign.created_at = utcnow() - timedelta(days=settings.campaign_retention_days + 1)
        await session.commit()
    tracker = settings.model_copy(update={"rasa_tracker_url": f"sqlite:///{tmp_path / 'tracker.db'}"})
    await worker_process.run_purge(sender.sessionmaker, tracker)
    assert await recipients(sender) == []


async def test_agents_cannot_see_campaigns_and_another_territory_gets_404(
    settings: Settings, service: EligibilityService, fake_rasa: FakeRasa, admin: httpx.AsyncClient
) -> None:
    await create(admin)
    await add_staff(settings.database_url, email="agent@bastia.fr", role=StaffRole.AGENT, territory="bastia")
    await add_staff(settings.database_url, email="admin@venissieux.fr", role=StaffRole.ADMIN,
                    territory="venissieux")
    async with app_client(settings, service, fake_rasa.transport()) as agent, \
            app_client(settings, service, fake_rasa.transport()) as other:
        await login(agent, "agent@bastia.fr")
        await login(other, "admin@venissieux.fr")
        assert (await agent.get("/staff/campaigns/1")).status_code == 403
        assert (await agent.get("/staff/campaigns")).status_code == 403
        token = csrf_token((await agent.get("/staff/")).text)  # a valid form token does not make an admin
        refused = await agent.post("/staff/campaigns", data={"csrf_token": token, "code": "X", "message": MESSAGE},
                                   files={"file": ("a.csv", FILE, "text/csv")})
        assert refused.status_code == 403
        assert (await other.get("/staff/campaigns/1")).status_code == 404
        assert "RSA-NOV" not in (await other.get("/staff/campaigns")).text
