"""Worker jobs must never log personal data, and a database error's text may quote a phone number or a message.

Jobs wrap their work in `database_errors_named`: a database error becomes the job's own error, naming only the
error's type, which the outbox may log and store safely.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError


@contextmanager
def database_errors_named(error: type[Exception]) -> Iterator[None]:
    """Re-raise a database error as ``error("database error: <type>")``, without its text or its cause."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise error(f"database error: {type(exc).__name__}") from None
