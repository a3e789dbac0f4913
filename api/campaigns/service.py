"""Campaigns in the database: create, import recipients, confirm (one paced job per SMS), progress, replies, purge.

Nothing is sent before the admin confirms. Confirming writes one ``campaign_sms`` outbox job per recipient, due one
after the other at the configured rate (``CAMPAIGN_SMS_PER_MINUTE``): the pace survives a worker restart, and each
SMS keeps the outbox's guarantees (at least once, backoff, dead letters) while its recipient row makes it at most once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.campaigns.csv_import import CODE_PATTERN, Issue, Outcome, parse_recipients
from api.campaigns.message import message_problems
from api.campaigns.models import Campaign, CampaignRecipient, CampaignStatus, RecipientStatus
from api.conversations.models import Conversation
from api.core.config import Settings
from api.outbox import JobKind, enqueue
from api.sms.ids import phone_hash
from api.sms.models import SmsContact
from api.sms.twilio_client import OPTED_OUT_ERROR

FAILED_STATUSES = (RecipientStatus.FAILED, RecipientStatus.UNDELIVERED, RecipientStatus.REFUSED)
_RANK = {RecipientStatus.IMPORTED: 0, RecipientStatus.QUEUED: 0, RecipientStatus.ACCEPTED: 1,
         RecipientStatus.SENDING: 2, RecipientStatus.SENT: 3, RecipientStatus.DELIVERED: 4,
         RecipientStatus.UNDELIVERED: 4, RecipientStatus.FAILED: 4, RecipientStatus.REFUSED: 4}


class CampaignError(ValueError):
    """A request the campaign cannot take; its message is French, for the admin."""


def send_key(recipient_id: int) -> str:
    """The idempotency key of one recipient's SMS."""
    return f"{JobKind.CAMPAIGN_SMS}:{recipient_id}"


def check_code(code: str) -> str:
    """The campaign code in upper case, or :class:`CampaignError`."""
    normalised = code.strip().upper()
    if not CODE_PATTERN.match(normalised):
        raise CampaignError("Code de campagne : lettres sans accent, chiffres, - ou _, 32 caractères au plus.")
    return normalised


async def create_campaign(session: AsyncSession, *, territory: str, code: str, label: str, message: str,
                          actor_id: int | None, now: datetime) -> Campaign:
    """A new draft campaign; :class:`CampaignError` if the territory already has this code."""
    campaign = Campaign(territory=territory, code=check_code(code), label=label.strip()[:120],
                        message=message.strip(), status=CampaignStatus.DRAFT, created_by=actor_id, created_at=now,
                        import_report={}, final_counts={})
    session.add(campaign)
    try:
        await session.flush()
    except IntegrityError:
        await session.rollback()
        raise CampaignError(f"La campagne « {campaign.code} » existe déjà sur ce territoire.") from None
    return campaign


async def get_campaign(session: AsyncSession, *, campaign_id: int, territory: str) -> Campaign | None:
    """A campaign of ``territory``; another territory's is not found."""
    result: Campaign | None = await session.scalar(
        select(Campaign).where(Campaign.id == campaign_id, Campaign.territory == territory))
    return result


async def list_campaigns(session: AsyncSession, *, territory: str) -> list[Campaign]:
    """The territory's campaigns, newest first."""
    return list(await session.scalars(
        select(Campaign).where(Campaign.territory == territory).order_by(Campaign.created_at.desc(), Campaign.id)))


async def _existing_hashes(session: AsyncSession, campaign: Campaign, hashes: Iterable[str]) -> set[str]:
    wanted = list(set(hashes))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        found.update(await session.scalars(select(CampaignRecipient.phone_hash).where(
            CampaignRecipient.campaign_id == campaign.id, CampaignRecipient.phone_hash.in_(wanted[start:start + 500]))))
    return found


async def _opted_out(session: AsyncSession, hashes: Iterable[str]) -> set[str]:
    wanted = list(set(hashes))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        found.update(await session.scalars(select(SmsContact.phone_hash).where(
            SmsContact.opted_out.is_(True), SmsContact.phone_hash.in_(wanted[start:start + 500]))))
    return found


