"""Signed, expiring staff session cookies and the CSRF tokens bound to them.

The cookie carries the user id, the user's session version (bumped at logout to end every session) and a random
CSRF token; it is signed with the session secret, HttpOnly, SameSite=Strict, and Secure in production.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "add_staff_session"
LOGIN_CSRF_COOKIE = "add_login_csrf"


@dataclass(frozen=True)
class SessionData:
    """What the cookie says once its signature and age are checked."""

    user_id: int
    version: int
    csrf: str


class SessionCodec:
    """Signs and reads session cookies with one secret."""

    def __init__(self, secret: str, *, max_age_seconds: int) -> None:
        if not secret:
            # Anyone can sign with an empty key (issue 13): no environment may run without one.
            raise ValueError("STAFF_SESSION_SECRET must not be empty")
        self._serializer = URLSafeTimedSerializer(secret, salt="staff-session")
        self.max_age_seconds = max_age_seconds

    def issue(self, *, user_id: int, version: int) -> str:
        """A new cookie value with a fresh CSRF token."""
        return self._serializer.dumps({"u": user_id, "v": version, "c": secrets.token_urlsafe(24)})

    def read(self, value: str | None) -> SessionData | None:
        """The session, or None when missing, forged, malformed or older than the maximum age."""
        if not value:
            return None
        try:
            data = self._serializer.loads(value, max_age=self.max_age_seconds)
            return SessionData(user_id=int(data["u"]), version=int(data["v"]), csrf=str(data["c"]))
        except (BadSignature, KeyError, TypeError, ValueError):
            return None


def new_csrf_token() -> str:
    """A random token for the double-submit check of the login form."""
    return secrets.token_urlsafe(24)


def same_token(expected: str | None, presented: str | None) -> bool:
    """Constant-time comparison; a missing token never matches."""
    return bool(expected) and bool(presented) and hmac.compare_digest(str(expected), str(presented))
