"""Dependencies of the staff routers: the logged-in staff member, roles, CSRF, the staff templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request, status
from fastapi.templating import Jinja2Templates

from api.deps import SessionDep, SettingsDep
from api.staff.accounts import get_user
from api.staff.models import StaffRole, StaffUser
from api.staff.sessions import SESSION_COOKIE, SessionCodec, SessionData, same_token

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")


class LoginRequired(Exception):
    """No valid session: the staff pages answer with a redirect to the login page."""


def session_codec(settings: SettingsDep) -> SessionCodec:
    """The codec of the session cookies, from the settings."""
    return SessionCodec(settings.staff_session_secret.get_secret_value(),
                        max_age_seconds=int(settings.staff_session_hours * 3600))


CodecDep = Annotated[SessionCodec, Depends(session_codec)]


def current_session(request: Request, codec: CodecDep) -> SessionData:
    """The signed session of the request, or a redirect to the login page."""
    data = codec.read(request.cookies.get(SESSION_COOKIE))
    if data is None:
        raise LoginRequired
    return data


SessionDataDep = Annotated[SessionData, Depends(current_session)]


async def current_staff(data: SessionDataDep, session: SessionDep) -> StaffUser:
    """The logged-in, active user whose sessions were not ended since this cookie was issued."""
    user = await get_user(session, user_id=data.user_id)
    if user is None or user.session_version != data.version:
        raise LoginRequired
    return user


StaffDep = Annotated[StaffUser, Depends(current_staff)]


def require_admin(user: StaffDep) -> StaffUser:
    """Territory admins only."""
    if user.role != StaffRole.ADMIN:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Réservé aux administrateurs du territoire.")
    return user


AdminDep = Annotated[StaffUser, Depends(require_admin)]


def check_csrf(data: SessionDataDep, csrf_token: Annotated[str, Form()] = "") -> None:
    """Every form that changes something carries the session's CSRF token."""
    if not same_token(data.csrf, csrf_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Formulaire expiré : rechargez la page et recommencez.")


CsrfChecked = Depends(check_csrf)
