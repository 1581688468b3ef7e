"""nazorg

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 04:42:28.339878
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('traject', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vorig_traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('heraanmelding_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('nazorg', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('nazorg_gestopt', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('gemiste_afspraken', sa.JSON(), nullable=False, server_default='[]'))



def downgrade() -> None:
    with op.batch_alter_table('traject', schema=None) as batch_op:
        batch_op.drop_column('gemiste_afspraken')
        batch_op.drop_column('nazorg_gestopt')
        batch_op.drop_column('nazorg')
        batch_op.drop_column('heraanmelding_id')
        batch_op.drop_column('vorig_traject_id')

