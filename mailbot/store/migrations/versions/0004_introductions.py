"""Introductions: two participants introduced to each other by mail, stored so that it happens once.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "introductions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["first_id"], ["participants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["second_id"], ["participants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("first_id", "second_id", name="uq_introduction_once"),
    )
    with op.batch_alter_table("introductions") as batch:
        batch.create_index(batch.f("ix_introductions_first_id"), ["first_id"], unique=False)
        batch.create_index(batch.f("ix_introductions_second_id"), ["second_id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("mailbot does not downgrade a database: restore the backup `mailbot upgrade` made")
