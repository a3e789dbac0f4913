"""Twilio's webhooks: incoming SMS and delivery statuses. Signed by Twilio, or refused with 403.

Both answer at once: an incoming SMS is stored and acknowledged with empty TwiML, the bot's turn and the replies
are jobs of the worker (api/sms/jobs.py). Twilio's own opt-out handling does not apply here: STOP is ours.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from twilio.request_validator import RequestValidator

from api.campaigns import service as campaigns
from api.conversations.models import Conversation
from api.core.config import Settings
from api.deps import RateLimiterDep, SessionDep, SettingsDep, within_rate
from api.privacy import forget
from api.sms import inbound
from api.sms.ids import phone_hash
from api.sms.inbound import Inbound, InboundOutcome
from api.sms.twilio_client import STATUS_CALLBACK_PATH
from channels.sms.phone import normalise

router = APIRouter(prefix="/sms/twilio", tags=["sms"])
logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
SIGNATURE_HEADER = "X-Twilio-Signature"
FORBIDDEN = "Signature Twilio absente ou invalide."
MAX_SID_LENGTH = 64
MAX_BODY_LENGTH = 1600
"""Twilio's own maximum for one message: a longer Body is not Twilio's and is cut there."""


class _Reactions:
    """What campaigns and privacy do about an incoming SMS, wired here so the SMS channel imports neither."""

    async def text_relayed(self, session: AsyncSession, conversation: Conversation, *, first_turn: bool,
                           now: datetime) -> None:
        await campaigns.link_reply(session, conversation=conversation, first_turn=first_turn, now=now)

    async def forget_number(self, session: AsyncSession, settings: Settings, *, number: str, territory: str,
                            job_key: str) -> None:
        person = await forget.find_person(session, settings, phone=number, territory=None)
        await forget.forget(session, person, actor_id=None, territory=territory, how="sms", job_key=job_key)


REACTIONS = _Reactions()


async def signed_form(request: Request, settings: SettingsDep) -> FormData:
    """The form Twilio posted, if ``X-Twilio-Signature`` signs it for our public URL with our auth token.

    Behind the proxy the api sees its own host and scheme, not the ones Twilio called: the signature is checked
    against ``PUBLIC_BASE_URL`` + the path (+ the query string). No token configured: every request is refused.
    """
    token = settings.twilio_auth_token.get_secret_value()
    signature = request.headers.get(SIGNATURE_HEADER)
    if not token or not signature:
        raise HTTPException(status.HTTP_403_FORBIDDEN, FORBIDDEN)
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise HTTPException(status.HTTP_403_FORBIDDEN, FORBIDDEN)
    form = await request.form()
    if any(not isinstance(value, str) for _, value in form.multi_items()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, FORBIDDEN)
    url = settings.public_url + request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if not RequestValidator(token).validate(url, form, signature):
        logger.warning("twilio webhook with a wrong signature refused")
        raise HTTPException(status.HTTP_403_FORBIDDEN, FORBIDDEN)
    return form


SignedForm = Annotated[FormData, Depends(signed_form)]


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _twiml() -> Response:
    return Response(content=EMPTY_TWIML, media_type="text/xml")


@router.post("/inbound", response_class=Response, responses={200: {"content": {"text/xml": {}}}})
async def inbound_sms(form: SignedForm, session: SessionDep, settings: SettingsDep,
                      limiter: RateLimiterDep) -> Response:
    """An SMS from a resident: stored once (by MessageSid) and acknowledged with empty TwiML at once."""
    message_sid = _field(form, "MessageSid") or _field(form, "SmsSid")
    if not message_sid or len(message_sid) > MAX_SID_LENGTH:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "MessageSid manquant.")
    number = normalise(_field(form, "From"))
    if number is None:
        logger.info("incoming sms ignored: the sender is not a phone number")
        return _twiml()
    decision = await within_rate(limiter, settings, action="sms_inbound", key=phone_hash(settings, number))
    try:
        outcome = await inbound.record_inbound(
            session, settings, Inbound(message_sid=message_sid, number=number,
                                      body=_field(form, "Body")[:MAX_BODY_LENGTH], to=_field(form, "To")[:20],
                                      throttled=not decision.allowed), REACTIONS,
        )
    except SQLAlchemyError as error:
        # Not logged with its text: the statement's parameters may hold the number.
        logger.error("incoming sms not stored: %s", type(error).__name__)
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "Message non enregistré.") from None
    if outcome is InboundOutcome.DUPLICATE:
        logger.info("incoming sms already stored: retry ignored")
    elif outcome is InboundOutcome.THROTTLED:
        logger.info("incoming sms stored without a turn: the number writes too fast")
    return _twiml()


@router.post(STATUS_CALLBACK_PATH.removeprefix("/sms/twilio"), status_code=status.HTTP_204_NO_CONTENT,
             response_class=Response)
async def delivery_status(form: SignedForm, session: SessionDep) -> Response:
    """Twilio's status callback of an SMS we sent (queued, sent, delivered, undelivered, failed)."""
    sid = _field(form, "MessageSid") or _field(form, "SmsSid")
    message_status = _field(form, "MessageStatus") or _field(form, "SmsStatus")
    if not sid or not message_status:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "MessageSid ou MessageStatus manquant.")
    code = _field(form, "ErrorCode")
    error_code = int(code) if code.isdigit() else None
    known = await inbound.record_status(session, twilio_sid=sid, status=message_status, error_code=error_code) \
        or await campaigns.record_delivery(session, twilio_sid=sid, status=message_status, error_code=error_code)
    if not known:
        logger.info("delivery status %s ignored: unknown message or status", message_status[:20])
    return Response(status_code=status.HTTP_204_NO_CONTENT)
