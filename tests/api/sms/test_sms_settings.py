"""SMS settings: production refuses the development phone hash key and a public URL Twilio could not sign."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from api.core.config import Settings

PRODUCTION: dict[str, Any] = {
    "environment": "production", "internal_api_secret": "kJ3v9QxP2mZr7TwLb8Nc4Hs6Fy1Ud5Ae0Gi",
    "staff_session_secret": "Vq8Rn2Xk5Lp9Zt3Mw7Cj1Bh4Yf6Sd0Ga-Ue",
    "sms_phone_hash_key": "P4tW9zK2qR7nX5vL8mC3jB6hF1yD0sGaUe_o",
    "twilio_auth_token": "5f2c9e8a1b7d4630af9e2c8b1d7a4f36",
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
