"""Production refuses empty, short or guessable secrets, naming the setting and never its value (issue 13)."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from api.core.config import Settings
from api.core.secret_strength import weakness
from api.territories import load_territories
from api.territories.secret_check import WeakTerritorySecret, check_territory_secrets

STRONG: dict[str, Any] = {
    "internal_api_secret": secrets.token_urlsafe(32),
    "staff_session_secret": secrets.token_urlsafe(32),
    "sms_phone_hash_key": secrets.token_hex(32),
}
TERRITORIES = load_territories(Path(__file__).resolve().parents[2] / "api" / "territories")


@pytest.mark.parametrize("value", ["", "x", "x" * 64, "abcabcabcabcabcabcabcabcabcabcabcabc", "dev-internal-secret"])
def test_weak_values_are_refused(value: str) -> None:
    assert weakness(value) is not None


@pytest.mark.parametrize("value", [secrets.token_hex(16), secrets.token_urlsafe(32), secrets.token_hex(32)])
def test_random_values_pass(value: str) -> None:
    assert weakness(value) is None


def test_production_with_strong_secrets_starts() -> None:
    assert Settings(environment="production", **STRONG).environment == "production"


@pytest.mark.parametrize(("field", "setting", "value"), [
    ("internal_api_secret", "INTERNAL_API_SECRET", ""),
    ("staff_session_secret", "STAFF_SESSION_SECRET", ""),
    ("staff_session_secret", "STAFF_SESSION_SECRET", "short-but-secret-value"),
    ("sms_phone_hash_key", "SMS_PHONE_HASH_KEY", "0123456789" * 2),
])
def test_production_refuses_a_weak_secret_naming_the_setting_not_the_value(field: str, setting: str,
                                                                           value: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(environment="production", **{**STRONG, field: value})
    message = str(raised.value)
    assert setting in message
    for strong in STRONG.values():
        assert strong not in message
    if value:
        assert value not in message


def test_twilio_token_is_checked_only_when_sms_is_on() -> None:
    Settings(environment="production", **STRONG)
    with pytest.raises(ValidationError, match="TWILIO_AUTH_TOKEN is empty"):
        Settings(environment="production", twilio_account_sid="AC123", **STRONG)


def test_development_keeps_its_embedded_defaults() -> None:
    assert Settings(environment="development").internal_api_secret.get_secret_value() == "dev-internal-secret"


def test_a_weak_territory_secret_in_use_is_refused_by_name() -> None:
    weak = {"PARIS10_WEBHOOK_SECRET": "paris"}
    with pytest.raises(WeakTerritorySecret, match="PARIS10_WEBHOOK_SECRET is shorter") as raised:
        check_territory_secrets(TERRITORIES, weak)
    assert "paris\"" not in str(raised.value) and "'paris'" not in str(raised.value)


def test_unset_territory_secrets_leave_the_case_system_off() -> None:
    check_territory_secrets(TERRITORIES, {})
    check_territory_secrets(TERRITORIES, {"PARIS10_WEBHOOK_SECRET": secrets.token_urlsafe(32)})
