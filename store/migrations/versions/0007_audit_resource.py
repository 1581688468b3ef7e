"""audit entries name the resource that was read

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 18:40:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('auditentry', sa.Column('resource', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    op.drop_column('auditentry', 'resource')
