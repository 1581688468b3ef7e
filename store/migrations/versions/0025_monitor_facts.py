"""what the monitor counts of each traject, in plain columns, for the database to count; store.db.migrate fills
them after the upgrade (store/feiten.py), since the facts are derived by the engine's own code

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04 18:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

_INDEXED = {
    'monitorfeit': ('meldingsdatum', 'gesprek_op', 'besluit_op', 'plan_at', 'voorstel_op', 'regeling_op',
                    'afgerond_op', 'gesloten_at'),
    'klokfeit': ('beslist_op',),
    'bezwaarfeit': ('ingediend_op', 'besluit_op'),
}


def _text(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=nullable)


def _of_traject(*, numbered: bool) -> list:
    columns = [_text('traject_id', nullable=False), sa.ForeignKeyConstraint(['traject_id'], ['traject.id'])]
    if numbered:
        return [*columns, sa.Column('nr', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('traject_id', 'nr')]
    return [*columns, sa.PrimaryKeyConstraint('traject_id')]


def upgrade() -> None:
    op.create_table(
        'monitorfeit',
        *_of_traject(numbered=False),
        sa.Column('afleiding', sa.Integer(), nullable=False),
        _text('bron', nullable=False),
        sa.Column('crisis', sa.Boolean(), nullable=False),
        sa.Column('meldingsdatum', sa.Date(), nullable=False),
        sa.Column('heraanmelding', sa.Boolean(), nullable=False),
        sa.Column('terug_binnen_jaar', sa.Boolean(), nullable=False),
        sa.Column('gesprek_op', sa.Date(), nullable=True),
        _text('besluit'),
        sa.Column('besluit_op', sa.Date(), nullable=True),
        sa.Column('plan_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('voorstel_op', sa.Date(), nullable=True),
        sa.Column('regeling_op', sa.Date(), nullable=True),
        sa.Column('afgerond_op', sa.Date(), nullable=True),
        sa.Column('gesloten_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        _text('uitval_reden'),
        _text('uitval_fase'),
        _text('einde'),
    )
    op.create_table(
        'klokfeit',
        *_of_traject(numbered=True),
        _text('norm', nullable=False),
        sa.Column('uiterlijk', sa.Date(), nullable=False),
        sa.Column('beslist_op', sa.Date(), nullable=False),
        sa.Column('gehaald', sa.Boolean(), nullable=True),
    )
    op.create_table(
        'bezwaarfeit',
        *_of_traject(numbered=True),
        sa.Column('ingediend_op', sa.Date(), nullable=False),
        _text('beslissing'),
        sa.Column('besluit_op', sa.Date(), nullable=True),
        sa.Column('op_tijd', sa.Boolean(), nullable=False),
    )
    for table, columns in _INDEXED.items():
        for column in columns:
            op.create_index(f'ix_{table}_{column}', table, [column])


def downgrade() -> None:
    for table in _INDEXED:
        op.drop_table(table)
