"""The staff space's login, logout and home page (server-rendered, French, accessible)."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response, status
from fastapi.responses import HTMLResponse, RedirectResponse

from api.db import utcnow
from api.deps import SessionDep, SettingsDep
from api.routes.staff_deps import TEMPLATES, CodecDep, CsrfChecked, SessionDataDep, StaffDep
from api.staff import audit
from api.staff.accounts import LoginError, authenticate, end_all_sessions
from api.staff.login_slowdown import address_delay, record_address_failure
from api.staff.sessions import LOGIN_CSRF_COOKIE, SESSION_COOKIE, new_csrf_token, same_token

router = APIRouter(prefix="/staff", include_in_schema=False)

LOGIN_ERRORS = {
    LoginError.BAD_CREDENTIALS: "Adresse e-mail ou mot de passe incorrect.",
    LoginError.RATE_LIMITED: "Trop de tentatives de connexion. Réessayez dans 15 minutes.",
}
LOGIN_STATUS = {LoginError.BAD_CREDENTIALS: status.HTTP_400_BAD_REQUEST,
                LoginError.RATE_LIMITED: status.HTTP_429_TOO_MANY_REQUESTS}


def _login_page(request: Request, *, secure: bool, error: str = "", email: str = "",
                status_code: int = status.HTTP_200_OK) -> HTMLResponse:
    """The login form with a fresh double-submit CSRF token (there is no session yet to bind it to)."""
    token = new_csrf_token()
    response = TEMPLATES.TemplateResponse(request, "staff/login.html",
                                          {"csrf_token": token, "error": error, "email": email},
                                          status_code=status_code)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, secure=secure, samesite="strict",
                        path="/staff/login", max_age=3600)
    return response


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, settings: SettingsDep) -> HTMLResponse:
    """The login page."""
    return _login_page(request, secure=settings.cookies_secure)


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    codec: CodecDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """Check the credentials; on success a session cookie and a redirect to the staff home."""
    if not same_token(request.cookies.get(LOGIN_CSRF_COOKIE), csrf_token):
        return _login_page(request, secure=settings.cookies_secure, email=email,
                           error="Formulaire expiré : merci de vous reconnecter.",
                           status_code=status.HTTP_403_FORBIDDEN)
    address = request.client.host if request.client else "unknown"
    now = utcnow()
    delay = await address_delay(session, address=address, now=now)
    if delay:
        await asyncio.sleep(delay)
    result = await authenticate(session, email=email, password=password, now=now,
                                max_failures=settings.login_max_failures, address=address)
    if result.user is None:
        error = result.error or LoginError.BAD_CREDENTIALS
        record_address_failure(session, address=address, now=now)
        audit.record(session, actor_id=None, action=f"login_{error.value}")
        await session.commit()
        return _login_page(request, secure=settings.cookies_secure, email=email, error=LOGIN_ERRORS[error],
                           status_code=LOGIN_STATUS[error])
    user = result.user
    audit.record(session, actor_id=user.id, action="login", territory=user.territory)
    await session.commit()
    response = RedirectResponse("/staff/", status_code=status.HTTP_303_SEE_OTHER)
    response.set_cookie(SESSION_COOKIE, codec.issue(user_id=user.id, version=user.session_version),
                        max_age=codec.max_age_seconds, httponly=True, secure=settings.cookies_secure,
                        samesite="strict", path="/staff")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/staff/login")
    return response


@router.post("/logout", dependencies=[CsrfChecked])
async def logout(user: StaffDep, session: SessionDep) -> RedirectResponse:
    """End every session of the user (the cookie could have been copied) and go back to the login page."""
    end_all_sessions(user)
    audit.record(session, actor_id=user.id, action="logout", territory=user.territory)
    await session.commit()
    response = RedirectResponse("/staff/login", status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(SESSION_COOKIE, path="/staff")
    return response


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, user: StaffDep, data: SessionDataDep) -> HTMLResponse:
    """The staff home: who is logged in, for which territory."""
    return TEMPLATES.TemplateResponse(request, "staff/home.html", {"user": user, "csrf_token": data.csrf})
