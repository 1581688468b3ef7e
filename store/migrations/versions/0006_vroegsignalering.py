"""vroegsignalering

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 04:54:23.788009
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signalering',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('huishouden_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('geopend_op', sa.Date(), nullable=False),
    sa.Column('route', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('pogingen', sa.JSON(), nullable=False),
    sa.Column('huisbezoek_gevraagd_op', sa.Date(), nullable=True),
    sa.Column('uitkomst', sa.JSON(), nullable=True),
    sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('afgesloten_op', sa.Date(), nullable=True),
    sa.Column('verwijderd_op', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('signalering', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signalering_geopend_op'), ['geopend_op'], unique=False)
        batch_op.create_index(batch_op.f('ix_signalering_huishouden_id'), ['huishouden_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signalering_status'), ['status'], unique=False)

    op.create_table('bericht',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kanaal', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('soort', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('verstuurd_op', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['signalering.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('bericht', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bericht_case_id'), ['case_id'], unique=False)

    op.create_table('signaal',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('partner_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('soort', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ontvangen_op', sa.Date(), nullable=False),
    sa.Column('datum', sa.Date(), nullable=False),
    sa.Column('achterstand_cent', sa.Integer(), nullable=False),
    sa.Column('achterstand_maanden', sa.Integer(), nullable=False),
    sa.Column('crisis', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('dedupe_key', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('partner_kenmerk', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('bsn', sqlmodel.sql.sqltypes.AutoString(length=9), nullable=True),
    sa.Column('naam', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('straat', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('postcode', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('woonplaats', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('telefoon', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('ontruimingsdatum', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['signalering.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedupe_key')
    )
    with op.batch_alter_table('signaal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signaal_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signaal_ontvangen_op'), ['ontvangen_op'], unique=False)
        batch_op.create_index(batch_op.f('ix_signaal_partner_id'), ['partner_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('signaal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signaal_partner_id'))
        batch_op.drop_index(batch_op.f('ix_signaal_ontvangen_op'))
        batch_op.drop_index(batch_op.f('ix_signaal_case_id'))

    op.drop_table('signaal')
    with op.batch_alter_table('bericht', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bericht_case_id'))

    op.drop_table('bericht')
    with op.batch_alter_table('signalering', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signalering_status'))
        batch_op.drop_index(batch_op.f('ix_signalering_huishouden_id'))
        batch_op.drop_index(batch_op.f('ix_signalering_geopend_op'))

    op.drop_table('signalering')
