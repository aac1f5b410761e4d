"""Types that hold real mail: 64-bit UIDs, addresses stored whole, a flag for headers stored cut.

- folder_state.uidvalidity/last_uid/first_pass_until, messages.uidvalidity/uid: BIGINT (IMAP's are
  unsigned 32-bit; Dovecot's UIDVALIDITY is a timestamp that passes 2**31 in 2038)
- every address column (participants.email, messages.sender, outbox.recipient, items.address,
  items.closed_by, actions.address): TEXT instead of VARCHAR(320)
- messages.truncated: a Message-ID, sender name or subject was too long and is stored cut

SQLite neither checks a VARCHAR's length nor has a 32-bit INTEGER, so there only the new column is added.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WIDER: dict[str, dict[str, sa.types.TypeEngine[Any]]] = {
    "folder_state": {"uidvalidity": sa.BigInteger(), "last_uid": sa.BigInteger(), "first_pass_until": sa.BigInteger()},
    "messages": {"uidvalidity": sa.BigInteger(), "uid": sa.BigInteger(), "sender": sa.Text()},
    "participants": {"email": sa.Text()},
    "outbox": {"recipient": sa.Text()},
    "items": {"address": sa.Text(), "closed_by": sa.Text()},
    "actions": {"address": sa.Text()},
}


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("truncated", sa.Boolean(), nullable=False, server_default=sa.false()))
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, columns in WIDER.items():
        for column, type_ in columns.items():
            op.alter_column(table, column, type_=type_)


def downgrade() -> None:
    raise NotImplementedError("mailbot does not downgrade a database: restore the backup `mailbot upgrade` made")
