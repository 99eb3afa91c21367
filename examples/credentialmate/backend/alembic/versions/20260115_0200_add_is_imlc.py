"""add is_imlc flag to licenses (Interstate Medical Licensure Compact)

Revision ID: 20260115_0200
Revises: 20260115_0100
Create Date: 2026-01-15 02:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "20260115_0200"
down_revision = "20260115_0100"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("licenses", sa.Column("is_imlc", sa.Boolean(), nullable=True))


def downgrade() -> None:
    op.drop_column("licenses", "is_imlc")
