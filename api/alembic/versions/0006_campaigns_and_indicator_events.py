"""campaigns, their recipients, anonymous indicator events; conversation.campaign_code (additive)

Revision ID: 0006
Revises: 0007 (re-chained after main's 0005 and 0007)
Create Date: 2026-11-25 14:37:45.420268
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('indicator_event',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('territory', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('campaign', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('benefit', sa.String(length=64), nullable=False),
    sa.Column('amount', sa.Float(), nullable=True),
    sa.Column('delay_hours', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('indicator_event', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_event_territory_month', ['territory', 'month'], unique=False)

    op.create_table('campaign',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('territory', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('import_report', sa.JSON(), nullable=False),
    sa.Column('final_counts', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('territory', 'code', name='uq_campaign_territory_code')
    )
    op.create_table('indicator_callback_dimensions',
    sa.Column('callback_id', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('campaign', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['callback_id'], ['callback.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('callback_id')
    )
    op.create_table('indicator_conversation_link',
    sa.Column('conversation_id', sa.String(length=32), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversation.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['indicator_event.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('conversation_id', 'event_id')
    )
    op.create_table('campaign_recipient',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('phone_hash', sa.String(length=32), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('first_name', sa.String(length=60), nullable=True),
    sa.Column('consent_origin', sa.String(length=100), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('twilio_sid', sa.String(length=64), nullable=True),
    sa.Column('error_code', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('replied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('campaign_id', 'phone_hash', name='uq_campaign_recipient_campaign_phone'),
    sa.UniqueConstraint('twilio_sid')
    )
    with op.batch_alter_table('campaign_recipient', schema=None) as batch_op:
        batch_op.create_index('ix_campaign_recipient_phone_hash', ['phone_hash'], unique=False)

    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('campaign_code', sa.String(length=32), nullable=False, server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_column('campaign_code')

    with op.batch_alter_table('campaign_recipient', schema=None) as batch_op:
        batch_op.drop_index('ix_campaign_recipient_phone_hash')

    op.drop_table('campaign_recipient')
    op.drop_table('indicator_conversation_link')
    op.drop_table('indicator_callback_dimensions')
    op.drop_table('campaign')
    with op.batch_alter_table('indicator_event', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_event_territory_month')

    op.drop_table('indicator_event')
