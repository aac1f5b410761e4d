"""The organiser's meeting changes by mail: ``meeting_edits``.

A meeting she adds, moves or cancels by mail, and who gets a meeting's briefing, is kept here,
laid over config.yaml's version of the meeting until the file's version changes
(``mailbot.meetings.edits``). A new table only: nothing in the rows already there changes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("meeting", sa.JSON(), nullable=True),
        sa.Column("recipients", sa.JSON(), nullable=True),
        sa.Column("base", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("made_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_edits") as batch:
        batch.create_index(batch.f("ix_meeting_edits_meeting_id"), ["meeting_id"], unique=False)
        batch.create_index(batch.f("ix_meeting_edits_state"), ["state"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("mailbot does not downgrade a database: restore the backup `mailbot upgrade` made")
