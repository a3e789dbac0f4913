"""The staff pages of callbacks: the territory's list, a callback's detail and status, the dead letters.

Thin handlers: the queries live in api.callbacks.staff_queries, the status rules in api.callbacks (the one domain
function, contract 7), what is shown in api.callbacks.staff_views. An agent or admin sees only their territory: any
other reference is « introuvable » (404), whether it exists elsewhere or not. Every page showing personal data
(the detail) and every change is written to the audit log.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Path, Request, Response, status
from fastapi.responses import HTMLResponse, RedirectResponse

from api.callbacks import booking
from api.callbacks import staff_queries as queries
from api.callbacks import staff_views as views
from api.callbacks.models import CallbackStatus
from api.callbacks.transitions import NOTE_MAX_LENGTH, StatusSource, TransitionError, parse_status
from api.deps import NowDep, SessionDep, TerritoriesDep
from api.routes.staff_deps import TEMPLATES, CsrfChecked, SessionDataDep, StaffDep
from api.staff.models import StaffUser

router = APIRouter(prefix="/staff/callbacks", include_in_schema=False)

Reference = Annotated[str, Path(max_length=16)]
BACK_TO_DETAIL = "detail"


def _zone(territories: TerritoriesDep, user: StaffUser) -> ZoneInfo:
    territory = territories.get(user.territory)
    return territory.zone if territory is not None else views.DEFAULT_ZONE


def _page(request: Request, template: str, user: StaffUser, csrf: str, status_code: int = status.HTTP_200_OK,
          **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, f"staff/callbacks/{template}",
                                      {"user": user, "csrf_token": csrf, **context}, status_code=status_code)


def _not_found(request: Request, user: StaffUser, csrf: str) -> HTMLResponse:
    """The same page for another territory's callback and for a reference that does not exist."""
    return _page(request, "not_found.html", user, csrf, status_code=status.HTTP_404_NOT_FOUND)


def _positive(text: str) -> int:
    return int(text) if text.isdigit() and 0 < len(text) < 7 else 1


@router.get("", response_class=HTMLResponse)
async def callback_list(request: Request, user: StaffDep, data: SessionDataDep, session: SessionDep,
                        territories: TerritoriesDep, statut: str = "", page: str = "1") -> HTMLResponse:
    """The territory's callbacks, newest first, filtered by status; no personal data, so no audit."""
    chosen = CallbackStatus(statut) if statut in set(CallbackStatus) else None
    found = await queries.list_callbacks(session, territory=user.territory, status=chosen, page=_positive(page))
    zone = _zone(territories, user)

    def page_url(number: int) -> str:
        return "/staff/callbacks?" + urlencode({**({"statut": chosen.value} if chosen else {}), "page": number})

    return _page(request, "list.html", user, data.csrf,
                 items=[views.list_item(row, zone) for row in found.rows], found=found, chosen=chosen,
                 unknown_filter=bool(statut) and chosen is None, statuses=list(CallbackStatus),
                 counts=await queries.count_by_status(session, territory=user.territory),
                 previous_url=page_url(found.page - 1) if found.page > 1 else "",
                 next_url=page_url(found.page + 1) if found.page < found.page_count else "")


@router.get("/dead-letters", response_class=HTMLResponse)
async def dead_letter_list(request: Request, user: StaffDep, data: SessionDataDep, session: SessionDep,
                           territories: TerritoriesDep, relance: str = "", deja: str = "") -> HTMLResponse:
    """The territory's callbacks the worker gave up delivering, with the last error and a retry button."""
    zone = _zone(territories, user)
    rows = await queries.dead_letters(session, territory=user.territory)
    return _page(request, "dead_letters.html", user, data.csrf,
                 items=[views.list_item(row, zone) for row in rows], retried=relance[:16], not_dead=deja[:16])


async def _detail(request: Request, user: StaffUser, csrf: str, session: SessionDep, zone: ZoneInfo,
                  row: queries.CallbackRow, *, error: TransitionError | None = None, form: dict[str, str] | None = None,
                  saved: bool = False, status_code: int = status.HTTP_200_OK) -> HTMLResponse:
    """The detail page; showing it is a read of personal data, audited in the same transaction."""
    view = views.detail_view(row, await queries.status_history(session, callback=row.callback), zone)
    queries.record_view(session, actor_id=user.id, callback=row.callback)
    await session.commit()
    return _page(request, "detail.html", user, csrf, status_code=status_code, view=view, error=error,
                 form=form or {"status": row.callback.status, "note": ""}, saved=saved,
                 note_max_length=NOTE_MAX_LENGTH)


@router.get("/{reference}", response_class=HTMLResponse)
async def callback_detail(request: Request, reference: Reference, user: StaffDep, data: SessionDataDep,
                          session: SessionDep, territories: TerritoriesDep, enregistre: str = "") -> HTMLResponse:
    """A callback of the territory: phone, first name, slot, history, delivery, and the bilan if shared."""
    row = await queries.find_callback(session, territory=user.territory, reference=reference)
    if row is None:
        return _not_found(request, user, data.csrf)
    return await _detail(request, user, data.csrf, session, _zone(territories, user), row, saved=enregistre == "1")


@router.post("/{reference}/status", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def change_status(
    request: Request, reference: Reference, user: StaffDep, data: SessionDataDep, session: SessionDep,
    territories: TerritoriesDep, now: NowDep,
    new_status: Annotated[str, Form(alias="status")] = "", note: Annotated[str, Form()] = "",
    seen_status: Annotated[str | None, Form()] = None,
) -> Response:
    """Change the status with a note through the domain function; a refused change re-renders the form in French."""
    row = await queries.find_callback(session, territory=user.territory, reference=reference)
    if row is None:
        return _not_found(request, user, data.csrf)
    try:
        await booking.change_status(session, callback=row.callback, status=parse_status(new_status), note=note,
                                      source=StatusSource.STAFF, now=now, actor_id=user.id, seen_status=seen_status)
    except TransitionError as error:
        return await _detail(request, user, data.csrf, session, _zone(territories, user), row, error=error,
                             form={"status": new_status, "note": note},
                             status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    return RedirectResponse(f"/staff/callbacks/{row.callback.reference}?enregistre=1",
                            status_code=status.HTTP_303_SEE_OTHER)


@router.post("/{reference}/retry", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def retry_delivery(request: Request, reference: Reference, user: StaffDep, data: SessionDataDep,
                         session: SessionDep, now: NowDep, retour: Annotated[str, Form()] = "") -> Response:
    """« Relancer l'envoi »: the dead letter goes back to the outbox, due now, tries reset; audited."""
    row = await queries.find_callback(session, territory=user.territory, reference=reference)
    if row is None:
        return _not_found(request, user, data.csrf)
    ref = row.callback.reference  # read before: a refused retry rolls back, which expires the loaded rows
    retried = await queries.retry_delivery(session, row=row, actor_id=user.id, now=now)
    if retour == BACK_TO_DETAIL:
        return RedirectResponse(f"/staff/callbacks/{ref}", status_code=status.HTTP_303_SEE_OTHER)
    query = urlencode({"relance" if retried else "deja": ref})
    return RedirectResponse(f"/staff/callbacks/dead-letters?{query}", status_code=status.HTTP_303_SEE_OTHER)
