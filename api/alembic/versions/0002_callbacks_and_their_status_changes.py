"""callbacks and their status changes (additive: new tables only)

Revision ID: 0002
Revises: 0004 (after the staff tables, already on main)
Create Date: 2026-11-25 12:50:50.007924
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('callback',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('request_key', sa.String(length=64), nullable=True),
    sa.Column('territory', sa.String(length=32), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('first_name', sa.String(length=60), nullable=False),
    sa.Column('slot_start', sa.DateTime(timezone=True), nullable=True),
    sa.Column('slot_end', sa.DateTime(timezone=True), nullable=True),
    sa.Column('slot_chosen', sa.Boolean(), nullable=False),
    sa.Column('consent_share_bilan', sa.Boolean(), nullable=False),
    sa.Column('bilan_summary', sa.Text(), nullable=True),
    sa.Column('bilan_answers', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('case_system_ref', sa.String(length=128), nullable=False),
    sa.Column('delivery_state', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('consent_share_bilan OR (bilan_summary IS NULL AND bilan_answers IS NULL)', name='ck_callback_bilan_consent'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reference'),
    sa.UniqueConstraint('request_key')
    )
    with op.batch_alter_table('callback', schema=None) as batch_op:
        batch_op.create_index('ix_callback_territory_status_created', ['territory', 'status', 'created_at'], unique=False)

    op.create_table('callback_status_change',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('callback_id', sa.String(length=32), nullable=False),
    sa.Column('old_status', sa.String(length=16), nullable=False),
    sa.Column('new_status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('event_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['callback_id'], ['callback.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_key')
    )
    with op.batch_alter_table('callback_status_change', schema=None) as batch_op:
        batch_op.create_index('ix_callback_status_change_callback_id', ['callback_id', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('callback_status_change', schema=None) as batch_op:
        batch_op.drop_index('ix_callback_status_change_callback_id')

    op.drop_table('callback_status_change')
    with op.batch_alter_table('callback', schema=None) as batch_op:
        batch_op.drop_index('ix_callback_territory_status_created')

    op.drop_table('callback')
