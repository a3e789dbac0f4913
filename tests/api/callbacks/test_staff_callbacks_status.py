"""Status changes from the staff space and from the case system, through the one domain function (contract 7)."""

from __future__ import annotations

from html import unescape

import httpx
import pytest
from sqlalchemy import select

from api.callbacks import booking
from api.callbacks.models import Callback, CallbackStatus, CallbackStatusChange
from api.callbacks.transitions import NOTE_MAX_LENGTH, StatusSource
from api.core.config import Settings
from tests.support.callback_app import NOW
from tests.support.staff import csrf_token
from tests.support.staff_callbacks import Sessions, audit_rows, booked, logged_in_agent

LIST = "/staff/callbacks"


@pytest.fixture
async def agent(client: httpx.AsyncClient, settings: Settings) -> int:
    """An agent of Bastia, logged in on ``client``; their id."""
    return await logged_in_agent(client, settings.database_url, "camille@bastia.fr")


async def post_status(client: httpx.AsyncClient, reference: str, status: str, note: str = "",
                      token: str | None = None) -> httpx.Response:
    """Send the status form of the detail page as a browser would (its CSRF token unless one is given)."""
    if token is None:
        token = csrf_token((await client.get(f"{LIST}/{reference}")).text)
    return await client.post(f"{LIST}/{reference}/status",
                             data={"csrf_token": token, "status": status, "note": note})


async def history(sessions: Sessions, callback: Callback) -> list[tuple[str, str, str, str, int | None]]:
    async with sessions() as session:
        changes = await session.scalars(select(CallbackStatusChange)
                                        .where(CallbackStatusChange.callback_id == callback.id)
                                        .order_by(CallbackStatusChange.id))
        return [(c.old_status, c.new_status, c.note, c.source, c.actor_id) for c in changes]


async def status_of(sessions: Sessions, callback: Callback) -> str:
    async with sessions() as session:
        found = await session.get(Callback, callback.id)
        assert found is not None
        return found.status


