"""callback request keys scoped per territory, with the hash of the booking's body

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-03 16:00:00

Issue 13: an Idempotency-Key was global, so the same key from another territory returned the first territory's
booking and dropped the new one. The stored key becomes sha256(territory, key) (api.callbacks.booking.scoped_key);
existing keys are rewritten the same way, so a retry that spans the upgrade still finds its booking.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def _scoped(territory: str, key: str) -> str:
    # A copy of api.callbacks.booking.scoped_key at the time of this migration (migrations never import the app).
    return hashlib.sha256(f"{territory}\n{key}".encode()).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table('callback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_hash', sa.String(length=64), nullable=True))
    callback = sa.table('callback', sa.column('id', sa.String), sa.column('territory', sa.String),
                        sa.column('request_key', sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(callback.c.id, callback.c.territory, callback.c.request_key)
                              .where(callback.c.request_key.is_not(None))).all()
    for row in rows:
        connection.execute(callback.update().where(callback.c.id == row.id)
                           .values(request_key=_scoped(row.territory, row.request_key)))


def downgrade() -> None:
    with op.batch_alter_table('callback', schema=None) as batch_op:
        batch_op.drop_column('request_hash')
