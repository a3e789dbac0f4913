"""who changed a callback's status from the staff space (additive: one nullable column)

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-25 14:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('callback_status_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_callback_status_change_actor_id_staff_user', 'staff_user', ['actor_id'],
                                    ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('callback_status_change', schema=None) as batch_op:
        batch_op.drop_constraint('fk_callback_status_change_actor_id_staff_user', type_='foreignkey')
        batch_op.drop_column('actor_id')
