"""Fixtures of the SMS tests: a local server speaking the Twilio Messages API, and settings that point the api at it.

A test file that needs other settings (a tracker store, a campaign pace) overrides `settings` and keeps these.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.core.config import Settings
from tests.support.fake_twilio import FakeTwilio
from tests.support.sms import local_twilio, sms_settings


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    with local_twilio() as twilio:
        yield twilio


@pytest.fixture
def settings(database_url: str, fake_twilio: FakeTwilio) -> Settings:
    return sms_settings(database_url, fake_twilio.base_url)
