"""initial schema: providers and licenses

Revision ID: 20251201_0900
Revises:
Create Date: 2025-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "20251201_0900"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "providers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("npi", sa.String(10), nullable=False, unique=True),
        sa.Column("full_name", sa.String(200), nullable=False),
    )
    op.create_table(
        "licenses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("provider_id", sa.Integer(), sa.ForeignKey("providers.id"), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("license_number", sa.String(64), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_licenses_provider_id", "licenses", ["provider_id"])


def downgrade() -> None:
    op.drop_index("ix_licenses_provider_id", table_name="licenses")
    op.drop_table("licenses")
    op.drop_table("providers")
