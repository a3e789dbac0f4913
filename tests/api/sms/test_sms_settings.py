"""SMS settings: production refuses the development phone hash key and a public URL Twilio could not sign."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from api.core.config import Settings

PRODUCTION: dict[str, Any] = {
    "environment": "production", "internal_api_secret": "a-long-random-secret",
    "staff_session_secret": "a-third-long-random-secret",
    "sms_phone_hash_key": "another-long-random-secret", "twilio_auth_token": "token",
    "public_base_url": "https://assistant.example.fr/",
}


def test_production_settings_with_their_own_key_and_https_accepted() -> None:
    settings = Settings(**PRODUCTION)
    assert settings.public_url == "https://assistant.example.fr"


def test_production_refuses_the_development_phone_hash_key() -> None:
    with pytest.raises(ValidationError, match="SMS_PHONE_HASH_KEY"):
        Settings(**{**PRODUCTION, "sms_phone_hash_key": "dev-phone-hash-key"})


def test_empty_phone_hash_key_refused() -> None:
    with pytest.raises(ValidationError, match="SMS_PHONE_HASH_KEY"):
        Settings(sms_phone_hash_key="")


def test_production_with_twilio_refuses_a_plain_http_public_url() -> None:
    with pytest.raises(ValidationError, match="PUBLIC_BASE_URL"):
        Settings(**{**PRODUCTION, "public_base_url": "http://assistant.example.fr"})
