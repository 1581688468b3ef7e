"""staff linked to the gemeenten they serve

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 12:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('medewerker') as batch:
        batch.add_column(sa.Column('gemeenten', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('medewerker') as batch:
        batch.drop_column('gemeenten')
