"""settlement

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 04:06:12.230585
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deelname',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('schuldeiser_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('vordering_cent', sa.Integer(), nullable=False),
    sa.Column('preferent', sa.Boolean(), nullable=False),
    sa.Column('aandeel_cent', sa.Integer(), nullable=False),
    sa.Column('ontvangen_cent', sa.Integer(), nullable=False),
    sa.Column('reactie', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reden', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('voorgesteld_op', sa.Date(), nullable=False),
    sa.Column('beantwoord_op', sa.Date(), nullable=True),
    sa.Column('geescaleerd', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['schuldeiser_id'], ['schuldeiser.id'], ),
    sa.ForeignKeyConstraint(['traject_id'], ['traject.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('deelname', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deelname_reactie'), ['reactie'], unique=False)
        batch_op.create_index(batch_op.f('ix_deelname_schuldeiser_id'), ['schuldeiser_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deelname_traject_id'), ['traject_id'], unique=False)

    op.create_table('regeling',
    sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('soort', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('voorgesteld_op', sa.Date(), nullable=False),
    sa.Column('ingangsdatum', sa.Date(), nullable=True),
    sa.Column('maandbedrag_cent', sa.Integer(), nullable=False),
    sa.Column('totaal_cent', sa.Integer(), nullable=False),
    sa.Column('betaald_cent', sa.Integer(), nullable=False),
    sa.Column('maandschema', sa.JSON(), nullable=False),
    sa.Column('betalingen', sa.JSON(), nullable=False),
    sa.Column('gemist', sa.JSON(), nullable=False),
    sa.Column('afloscapaciteit', sa.JSON(), nullable=False),
    sa.Column('herberekening', sa.JSON(), nullable=True),
    sa.Column('uitspraak', sa.JSON(), nullable=True),
    sa.Column('wsnp_einde_verwacht', sa.Date(), nullable=True),
    sa.Column('afgerond_op', sa.Date(), nullable=True),
    sa.Column('uitval', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['traject.id'], ),
    sa.PrimaryKeyConstraint('traject_id')
    )
    with op.batch_alter_table('regeling', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regeling_status'), ['status'], unique=False)

    with op.batch_alter_table('traject', schema=None) as batch_op:
        batch_op.add_column(sa.Column('afloscapaciteit', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('uitval', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('afgerond_op', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('traject', schema=None) as batch_op:
        batch_op.drop_column('afgerond_op')
        batch_op.drop_column('uitval')
        batch_op.drop_column('afloscapaciteit')

    with op.batch_alter_table('regeling', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regeling_status'))

    op.drop_table('regeling')
    with op.batch_alter_table('deelname', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deelname_traject_id'))
        batch_op.drop_index(batch_op.f('ix_deelname_schuldeiser_id'))
        batch_op.drop_index(batch_op.f('ix_deelname_reactie'))

    op.drop_table('deelname')
