"""audit row count (erasures), index of callbacks by last contact (retention)

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-25 15:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
# Additive only (one nullable column, one index). Chains after the newest revision of the branch it lands on.
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('row_count', sa.Integer(), nullable=True))
    with op.batch_alter_table('callback', schema=None) as batch_op:
        batch_op.create_index('ix_callback_updated_at', ['updated_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('callback', schema=None) as batch_op:
        batch_op.drop_index('ix_callback_updated_at')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('row_count')
