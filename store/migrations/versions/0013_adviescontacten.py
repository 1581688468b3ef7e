"""short contacts for information and advice, counted without a traject

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 08:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'adviescontact',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('op', sa.Date(), nullable=False),
        sa.Column('kanaal', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('onderwerp', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('afloop', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('doorverwezen_naar', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('notitie', sa.Text(), nullable=False),
        sa.Column('medewerker', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['traject_id'], ['traject.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_adviescontact_op'), 'adviescontact', ['op'], unique=False)
    op.create_index(op.f('ix_adviescontact_medewerker'), 'adviescontact', ['medewerker'], unique=False)
    op.create_index(op.f('ix_adviescontact_traject_id'), 'adviescontact', ['traject_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_adviescontact_traject_id'), table_name='adviescontact')
    op.drop_index(op.f('ix_adviescontact_medewerker'), table_name='adviescontact')
    op.drop_index(op.f('ix_adviescontact_op'), table_name='adviescontact')
    op.drop_table('adviescontact')
