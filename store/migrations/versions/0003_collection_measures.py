"""collection measures

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 00:23:57.076510
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('traject', schema=None) as batch_op:
        batch_op.add_column(sa.Column('maatregelen', sa.JSON(), nullable=False, server_default='[]'))



def downgrade() -> None:
    with op.batch_alter_table('traject', schema=None) as batch_op:
        batch_op.drop_column('maatregelen')