async def import_recipients(session: AsyncSession, settings: Settings, *, campaign: Campaign,
                            raw: bytes) -> dict[str, Any]:
    """Check the file row by row and add its new, reachable recipients to a draft; the report (also stored).

    Skipped on purpose: numbers already in the campaign and numbers that opted out (STOP). Nothing is sent.
    """
    if campaign.status != CampaignStatus.DRAFT:
        raise CampaignError("Cette campagne est déjà confirmée : créez-en une nouvelle pour d'autres destinataires.")
    parsed = parse_recipients(raw, campaign_code=campaign.code)
    hashes = {row.line: phone_hash(settings, row.phone) for row in parsed.rows}
    already = await _existing_hashes(session, campaign, hashes.values())
    opted_out = await _opted_out(session, hashes.values())
    issues = list(parsed.issues)
    added = 0
    for row in parsed.rows:
        hashed = hashes[row.line]
        if hashed in already:
            issues.append(Issue(row.line, "téléphone", "déjà dans la campagne : ignoré", Outcome.SKIPPED))
            continue
        if hashed in opted_out:
            issues.append(Issue(row.line, "téléphone", "a demandé à ne plus recevoir de SMS (STOP) : ignoré",
                                Outcome.SKIPPED))
            continue
        session.add(CampaignRecipient(campaign_id=campaign.id, phone_hash=hashed, phone=row.phone,
                                      first_name=row.first_name or None, consent_origin=row.consent_origin,
                                      status=RecipientStatus.IMPORTED))
        added += 1
    issues.sort(key=lambda issue: (issue.line, issue.column))
    report = {
        "lines": parsed.lines, "added": added,
        "rejected": sum(1 for issue in issues if issue.outcome is Outcome.REJECTED and issue.line > 1),
        "duplicates": sum(1 for issue in issues if "doublon" in issue.reason or "déjà dans" in issue.reason),
        "opted_out": sum(1 for issue in issues if "STOP" in issue.reason),
        "file_error": any(issue.line <= 1 and issue.outcome is Outcome.REJECTED for issue in issues),
        "issues": [issue.as_dict() for issue in issues],
    }
    campaign.import_report = report
    return report


async def first_names(session: AsyncSession, campaign: Campaign) -> list[str]:
    """The distinct first names of the campaign's waiting recipients (to check the text's length)."""
    return [name for name in await session.scalars(select(CampaignRecipient.first_name).distinct().where(
        CampaignRecipient.campaign_id == campaign.id, CampaignRecipient.first_name.is_not(None))) if name]


async def set_message(session: AsyncSession, *, campaign: Campaign, message: str) -> list[str]:
    """Change a draft's text; its problems (stored anyway, so the admin can correct it)."""
    if campaign.status != CampaignStatus.DRAFT:
        raise CampaignError("Le message d'une campagne confirmée ne peut plus changer.")
    campaign.message = message.strip()
    return message_problems(campaign.message, await first_names(session, campaign))


async def confirm(session: AsyncSession, settings: Settings, *, campaign: Campaign, now: datetime) -> int:
    """Start sending: one job per recipient, paced at ``campaign_sms_per_minute``; how many SMS will go."""
    if campaign.status != CampaignStatus.DRAFT:
        raise CampaignError("Cette campagne est déjà confirmée.")
    problems = message_problems(campaign.message, await first_names(session, campaign))
    if problems:
        raise CampaignError("Le message ne peut pas partir : " + " ".join(problems))
    recipients = list(await session.scalars(select(CampaignRecipient).where(
        CampaignRecipient.campaign_id == campaign.id, CampaignRecipient.status == RecipientStatus.IMPORTED)
        .order_by(CampaignRecipient.id)))
    if not recipients:
        raise CampaignError("Aucun destinataire : importez d'abord un fichier.")
    interval = timedelta(seconds=60.0 / settings.campaign_sms_per_minute)
    for index, recipient in enumerate(recipients):
        recipient.status, recipient.updated_at = RecipientStatus.QUEUED, now
        job = enqueue(session, kind=JobKind.CAMPAIGN_SMS, idempotency_key=send_key(recipient.id),
                      payload={"recipient_id": recipient.id})
        job.next_attempt_at = now + index * interval
    campaign.status, campaign.confirmed_at = CampaignStatus.SENDING, now
    return len(recipients)


@dataclass(frozen=True)
class Progress:
    """Where a campaign is: recipients, waiting, handed to Twilio, delivered, failed, replied."""

    recipients: int = 0
    waiting: int = 0
    sent: int = 0
    delivered: int = 0
    failed: int = 0
    replied: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


