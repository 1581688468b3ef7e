"""activities that keep failing, marked by the worker for the console's list of technically stuck work

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 22:10:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'storing',
        sa.Column('workflow_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('activity_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('activity_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('poging', sa.Integer(), nullable=False),
        sa.Column('fout', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('sinds', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('laatst_op', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('workflow_id', 'activity_id'),
    )


def downgrade() -> None:
    op.drop_table('storing')
