"""a gemeente's own policy values and letterhead logo

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03 13:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('gemeente') as batch:
        batch.add_column(sa.Column('beleid', sa.JSON(), nullable=False, server_default='{}'))
        batch.add_column(sa.Column('logo', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('gemeente') as batch:
        batch.drop_column('logo')
        batch.drop_column('beleid')
