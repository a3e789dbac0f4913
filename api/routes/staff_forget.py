"""Staff space: a territory admin erases a person's data at their request (right to be forgotten).

Find the person by phone number or callback reference, see what will be erased, confirm, erase. Only records of
the admin's territory are found or erased. The search and the erasure are audited (who, when, how many rows;
never the phone number). Forms are POSTs, so the phone number never appears in a URL or an access log.
"""

from __future__ import annotations

import re
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse

from api.callbacks.phone import PhoneError, normalise_phone
from api.deps import SessionDep, SettingsDep
from api.outbox import JobKind
from api.privacy import forget
from api.routes.staff_deps import TEMPLATES, AdminDep, CsrfChecked, SessionDataDep
from api.staff import audit
from api.staff.models import StaffUser

router = APIRouter(prefix="/staff/forget", include_in_schema=False)

REFERENCE = re.compile(r"^[A-Z2-9]{4}-?[A-Z2-9]{4}$")
ASK_ONE = "Indiquez un numéro de téléphone ou une référence de rappel."
BAD_REFERENCE = "La référence ressemble à « K7MQ-2XPT » (huit lettres ou chiffres)."
NOTHING_FOUND = "Aucune donnée de votre territoire ne correspond à cette recherche."
PHONE_PROBLEMS = {  # api/callbacks/phone.py's codes, in the staff page's words
    "phone_not_a_number": "Ce n'est pas un numéro de téléphone : écrivez-le en chiffres, par exemple 06 12 34 56 78.",
    "phone_invalid": ("Ce numéro ne semble pas complet ou n'existe pas : un numéro français a 10 chiffres, "
                      "par exemple 06 12 34 56 78."),
    "phone_not_french": ("Ce numéro n'est pas un numéro français : donnez un numéro en France, "
                         "par exemple 06 12 34 56 78."),
    "phone_service_number": ("Ce numéro est un numéro de service ou surtaxé : donnez un numéro de portable ou de fixe "
                             "où l'on peut vous rappeler."),
}

Field = Annotated[str, Form(max_length=40)]


def _page(request: Request, user: StaffUser, csrf: str, status_code: int = status.HTTP_200_OK,
          **context: Any) -> HTMLResponse:
    values = {"user": user, "csrf_token": csrf, "phone": "", "reference": "", "error": "", "person": None,
              "erased": None, **context}
    return TEMPLATES.TemplateResponse(request, "staff/forget.html", values, status_code=status_code)


def _reference(text: str) -> str:
    compact = text.strip().upper().replace(" ", "")
    if not REFERENCE.match(compact):
        raise ValueError(BAD_REFERENCE)
    return compact if "-" in compact else f"{compact[:4]}-{compact[4:]}"


def _error_page(request: Request, user: StaffUser, csrf: str, error: Exception, **context: Any) -> HTMLResponse:
    code = status.HTTP_404_NOT_FOUND if isinstance(error, LookupError) else status.HTTP_400_BAD_REQUEST
    return _page(request, user, csrf, code, error=str(error), **context)


async def _find(session: SessionDep, settings: SettingsDep, user: StaffUser, *, phone: str,
                reference: str) -> forget.Person | ValueError | LookupError:
    """The person's records in the admin's territory, or the error to show (a French message)."""
    try:
        return await _find_or_raise(session, settings, user, phone=phone, reference=reference)
    except (ValueError, LookupError) as error:
        return error


async def _find_or_raise(session: SessionDep, settings: SettingsDep, user: StaffUser, *, phone: str,
                         reference: str) -> forget.Person:
    if phone.strip():
        try:
            e164 = normalise_phone(phone)
        except PhoneError as error:
            raise ValueError(PHONE_PROBLEMS[error.code]) from None
    elif reference.strip():
        found = await forget.phone_of_reference(session, reference=_reference(reference), territory=user.territory)
        if found is None:
            raise LookupError(NOTHING_FOUND)
        e164 = found
    else:
        raise ValueError(ASK_ONE)
    person = await forget.find_person(session, settings, phone=e164, territory=user.territory)
    if not person.found:
        raise LookupError(NOTHING_FOUND)
    return person


@router.get("", response_class=HTMLResponse)
async def forget_form(request: Request, user: AdminDep, data: SessionDataDep) -> HTMLResponse:
    """The search form."""
    return _page(request, user, data.csrf)


@router.post("", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def forget_search(request: Request, user: AdminDep, data: SessionDataDep, session: SessionDep,
                        settings: SettingsDep, phone: Field = "", reference: Field = "") -> HTMLResponse:
    """What would be erased, and a button to confirm."""
    person = await _find(session, settings, user, phone=phone, reference=reference)
    if isinstance(person, Exception):
        return _error_page(request, user, data.csrf, person, phone=phone, reference=reference)
    audit.record(session, actor_id=user.id, action="forget_search", territory=user.territory, target_type="person")
    await session.commit()
    return _page(request, user, data.csrf, person=person, phone=phone, reference=reference)


@router.post("/confirm", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def forget_confirm(request: Request, user: AdminDep, data: SessionDataDep, session: SessionDep,
                         settings: SettingsDep, phone: Field = "", reference: Field = "") -> HTMLResponse:
    """Erase the person's records of this territory; the audit log keeps who, when and how many rows."""
    person = await _find(session, settings, user, phone=phone, reference=reference)
    if isinstance(person, Exception):
        return _error_page(request, user, data.csrf, person)
    # One job per erasure: a person may come back and be erased again, under the same conversation id.
    erased = await forget.forget(session, person, actor_id=user.id, territory=user.territory, how="staff",
                                 job_key=f"{JobKind.TRACKER_FORGET}:staff:{secrets.token_hex(16)}")
    await session.commit()
    return _page(request, user, data.csrf, erased=erased)
