"""the people around a client: ketenpartners, bewindvoerders and maatjes linked to a traject, and their notes

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 11:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('betrokkenen', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('notities', sa.JSON(), nullable=False, server_default='[]'))
    op.create_table(
        'betrokkenheid',
        sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('medewerker_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('vanaf', sa.Date(), nullable=False),
        sa.Column('rol', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('tot', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['traject_id'], ['traject.id']),
        sa.PrimaryKeyConstraint('traject_id', 'medewerker_id'),
    )
    op.create_index('ix_betrokkenheid_medewerker_id', 'betrokkenheid', ['medewerker_id'])


def downgrade() -> None:
    op.drop_index('ix_betrokkenheid_medewerker_id', table_name='betrokkenheid')
    op.drop_table('betrokkenheid')
    with op.batch_alter_table('traject') as batch:
        batch.drop_column('notities')
        batch.drop_column('betrokkenen')
