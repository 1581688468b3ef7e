"""(former) entrepreneurs and their business debts, and referrals with the check whether the client arrived

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 09:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('doorverwijzingen', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('ondernemer', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('vordering') as batch:
        batch.add_column(sa.Column('zakelijk', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('vordering') as batch:
        batch.drop_column('zakelijk')
    with op.batch_alter_table('traject') as batch:
        batch.drop_column('ondernemer')
        batch.drop_column('doorverwijzingen')
