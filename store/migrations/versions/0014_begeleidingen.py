"""budgetbeheer, budgetbegeleiding and beschermingsbewind on the traject, with provider and dates

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 08:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('begeleidingen', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.drop_column('begeleidingen')
