"""a traject's Wgs clocks in one column, as the workflow keeps them, instead of two flattened pairs

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 19:50:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

traject = sa.table(
    'traject',
    sa.column('id', sa.String),
    sa.column('first_conversation_due', sa.Date),
    sa.column('first_conversation_on', sa.Date),
    sa.column('beschikking_due', sa.Date),
    sa.column('beschikking_on', sa.Date),
    sa.column('breaches', sa.JSON),
    sa.column('termijnen', sa.JSON),
)


def _clock(name, due, on, breaches):
    return {'clock': name, 'uiterlijk': due.isoformat(), 'gehaald_op': on.isoformat() if on else None,
            'overschreden': name in (breaches or [])}


def upgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('termijnen', sa.JSON(), nullable=True))
    connection = op.get_bind()
    for row in connection.execute(sa.select(traject)).mappings().all():
        clocks = [_clock('eerste_gesprek', row['first_conversation_due'], row['first_conversation_on'], row['breaches'])]
        if row['beschikking_due'] is not None:
            clocks.append(_clock('beschikking', row['beschikking_due'], row['beschikking_on'], row['breaches']))
        connection.execute(sa.update(traject).where(traject.c.id == row['id']).values(termijnen=clocks))
    with op.batch_alter_table('traject') as batch:
        batch.alter_column('termijnen', nullable=False)
        for name in ('first_conversation_due', 'first_conversation_on', 'beschikking_due', 'beschikking_on'):
            batch.drop_column(name)


def downgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('first_conversation_due', sa.Date(), nullable=True))
        batch.add_column(sa.Column('first_conversation_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('beschikking_due', sa.Date(), nullable=True))
        batch.add_column(sa.Column('beschikking_on', sa.Date(), nullable=True))
        batch.drop_column('termijnen')
