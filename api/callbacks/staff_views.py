"""What the callback pages show, computed from rows by pure functions (the templates only lay it out).

Times are shown in the territory's time zone, numbers in the national format French teams dial. The list and the
dead letters never show personal data; the detail page does, and its route audits each read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from api.callbacks.booking import booked_slot
from api.callbacks.models import CallbackStatus
from api.callbacks.phone import display_phone
from api.callbacks.staff_queries import CallbackRow, HistoryEntry
from api.callbacks.transitions import StatusSource, choices

DEFAULT_ZONE = ZoneInfo("Europe/Paris")
CASE_SYSTEM_AUTHOR = "Outil de suivi du territoire"
DELETED_AUTHOR = "Compte supprimé"
# Case-system errors are written without personal data (api.case_systems.base); the pages mask, in case one
# slipped through, anything that looks like a phone number or an e-mail address.
_PERSONAL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d(?:[\s.-]?\d){7,}")


def when(moment: datetime, zone: ZoneInfo) -> str:
    """« 25/11/2026 à 11 h 30 », in the territory's time zone."""
    local = moment.astimezone(zone)
    return f"{local:%d/%m/%Y} à {local.hour} h {local:%M}"


def status_label(value: str) -> str:
    """The French label of a stored status (a value unknown to this version is shown as it is)."""
    try:
        return CallbackStatus(value).label
    except ValueError:
        return value


def safe_error(text: str) -> str:
    """The last delivery error as staff read it, anything personal-looking masked."""
    return _PERSONAL.sub("[masqué]", text) if text else ""


@dataclass(frozen=True)
class ListItem:
    """One line of the list or of the dead letters: nothing personal."""

    reference: str
    booked: str
    slot: str
    status: str
    status_label: str
    delivery: str
    delivery_label: str
    attempts: int
    last_error: str


def slot_text(row: CallbackRow, zone: ZoneInfo) -> str:
    """The slot the person chose, or the one given to them, or « dès que possible »."""
    slot = booked_slot(row.callback, zone)
    if slot is None:
        return "Dès que possible"
    return slot.label if row.callback.slot_chosen else f"{slot.label} (proposé d'office)"


def list_item(row: CallbackRow, zone: ZoneInfo) -> ListItem:
    callback, job = row.callback, row.job
    return ListItem(
        reference=callback.reference,
        booked=when(callback.created_at, zone),
        slot=slot_text(row, zone),
        status=callback.status,
        status_label=status_label(callback.status),
        delivery=row.delivery.value,
        delivery_label=row.delivery.label,
        attempts=job.attempts if job is not None else 0,
        last_error=safe_error(job.last_error) if job is not None else "",
    )


@dataclass(frozen=True)
class HistoryItem:
    """One line of the status history."""

    at: str
    old_label: str
    new_label: str
    note: str
    author: str


def history_item(entry: HistoryEntry, zone: ZoneInfo) -> HistoryItem:
    change = entry.change
    by_case_system = change.source == StatusSource.CASE_SYSTEM
    author = CASE_SYSTEM_AUTHOR if by_case_system else entry.actor_name or DELETED_AUTHOR
    return HistoryItem(at=when(change.created_at, zone), old_label=status_label(change.old_status),
                       new_label=status_label(change.new_status), note=change.note, author=author)


@dataclass(frozen=True)
class DeliveryView:
    """Where the delivery to the case system is: tries so far, the last error, the next try or when it arrived."""

    state: str
    label: str
    attempts: int
    last_error: str
    next_attempt: str
    delivered: str
    case_system_ref: str


def delivery_view(row: CallbackRow, zone: ZoneInfo) -> DeliveryView:
    callback, job, state = row.callback, row.job, row.delivery
    delivered_at = callback.delivered_at or (job.done_at if job is not None else None)
    return DeliveryView(
        state=state.value,
        label=state.label,
        attempts=job.attempts if job is not None else 0,
        last_error=safe_error(job.last_error) if job is not None else "",
        next_attempt=when(job.next_attempt_at, zone) if job is not None and state.value == "pending" else "",
        delivered=when(delivered_at, zone) if delivered_at is not None else "",
        case_system_ref=callback.case_system_ref,
    )


@dataclass(frozen=True)
class StatusChoice:
    """An option of the status form."""

    value: str
    label: str
    current: bool


@dataclass(frozen=True)
class DetailView:
    """The detail page: the personal data the team needs to call back, and the bilan only with consent."""

    item: ListItem
    phone_display: str
    phone_href: str
    first_name: str
    consent_share_bilan: bool
    bilan_summary: str | None
    bilan_answers: list[tuple[str, str]]
    history: list[HistoryItem]
    delivery: DeliveryView
    choices: list[StatusChoice]


def _answer_text(value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if value is None:
        return "non renseigné"
    if isinstance(value, list):
        return " ; ".join(_answer_text(item) for item in value) or "aucun"
    if isinstance(value, dict):
        return ", ".join(f"{key} {_answer_text(item)}" for key, item in sorted(value.items()))
    return str(value)


def answer_lines(answers: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    """The bilan's answers as (question, answer) lines, nested answers flattened as « housing › rent »."""
    lines: list[tuple[str, str]] = []
    for key, value in sorted(answers.items()):
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            lines.extend(answer_lines(value, f"{name} › "))
        else:
            lines.append((name, _answer_text(value)))
    return lines


def detail_view(row: CallbackRow, history: list[HistoryEntry], zone: ZoneInfo) -> DetailView:
    callback = row.callback
    current = CallbackStatus(callback.status)
    consent = callback.consent_share_bilan
    answers = callback.bilan_answers if consent and callback.bilan_answers else {}
    return DetailView(
        item=list_item(row, zone),
        phone_display=display_phone(callback.phone),
        phone_href=f"tel:{callback.phone}",
        first_name=callback.first_name,
        consent_share_bilan=consent,
        bilan_summary=callback.bilan_summary if consent else None,
        bilan_answers=answer_lines(answers),
        history=[history_item(entry, zone) for entry in history],
        delivery=delivery_view(row, zone),
        choices=[StatusChoice(status.value, status.label, status == current) for status in choices(current)],
    )
