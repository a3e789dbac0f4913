"""The SMS conversation id of a phone number: a keyed hash, so that the number itself is stored only where a
callback needs it. The SMS channel, outreach campaigns and the forget-me path all find a person by it."""

from __future__ import annotations

from api.core.config import Settings
from channels.sms.phone import conversation_id


def phone_hash(settings: Settings, number: str) -> str:
    """The conversation id of a number (E.164) under the settings' key."""
    return conversation_id(number, key=settings.sms_phone_hash_key.get_secret_value().encode())
