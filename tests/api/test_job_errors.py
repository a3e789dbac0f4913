"""A worker job's database error is renamed so that its text (which may quote a number) never reaches the logs."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from api.job_errors import database_errors_named


class JobError(Exception):
    pass


def test_database_error_becomes_the_jobs_error_naming_only_its_type() -> None:
    with pytest.raises(JobError) as raised, database_errors_named(JobError):
        raise IntegrityError("INSERT ... VALUES ('+33612345678')", {}, Exception("duplicate +33612345678"))
    assert str(raised.value) == "database error: IntegrityError"
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_other_errors_pass_through_unchanged() -> None:
    with pytest.raises(KeyError), database_errors_named(JobError):
        raise KeyError("recipient_id")
