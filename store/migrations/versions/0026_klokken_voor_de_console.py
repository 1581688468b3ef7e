"""each clock's own columns in klokfeit (which clock, met when, seen to pass, running until), so the database
picks out and orders the console's breached and due-soon clocks; the rows are derived, so the table is made
anew and store.db.migrate refills it (store/feiten.py's AFLEIDING 2)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04 21:30:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def _create(*extra: sa.Column) -> None:
    op.create_table(
        'klokfeit',
        sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('nr', sa.Integer(), nullable=False),
        *extra,
        sa.Column('norm', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('uiterlijk', sa.Date(), nullable=False),
        sa.Column('beslist_op', sa.Date(), nullable=False),
        sa.Column('gehaald', sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(['traject_id'], ['traject.id']),
        sa.PrimaryKeyConstraint('traject_id', 'nr'),
    )
    op.create_index('ix_klokfeit_beslist_op', 'klokfeit', ['beslist_op'])


def upgrade() -> None:
    op.drop_table('klokfeit')
    _create(
        sa.Column('klok', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('gehaald_op', sa.Date(), nullable=True),
        sa.Column('overschreden', sa.Boolean(), nullable=False),
        sa.Column('loopt_tot', sa.Date(), nullable=True),
    )
    op.create_index('ix_klokfeit_loopt_tot', 'klokfeit', ['loopt_tot'])


def downgrade() -> None:
    op.drop_table('klokfeit')
    _create()
