"""All settings of the api and the worker, from the environment (or a .env file), with embedded defaults.

The defaults run everything on one machine with SQLite; production overrides them (see .env.example).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.core.secret_strength import weak_settings

DEV_INTERNAL_SECRET = "dev-internal-secret"  # noqa: S105 - development default, refused in production
DEV_SESSION_SECRET = "dev-staff-session-secret"  # noqa: S105 - development default, refused in production
DEV_PHONE_HASH_KEY = "dev-phone-hash-key"


class Settings(BaseSettings):
    """One Settings for the whole api: read once, passed by dependency injection."""

    # hide_input_in_errors: a refused setting must never print the secrets next to it.
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      hide_input_in_errors=True)

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(
        default="sqlite+aiosqlite:///var/assistant.db",
        description="SQLAlchemy async URL: sqlite+aiosqlite:///path or postgresql+psycopg://user@host/db",
    )
    rasa_url: str = Field(default="http://127.0.0.1:5005", description="Rasa server, reached on loopback only")
    actions_url: str = Field(default="http://127.0.0.1:5055", description="Rasa action server, for /healthz")
    rasa_timeout_seconds: float = Field(default=30.0, gt=0)
    internal_api_secret: SecretStr = Field(
        default=SecretStr(DEV_INTERNAL_SECRET), description="Shared secret of the actions calling /internal"
    )
    default_territory: str = Field(default="", description="Territory of conversations that name none")
    widget_allowed_origins: str = Field(
        default="", description="Comma-separated origins of the town websites that embed the widget (CORS)"
    )
    warm_up_engine: bool = Field(default=True, description="Load OpenFisca-France at start-up, not at first use")
    staff_session_secret: SecretStr = Field(
        default=SecretStr(DEV_SESSION_SECRET), description="Signs the staff session cookies"
    )
    staff_session_hours: float = Field(default=8.0, gt=0, description="A staff session lasts this long")
    secure_cookies: bool | None = Field(default=None, description="Secure cookies; default: only in production")
    login_max_failures: int = Field(default=5, ge=1, description="Failed logins per account and 15 min")
    oidc_issuer: str = Field(default="", description="OpenID Connect provider (e.g. ProConnect), later")
    oidc_client_id: str = Field(default="")
    oidc_client_secret: SecretStr = Field(default=SecretStr(""))
    retention_conversation_days: int = Field(default=30, ge=1, description="Chat content kept after the last message")
    retention_callback_days: int = Field(
        default=730, ge=1, description="Callbacks kept after the last contact (CNIL référentiel: 2 years at most)")
    retention_audit_days: int = Field(default=365, ge=1, description="Audit log kept this long")
    purge_interval_minutes: float = Field(default=60.0, gt=0, description="How often the worker purges")
    rasa_tracker_url: str = Field(
        default="sqlite:///var/rasa_tracker.db",
        description="SQLAlchemy URL of Rasa's tracker store, purged with the conversations",
    )
    worker_poll_seconds: float = Field(default=2.0, gt=0)
    worker_max_attempts: int = Field(default=8, ge=1)
    worker_concurrency: int = Field(
        default=8, ge=1, le=64,
        description="Jobs a worker delivers side by side (one phone number's jobs stay in order)")
    worker_lease_seconds: float = Field(
        default=300.0, ge=1,
        description="A claimed job is taken again after this if its worker died; one delivery gets half of it",
    )
    territories_dir: Path = Field(
        default=Path(__file__).resolve().parents[1] / "territories",
        description="Folder of the territory files (<code>.yml); their secrets are named there, set here",
    )
    smtp_host: str = Field(default="127.0.0.1", description="SMTP server of the e-mail case system")
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "tls"] = Field(
        default="none", description="none (local relay), starttls (port 587) or tls (port 465)"
    )
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_from: str = Field(default="assistant-des-droits@localhost", description="Sender of e-mails to teams")
    smtp_from_name: str = "Assistant des droits"
    smtp_timeout_seconds: float = Field(default=15.0, gt=0)
    public_base_url: str = Field(
        default="http://localhost:8000",
        description="The api's URL as Twilio and residents see it (behind the proxy): webhook signatures are "
        "checked against it and delivery callbacks point to it",
    )
    twilio_account_sid: str = Field(default="", description="Twilio account (AC…); empty: SMS disabled")
    twilio_auth_token: SecretStr = Field(
        default=SecretStr(""), description="Twilio auth token: signs webhooks and authenticates API calls"
    )
    sms_sender: str = Field(
        default="", description="Twilio sender: a number or short code in E.164, or a Messaging Service SID (MG…)"
    )
    sms_phone_hash_key: SecretStr = Field(
        default=SecretStr(DEV_PHONE_HASH_KEY),
        description="Key of the HMAC that turns a phone number into its conversation id; never change it",
    )
    twilio_api_base_url: str = Field(
        default="", description="Twilio REST API base URL; empty: https://api.twilio.com (tests: a local server)"
    )
    campaign_sms_per_minute: float = Field(
        default=60.0, gt=0, le=6000, description="Pace of campaign SMS (per minute), within the sender's throughput"
    )
    max_body_bytes: int = Field(
        default=64 * 1024, ge=1024, description="Request bodies past this get 413 before parsing (campaign files: "
        "their own 5 MB limit)")
    redis_url: str = Field(
        default="", description="Redis shared by the api replicas for rate limits (redis://host:6379/0); empty: "
        "counted in this process's memory (one api process)")
    rate_limit_conversations_per_minute: int = Field(
        default=20, ge=0, description="Conversations one client (address) may start per minute; 0: no limit")
    rate_limit_messages_per_minute: int = Field(
        default=60, ge=0, description="Messages one client may send per minute; 0: no limit")
    rate_limit_eligibility_per_minute: int = Field(
        default=30, ge=0, description="Public eligibility requests per client and minute; 0: no limit")
    sms_inbound_per_minute: int = Field(
        default=10, ge=0, description="Incoming SMS one number may have answered per minute; 0: no limit")
    campaign_retention_days: int = Field(
        default=90, ge=1, description="Recipients of a campaign (numbers, first names, hashes) erased after this"
    )
    metrics_port: int = Field(default=0, ge=0, le=65535,
                              description="Prometheus /metrics of the api on this internal port; 0: not served")
    worker_metrics_port: int = Field(default=0, ge=0, le=65535,
                                     description="Prometheus /metrics of the worker on this port; 0: not served")
    metrics_host: str = Field(default="127.0.0.1", description="Interface of the metrics ports (internal only)")
    log_format: Literal["text", "json"] = Field(
        default="text", description="json: one JSON object a line, with the conversation's pseudonymous id")

    @property
    def widget_origins(self) -> list[str]:
        """The widget's allowed origins as a list (empty: only pages served by the api itself)."""
        return [origin.strip().rstrip("/") for origin in self.widget_allowed_origins.split(",") if origin.strip()]

    @property
    def rate_limits(self) -> dict[str, int]:
        """Hits allowed per minute and client, by limited action (0: not limited)."""
        return {
            "conversations": self.rate_limit_conversations_per_minute,
            "messages": self.rate_limit_messages_per_minute,
            "eligibility": self.rate_limit_eligibility_per_minute,
            "sms_inbound": self.sms_inbound_per_minute,
        }

    @property
    def cookies_secure(self) -> bool:
        """Cookies travel over HTTPS only, unless explicitly off (local development over plain HTTP)."""
        return self.environment == "production" if self.secure_cookies is None else self.secure_cookies

    @model_validator(mode="after")
    def _no_weak_secret_in_production(self) -> Settings:
        """Refuse to start a production api whose secrets are empty, short or guessable (issue 13).

        The error names each weak setting, never its value. Territory secrets are checked when the territory files
        are read (api.core.startup_checks).
        """
        if self.environment == "production":
            weak = weak_settings(self.production_secrets())
            if weak:
                raise ValueError("weak secrets refused in production: " + "; ".join(weak))
            if self.twilio_auth_token.get_secret_value() and not self.public_base_url.startswith("https://"):
                raise ValueError("PUBLIC_BASE_URL must be an https:// URL in production: Twilio signs what it calls")
        if not self.sms_phone_hash_key.get_secret_value():
            raise ValueError("SMS_PHONE_HASH_KEY must not be empty")
        return self

    def production_secrets(self) -> dict[str, str]:
        """The secrets in use, by setting name: Twilio's when SMS is on, OpenID Connect's when it is set up."""
        secrets = {
            "INTERNAL_API_SECRET": self.internal_api_secret.get_secret_value(),
            "STAFF_SESSION_SECRET": self.staff_session_secret.get_secret_value(),
            "SMS_PHONE_HASH_KEY": self.sms_phone_hash_key.get_secret_value(),
        }
        if self.twilio_account_sid or self.twilio_auth_token.get_secret_value():
            secrets["TWILIO_AUTH_TOKEN"] = self.twilio_auth_token.get_secret_value()
        if self.oidc_issuer:
            secrets["OIDC_CLIENT_SECRET"] = self.oidc_client_secret.get_secret_value()
        return secrets

    @property
    def public_url(self) -> str:
        """The public base URL without its trailing slash."""
        return self.public_base_url.rstrip("/")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
