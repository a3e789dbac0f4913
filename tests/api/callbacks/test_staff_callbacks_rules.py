"""The pure parts of the staff callback pages: which status changes staff may make, and what the pages show."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from api.callbacks.models import Callback, CallbackStatus, CallbackStatusChange
from api.callbacks.staff_queries import CallbackRow, Delivery, HistoryEntry
from api.callbacks.staff_views import (
    CASE_SYSTEM_AUTHOR,
    DEFAULT_ZONE,
    DELETED_AUTHOR,
    answer_lines,
    history_item,
    safe_error,
    slot_text,
    when,
)
from api.callbacks.transitions import (
    ALLOWED,
    NOTE_MAX_LENGTH,
    StatusSource,
    TransitionError,
    check_staff_change,
    choices,
)

S = CallbackStatus


def test_no_staff_change_sends_a_callback_back_to_new() -> None:
    assert all(S.NOUVEAU not in targets for targets in ALLOWED.values())
    assert set(ALLOWED) == set(CallbackStatus)


def test_a_closed_callback_only_reopens_and_only_with_a_reason() -> None:
    assert ALLOWED[S.CLOS] == (S.EN_COURS,)
    with pytest.raises(TransitionError) as refused:
        check_staff_change(S.CLOS, S.EN_COURS, " ")
    assert refused.value.field == "note"
    assert check_staff_change(S.CLOS, S.EN_COURS, " La personne a rappelé \n") == "La personne a rappelé"


@pytest.mark.parametrize(("current", "new"), [(S.EN_COURS, S.NOUVEAU), (S.RAPPELE, S.INJOIGNABLE),
                                              (S.CLOS, S.CLOS)])
def test_refused_changes_name_the_field_and_say_what_is_possible(current: CallbackStatus,
                                                                 new: CallbackStatus) -> None:
    with pytest.raises(TransitionError) as refused:
        check_staff_change(current, new, "")
    assert refused.value.field in {"status", "note"}
    assert refused.value.message.endswith(".")


def test_a_note_of_the_maximum_length_passes_one_more_character_does_not() -> None:
    assert len(check_staff_change(S.NOUVEAU, S.EN_COURS, "é" * NOTE_MAX_LENGTH)) == NOTE_MAX_LENGTH
    with pytest.raises(TransitionError, match="trop longue"):
        check_staff_change(S.NOUVEAU, S.EN_COURS, "é" * (NOTE_MAX_LENGTH + 1))


def test_the_form_offers_the_current_status_first() -> None:
    assert choices(S.INJOIGNABLE) == (S.INJOIGNABLE, S.EN_COURS, S.RAPPELE, S.CLOS)


def test_times_are_shown_in_the_territory_zone_summer_and_winter() -> None:
    assert when(datetime(2026, 11, 25, 10, 5, tzinfo=UTC), DEFAULT_ZONE) == "25/11/2026 à 11 h 05"
    assert when(datetime(2026, 7, 1, 7, 30, tzinfo=UTC), DEFAULT_ZONE) == "01/07/2026 à 9 h 30"


def _row(**fields: object) -> CallbackRow:
    callback = Callback(reference="K7MQ-2XPT", territory="bastia", phone="+33612345678", consent_share_bilan=False,
                        status=S.NOUVEAU, **fields)
    return CallbackRow(callback, None)


def test_slot_says_whether_the_person_chose_it() -> None:
    start, end = datetime(2026, 11, 26, 8, 0, tzinfo=UTC), datetime(2026, 11, 26, 11, 0, tzinfo=UTC)
    chosen = slot_text(_row(slot_start=start, slot_end=end, slot_chosen=True), DEFAULT_ZONE)
    given = slot_text(_row(slot_start=start, slot_end=end, slot_chosen=False), DEFAULT_ZONE)
    assert chosen == "jeudi 26 novembre entre 9 h et 12 h"
    assert given == f"{chosen} (proposé d'office)"
    assert slot_text(_row(), DEFAULT_ZONE) == "Dès que possible"


def test_a_callback_without_its_job_is_still_pending_unless_delivered() -> None:
    assert _row().delivery == Delivery.PENDING
    assert _row(delivered_at=datetime(2026, 11, 25, tzinfo=UTC)).delivery == Delivery.DELIVERED


def test_answers_are_flattened_into_lines() -> None:
    answers = {"age": 34, "housing": {"status": "tenant", "rent": 480}, "children": [{"age": 4}, {"age": 7}],
               "couple": False, "savings": None}
    assert answer_lines(answers) == [
        ("age", "34"), ("children", "age 4 ; age 7"), ("couple", "non"), ("housing › rent", "480"),
        ("housing › status", "tenant"), ("savings", "non renseigné")]


@pytest.mark.parametrize(("error", "shown"), [
    ("CaseSystemStatusError: case system answered 500", "CaseSystemStatusError: case system answered 500"),
    ("ConnectError: [Errno 111] Connection refused", "ConnectError: [Errno 111] Connection refused"),
    ("answered 422: 06 12 34 56 78", "answered 422: [masqué]"),
    ("answered 422: 06.12.34.56.78 / +33 6 12 34 56 78", "answered 422: [masqué] / [masqué]"),
    ("bad recipient marie.dupont@example.org", "bad recipient [masqué]"),
])
def test_errors_shown_to_staff_mask_numbers_and_addresses(error: str, shown: str) -> None:
    assert safe_error(error) == shown


def test_history_names_the_staff_member_the_case_system_or_a_deleted_account() -> None:
    at = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
    staff = CallbackStatusChange(old_status="nouveau", new_status="rappele", note="ok", source=StatusSource.STAFF,
                                 created_at=at)
    tools = CallbackStatusChange(old_status="rappele", new_status="clos", note="", source="case_system",
                                 created_at=at)
    assert history_item(HistoryEntry(staff, "Camille"), DEFAULT_ZONE).author == "Camille"
    assert history_item(HistoryEntry(staff, None), DEFAULT_ZONE).author == DELETED_AUTHOR
    item = history_item(HistoryEntry(tools, None), DEFAULT_ZONE)
    assert (item.author, item.old_label, item.new_label) == (CASE_SYSTEM_AUTHOR, "rappelé", "clos")