async def progress(session: AsyncSession, *, campaign: Campaign) -> Progress:
    """The counts of the progress view (frozen ones once the recipients were erased)."""
    if campaign.status == CampaignStatus.ERASED:
        return Progress(**campaign.final_counts)
    recipient = CampaignRecipient
    row = (await session.execute(select(
        func.count(),
        func.sum(case((recipient.status.in_([RecipientStatus.IMPORTED, RecipientStatus.QUEUED]), 1), else_=0)),
        func.sum(case((recipient.twilio_sid.is_not(None), 1), else_=0)),
        func.sum(case((recipient.status == RecipientStatus.DELIVERED, 1), else_=0)),
        func.sum(case((recipient.status.in_(FAILED_STATUSES), 1), else_=0)),
        func.sum(case((recipient.replied_at.is_not(None), 1), else_=0)),
    ).where(recipient.campaign_id == campaign.id))).one()
    return Progress(*(int(value or 0) for value in row))


def twilio_status(status: str) -> RecipientStatus | None:
    """Twilio's message status as a recipient status ("queued" is Twilio's: sent to us); None if unknown."""
    if status == "queued":
        return RecipientStatus.ACCEPTED
    try:
        new = RecipientStatus(status)
    except ValueError:
        return None
    return new if _RANK[new] > 0 and new is not RecipientStatus.REFUSED else None


async def record_delivery(session: AsyncSession, *, twilio_sid: str, status: str, error_code: int | None) -> bool:
    """Apply Twilio's status callback to a campaign SMS; False if the sid is not a campaign's. Never moves back."""
    recipient = await session.scalar(select(CampaignRecipient).where(CampaignRecipient.twilio_sid == twilio_sid))
    if recipient is None:
        return False
    new = twilio_status(status)
    if new is not None and _RANK[new] >= _RANK[RecipientStatus(recipient.status)]:
        recipient.status = new
    if error_code is not None:
        recipient.error_code = error_code
        if error_code == OPTED_OUT_ERROR:
            await opt_out(session, recipient.phone_hash, now=recipient.updated_at)
    await session.commit()
    return True


async def opt_out(session: AsyncSession, hashed: str, *, now: datetime) -> None:
    """Twilio says this number unsubscribed: never send to it again (the SMS channel's opt-out, by hash)."""
    contact = await session.get(SmsContact, hashed)
    if contact is None:
        session.add(SmsContact(phone_hash=hashed, opted_out=True, opted_out_at=now, choices=[]))
    elif not contact.opted_out:
        contact.opted_out, contact.opted_out_at, contact.choices = True, now, []


async def link_reply(session: AsyncSession, *, conversation: Conversation, first_turn: bool, now: datetime) -> str:
    """A resident's SMS after a campaign SMS: the recipient marked as replied, and the conversation given the
    campaign's code (and territory, if it has none or just started); the code, or "" if no campaign SMS was sent."""
    recipient = await session.scalar(
        select(CampaignRecipient).where(CampaignRecipient.phone_hash == conversation.id,
                                        CampaignRecipient.sent_at.is_not(None))
        .order_by(CampaignRecipient.sent_at.desc(), CampaignRecipient.id.desc()).limit(1))
    if recipient is None:
        return ""
    campaign = await session.get(Campaign, recipient.campaign_id)
    if campaign is None:
        return ""
    if recipient.replied_at is None:
        recipient.replied_at = now
    if not conversation.campaign_code:
        conversation.campaign_code = campaign.code
        if first_turn or not conversation.territory:
            conversation.territory = campaign.territory
    return conversation.campaign_code


async def forget_recipients(session: AsyncSession, ids: Collection[int]) -> int:
    """The forget-me path found these campaign rows of a number (of one territory, or all): they go, in the
    caller's transaction. How many rows were deleted."""
    if not ids:
        return 0
    result = await session.execute(delete(CampaignRecipient).where(CampaignRecipient.id.in_(list(ids))))
    return int(getattr(result, "rowcount", 0) or 0)


async def purge_campaigns(session: AsyncSession, *, now: datetime, retention: timedelta) -> int:
    """Erase the recipients of every campaign past its retention (from its confirmation, or creation for a draft
    never sent); the progress counts are kept. How many campaigns were erased."""
    started = func.coalesce(Campaign.confirmed_at, Campaign.created_at)
    campaigns = list(await session.scalars(select(Campaign).where(
        Campaign.status != CampaignStatus.ERASED, started < now - retention)))
    for campaign in campaigns:
        campaign.final_counts = (await progress(session, campaign=campaign)).as_dict()
        await session.execute(delete(CampaignRecipient).where(CampaignRecipient.campaign_id == campaign.id))
        campaign.status, campaign.erased_at, campaign.import_report = CampaignStatus.ERASED, now, {}
    await session.commit()
    return len(campaigns)
