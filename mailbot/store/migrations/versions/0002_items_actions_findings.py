"""From v1 to the schema of the understanding release: findings, authenticity, items, actions, versions.

- messages: ``authenticity`` (what Authentication-Results say) and ``findings`` (what the mail says)
- notes: ``participant_id`` may be empty (an organiser's note about no one in particular)
- outbox: ``return_token`` (VERP), ``after_id``, ``item_id``, ``action_id``, ``questionnaire_version_id``
- new tables: ``questionnaire_versions``, ``items``, ``actions``

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a database made before v1 was released may lack this column (it came in shortly before v1)
    if "first_pass_until" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("folder_state")}:
        with op.batch_alter_table("folder_state") as batch:
            batch.add_column(sa.Column("first_pass_until", sa.Integer(), nullable=False, server_default="0"))
    op.create_table('questionnaire_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('fingerprint')
    )
    op.create_table('actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('address', sa.String(length=320), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('cause_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cause_id'], ['messages.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token')
    )
    op.create_index(op.f('ix_actions_participant_id'), 'actions', ['participant_id'], unique=False)
    op.create_index(op.f('ix_actions_state'), 'actions', ['state'], unique=False)
    op.create_table('items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=320), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('told', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('forwarded', sa.Boolean(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by', sa.String(length=320), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['messages.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_items_created_at'), 'items', ['created_at'], unique=False)
    op.create_index(op.f('ix_items_participant_id'), 'items', ['participant_id'], unique=False)
    op.create_index(op.f('ix_items_state'), 'items', ['state'], unique=False)
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("authenticity", sa.String(length=20), nullable=False, server_default="unknown"))
        batch.add_column(sa.Column("findings", sa.JSON(), nullable=True))
    with op.batch_alter_table("notes") as batch:
        batch.alter_column("participant_id", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("return_token", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("after_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("item_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("action_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("questionnaire_version_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_outbox_action_id"), ["action_id"], unique=False)
        batch.create_index(batch.f("ix_outbox_item_id"), ["item_id"], unique=False)
        batch.create_index(batch.f("ix_outbox_return_token"), ["return_token"], unique=False)
        batch.create_foreign_key("fk_outbox_after_id", "outbox", ["after_id"], ["id"], ondelete="SET NULL")
        batch.create_foreign_key("fk_outbox_item_id", "items", ["item_id"], ["id"], ondelete="SET NULL")
        batch.create_foreign_key("fk_outbox_questionnaire_version_id", "questionnaire_versions",
                                 ["questionnaire_version_id"], ["id"], ondelete="SET NULL")
        batch.create_foreign_key("fk_outbox_action_id", "actions", ["action_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    raise NotImplementedError("mailbot does not downgrade a database: restore the backup `mailbot upgrade` made")
