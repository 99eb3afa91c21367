"""add state board portal fields to licenses

Revision ID: 20260115_0100
Revises: 20251201_0900
Create Date: 2026-01-15 01:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "20260115_0100"
down_revision = "20251201_0900"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("licenses", sa.Column("portal_access_notes", sa.Text(), nullable=True))
    op.add_column("licenses", sa.Column("portal_username", sa.String(500), nullable=True))
    op.add_column("licenses", sa.Column("portal_password", sa.String(500), nullable=True))


def downgrade() -> None:
    op.drop_column("licenses", "portal_password")
    op.drop_column("licenses", "portal_username")
    op.drop_column("licenses", "portal_access_notes")