async def test_status_change_with_a_note_is_recorded_shown_and_audited(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    callback = await booked(sessions)
    response = await post_status(client, callback.reference, "injoignable", "  Messagerie pleine, rappeler jeudi  ")
    assert response.status_code == 303
    assert response.headers["location"] == f"{LIST}/{callback.reference}?enregistre=1"
    assert await history(sessions, callback) == [
        ("nouveau", "injoignable", "Messagerie pleine, rappeler jeudi", "staff", agent)]
    page = unescape((await client.get(response.headers["location"])).text)
    assert "Statut enregistré : « injoignable »." in page
    assert "nouveau → injoignable" in page
    assert "Messagerie pleine, rappeler jeudi" in page
    assert "<td>camille</td>" in page  # who changed it
    assert [row[1] for row in await audit_rows(sessions)] == ["callback_viewed", "callback_status_changed",
                                                              "callback_viewed"]
    assert (await audit_rows(sessions))[1] == (agent, "callback_status_changed", "bastia", "callback", callback.id)


async def test_status_change_without_the_csrf_token_is_forbidden_and_changes_nothing(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    callback = await booked(sessions)
    for data in ({"status": "clos"}, {"status": "clos", "csrf_token": "forged"}):
        response = await client.post(f"{LIST}/{callback.reference}/status", data=data)
        assert response.status_code == 403
    assert await status_of(sessions, callback) == "nouveau"
    assert await history(sessions, callback) == []
    assert await audit_rows(sessions) == []


@pytest.mark.parametrize(("start", "status", "note", "message"), [
    (CallbackStatus.EN_COURS, "nouveau", "",
     "Une demande « en cours » ne peut pas passer à « nouveau ». Statuts possibles : « rappelé », « injoignable », "
     "« clos »."),
    (CallbackStatus.CLOS, "rappele", "déjà fait",
     "Une demande « clos » ne peut pas passer à « rappelé ». Statuts possibles : « en cours »."),
    (CallbackStatus.CLOS, "en_cours", "", "Pour rouvrir une demande close, écrivez dans la note pourquoi."),
    (CallbackStatus.NOUVEAU, "nouveau", "  ",
     "Le statut est déjà « nouveau » : choisissez un autre statut, ou écrivez une note à ajouter au suivi."),
    (CallbackStatus.NOUVEAU, "termine", "", "Choisissez un statut dans la liste."),
    (CallbackStatus.NOUVEAU, "clos", "x" * (NOTE_MAX_LENGTH + 1),
     f"La note est trop longue : {NOTE_MAX_LENGTH + 1} caractères, {NOTE_MAX_LENGTH} au plus. Raccourcissez-la."),
])
async def test_refused_change_rerenders_the_form_in_french_keeping_the_note(
    client: httpx.AsyncClient, sessions: Sessions, agent: int,
    start: CallbackStatus, status: str, note: str, message: str,
) -> None:
    callback = await booked(sessions, status=start)
    response = await post_status(client, callback.reference, status, note)
    assert response.status_code == 422
    page = unescape(response.text)
    assert f'<div class="staff-error" role="alert" id="erreur-statut"><p>{message}</p></div>' in page
    assert 'aria-invalid="true"' in page
    if note.strip():
        assert f">{note}</textarea>" in page  # what was typed is not lost
    assert await status_of(sessions, callback) == start
    assert await history(sessions, callback) == []
    assert "callback_status_changed" not in [row[1] for row in await audit_rows(sessions)]


async def test_same_status_with_a_note_adds_the_note_and_a_closed_callback_reopens_with_one(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    callback = await booked(sessions, status=CallbackStatus.CLOS)
    assert (await post_status(client, callback.reference, "en_cours", "La personne a rappelé")).status_code == 303
    assert (await post_status(client, callback.reference, "en_cours", "Dossier CAF envoyé")).status_code == 303
    assert await history(sessions, callback) == [
        ("clos", "en_cours", "La personne a rappelé", "staff", agent),
        ("en_cours", "en_cours", "Dossier CAF envoyé", "staff", agent)]
    page = unescape((await client.get(f"{LIST}/{callback.reference}")).text)
    assert "en cours (note ajoutée)" in page


async def test_status_form_offers_the_current_status_then_the_allowed_ones(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    callback = await booked(sessions, status=CallbackStatus.RAPPELE)
    page = unescape((await client.get(f"{LIST}/{callback.reference}")).text)
    form = page[page.index('<select id="status"'):page.index("</select>", page.index('<select id="status"'))]
    assert [line.strip() for line in form.splitlines()[1:] if line.strip()] == [
        '<option value="rappele" selected>rappelé (statut actuel)</option>',
        '<option value="en_cours">en cours</option>',
        '<option value="clos">clos</option>',
    ]


async def test_status_change_of_another_territory_is_not_found(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    elsewhere = await booked(sessions, "venissieux")
    token = csrf_token((await client.get(LIST)).text)
    response = await post_status(client, elsewhere.reference, "clos", "pas à nous", token=token)
    assert response.status_code == 404
    assert await status_of(sessions, elsewhere) == "nouveau"
    assert await audit_rows(sessions) == []


async def test_the_case_system_goes_through_the_same_function_unchecked_and_audited_without_actor(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    callback = await booked(sessions, status=CallbackStatus.CLOS)
    async with sessions() as session:
        stored = await session.get(Callback, callback.id)
        assert stored is not None
        # The territory's tools are where the team works: what they report is recorded as sent.
        assert await booking.change_status(session, callback=stored, status=CallbackStatus.NOUVEAU, note="",
                                             source=StatusSource.CASE_SYSTEM, event_key="evt-1", now=NOW)
        assert not await booking.change_status(session, callback=stored, status=CallbackStatus.CLOS, note="",
                                                 source=StatusSource.CASE_SYSTEM, event_key="evt-1", now=NOW)
    assert await history(sessions, callback) == [("clos", "nouveau", "", "case_system", None)]
    assert await audit_rows(sessions) == [(None, "callback_status_changed", "bastia", "callback", callback.id)]
    page = unescape((await client.get(f"{LIST}/{callback.reference}")).text)
    assert "<td>Outil de suivi du territoire</td>" in page


async def test_a_change_made_meanwhile_by_a_colleague_is_not_overwritten(
    client: httpx.AsyncClient, sessions: Sessions, agent: int
) -> None:
    callback = await booked(sessions)
    form = await client.get(f"{LIST}/{callback.reference}")
    assert '<input type="hidden" name="seen_status" value="nouveau">' in form.text
    async with sessions() as session:  # the case system (or a colleague) closes it while the agent writes
        stored = await session.get(Callback, callback.id)
        assert stored is not None
        await booking.change_status(session, callback=stored, status=CallbackStatus.CLOS, note="",
                                      source=StatusSource.CASE_SYSTEM, now=NOW)
    response = await client.post(f"{LIST}/{callback.reference}/status", data={
        "csrf_token": csrf_token(form.text), "status": "injoignable", "note": "Pas de réponse",
        "seen_status": "nouveau"})
    assert response.status_code == 422
    page = unescape(response.text)
    assert "Le statut a changé pendant que vous écriviez : il est maintenant « clos »." in page
    assert '<input type="hidden" name="seen_status" value="clos">' in page
    assert ">Pas de réponse</textarea>" in page
    assert await status_of(sessions, callback) == "clos"
