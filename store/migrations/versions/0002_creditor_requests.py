"""creditor requests

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 23:29:58.371302
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('schuldeiser',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('naam', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('soort', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('preferent', sa.Boolean(), nullable=False),
    sa.Column('kanaal', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('adres', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('webhook_url', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('webhook_key', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('verzoek',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('schuldeiser_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('verstuurd_op', sa.Date(), nullable=False),
    sa.Column('herinnerd_op', sa.JSON(), nullable=False),
    sa.Column('geescaleerd_op', sa.Date(), nullable=True),
    sa.Column('beantwoord_op', sa.Date(), nullable=True),
    sa.Column('reden', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['schuldeiser_id'], ['schuldeiser.id'], ),
    sa.ForeignKeyConstraint(['traject_id'], ['traject.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('verzoek', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_verzoek_schuldeiser_id'), ['schuldeiser_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_verzoek_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_verzoek_traject_id'), ['traject_id'], unique=False)

    op.create_table('vordering',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('verzoek_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('bron', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('hoofdsom_cent', sa.Integer(), nullable=False),
    sa.Column('rente_cent', sa.Integer(), nullable=False),
    sa.Column('kosten_cent', sa.Integer(), nullable=False),
    sa.Column('totaal_cent', sa.Integer(), nullable=False),
    sa.Column('preferent', sa.Boolean(), nullable=False),
    sa.Column('kenmerk', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('peildatum', sa.Date(), nullable=False),
    sa.Column('regels', sa.JSON(), nullable=False),
    sa.Column('ingediend_op', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['verzoek_id'], ['verzoek.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('vordering', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vordering_verzoek_id'), ['verzoek_id'], unique=False)

    with op.batch_alter_table('brief', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ontvanger', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='client'))



def downgrade() -> None:
    with op.batch_alter_table('brief', schema=None) as batch_op:
        batch_op.drop_column('ontvanger')

    with op.batch_alter_table('vordering', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vordering_verzoek_id'))

    op.drop_table('vordering')
    with op.batch_alter_table('verzoek', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_verzoek_traject_id'))
        batch_op.drop_index(batch_op.f('ix_verzoek_status'))
        batch_op.drop_index(batch_op.f('ix_verzoek_schuldeiser_id'))

    op.drop_table('verzoek')
    op.drop_table('schuldeiser')
