"""The SMS channel on Twilio: everything the api does with a text message. Pure helpers (segments, keywords,
rendering) are in ``channels/sms``, shared with nothing else of the api.

- ``inbound``: the signed webhooks' work: store an incoming SMS once, opt-out/opt-in/forget keywords, statuses.
- ``jobs``: the worker's handlers: a turn with Rasa, then each reply sent through Twilio.
- ``summary``: the bilan's summary sent by SMS at the resident's request (asked in the web chat).
- ``ids``: the keyed hash of a number (the only form a number is stored in, outside callbacks).
- ``twilio_client``: the Twilio Messages API, with its error classes; ``models``: the tables.
Routers: ``api/routes/sms.py`` (webhooks) and ``api/routes/sms_summary.py`` (internal).
"""

from __future__ import annotations

from api.sms.ids import phone_hash
from api.sms.models import SmsContact, SmsInbound, SmsOutbound, SmsPurpose, SmsStatus

__all__ = ["SmsContact", "SmsInbound", "SmsOutbound", "SmsPurpose", "SmsStatus", "phone_hash"]
