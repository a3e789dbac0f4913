"""Which status changes staff may make, and why one is refused (in French, for the form that re-renders).

Pure rules, no I/O. The case system's signed webhook is not held to them: the territory's tools are where the team
works, so what they report is recorded as it is. Staff changes are checked so that a slip of the mouse does not
send a callback back to « nouveau » or reopen a closed one without saying why.
"""

from __future__ import annotations

from enum import StrEnum

from api.callbacks.models import CallbackStatus

NOTE_MAX_LENGTH = 2000
"""The longest note, the same for staff and for the case system's webhook (api.callbacks.schemas.StatusUpdate)."""

_S = CallbackStatus
ALLOWED: dict[CallbackStatus, tuple[CallbackStatus, ...]] = {
    _S.NOUVEAU: (_S.EN_COURS, _S.RAPPELE, _S.INJOIGNABLE, _S.CLOS),
    _S.EN_COURS: (_S.RAPPELE, _S.INJOIGNABLE, _S.CLOS),
    _S.INJOIGNABLE: (_S.EN_COURS, _S.RAPPELE, _S.CLOS),
    _S.RAPPELE: (_S.EN_COURS, _S.CLOS),
    _S.CLOS: (_S.EN_COURS,),
}
"""Where a callback may go next from each status (besides keeping its status to add a note)."""


class StatusSource(StrEnum):
    """Who reports a status change."""

    CASE_SYSTEM = "case_system"
    STAFF = "staff"


class TransitionError(ValueError):
    """A staff status change that is refused; ``field`` is the form field to point at, ``message`` is French."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _quoted(statuses: tuple[CallbackStatus, ...]) -> str:
    return ", ".join(f"« {status.label} »" for status in statuses)


def choices(current: CallbackStatus) -> tuple[CallbackStatus, ...]:
    """The statuses a staff member may pick: the current one (to add a note) first, then the allowed next ones."""
    return (current, *ALLOWED[current])


def parse_status(value: str) -> CallbackStatus:
    """The status chosen in the form; a value not in the list (a tampered form) is a French error."""
    try:
        return CallbackStatus(value)
    except ValueError:
        raise TransitionError("status", "Choisissez un statut dans la liste.") from None


def check_staff_change(current: CallbackStatus, new: CallbackStatus, note: str,
                       seen: str | None = None) -> str:
    """The note, stripped, if a staff member may move a callback from ``current`` to ``new``; else TransitionError.

    ``seen`` is the status the form showed: if a colleague (or the case system) changed it since, the change is
    refused rather than made over theirs without knowing.
    """
    if seen is not None and seen != current:
        raise TransitionError("status", f"Le statut a changé pendant que vous écriviez : il est maintenant "
                                        f"« {current.label} ». Vérifiez l'historique, puis recommencez.")
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise TransitionError(
            "note", f"La note est trop longue : {len(note)} caractères, {NOTE_MAX_LENGTH} au plus. Raccourcissez-la.")
    if new == current:
        if not note:
            raise TransitionError("note", f"Le statut est déjà « {current.label} » : choisissez un autre statut, "
                                          "ou écrivez une note à ajouter au suivi.")
        return note
    if new not in ALLOWED[current]:
        raise TransitionError("status", f"Une demande « {current.label} » ne peut pas passer à « {new.label} ». "
                                        f"Statuts possibles : {_quoted(ALLOWED[current])}.")
    if current == CallbackStatus.CLOS and not note:
        raise TransitionError("note", "Pour rouvrir une demande close, écrivez dans la note pourquoi.")
    return note
