"""``POST /internal/v1/sms/summary``: the actions ask for the bilan's summary to be sent by SMS (contract 4)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, status
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from api.callbacks.schemas import french_phone
from api.conversations import crud
from api.deps import InternalAuth, SessionDep, SettingsDep
from api.sms.summary import SummaryStatus, queue_summary

router = APIRouter(tags=["sms"])

MAX_TEXT_LENGTH = 640
"""Four SMS segments at most: the summary is short (contract 1 says 300 GSM-7 characters)."""
CONVERSATION_UNKNOWN = "Conversation inconnue."


class SummaryRequest(BaseModel):
    """The number as the resident typed it (stored nowhere but in the job) and the summary's text."""

    model_config = ConfigDict(extra="forbid")

    phone: Annotated[str, Field(max_length=40), AfterValidator(french_phone)]
    text: str = Field(min_length=1, max_length=MAX_TEXT_LENGTH)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("text_blank", "Le résumé est vide.")
        return value.strip()


class SummaryQueued(BaseModel):
    """``queued``: it will be sent once; ``opted_out``: the number asked for no more SMS, nothing is sent."""

    status: SummaryStatus


@router.post("/internal/v1/sms/summary", response_model=SummaryQueued, status_code=status.HTTP_202_ACCEPTED,
             dependencies=[InternalAuth], include_in_schema=False)
async def send_summary(
    body: SummaryRequest, session: SessionDep, settings: SettingsDep,
    x_conversation_id: Annotated[str, Header(max_length=64)],
) -> SummaryQueued:
    """Queue the summary in the outbox; the worker sends it through Twilio."""
    if await crud.get_conversation(session, conversation_id=x_conversation_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, CONVERSATION_UNKNOWN)
    outcome = await queue_summary(session, settings, conversation=x_conversation_id, number=body.phone,
                                  text=body.text)
    return SummaryQueued(status=outcome)
