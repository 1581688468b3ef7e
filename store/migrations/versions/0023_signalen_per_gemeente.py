"""each signal and vroegsignalering case belongs to a gemeente

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 12:40:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('signalering', 'signaal'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('gemeentecode', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
            batch.create_index(f'ix_{table}_gemeentecode', ['gemeentecode'])


def downgrade() -> None:
    for table in ('signaal', 'signalering'):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f'ix_{table}_gemeentecode')
            batch.drop_column('gemeentecode')
