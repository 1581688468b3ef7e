"""objections against a traject's beschikking, with their decision

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('bezwaren', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.drop_column('bezwaren')
