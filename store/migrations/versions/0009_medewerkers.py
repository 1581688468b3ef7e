"""a register of staff: names, teams and phone numbers for the console and the client's letters

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 22:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'medewerker',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('naam', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('team', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('telefoon', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('rol', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('actief', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_medewerker_team'), 'medewerker', ['team'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_medewerker_team'), table_name='medewerker')
    op.drop_table('medewerker')
