"""dossier tables

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 22:18:00.054636
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('auditentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditentry_traject_id'), ['traject_id'], unique=False)

    op.create_table('persoon',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('bsn', sqlmodel.sql.sqltypes.AutoString(length=9), nullable=False),
    sa.Column('naam', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('straat', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('postcode', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('woonplaats', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('telefoon', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('persoon', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persoon_bsn'), ['bsn'], unique=False)

    op.create_table('traject',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('persoon_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('phase', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phase_since', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('closed_after', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('caseworker', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('bron', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('crisis', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('kinderen', sa.Boolean(), nullable=False),
    sa.Column('meldingsdatum', sa.Date(), nullable=False),
    sa.Column('afspraak_op', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('afspraak_locatie', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('first_conversation_due', sa.Date(), nullable=False),
    sa.Column('first_conversation_on', sa.Date(), nullable=True),
    sa.Column('beschikking_due', sa.Date(), nullable=True),
    sa.Column('beschikking_on', sa.Date(), nullable=True),
    sa.Column('deadline_breached', sa.Boolean(), nullable=False),
    sa.Column('breaches', sa.JSON(), nullable=False),
    sa.Column('next_deadline', sa.Date(), nullable=True),
    sa.Column('klantprofiel', sa.JSON(), nullable=True),
    sa.Column('inkomenscheck', sa.JSON(), nullable=True),
    sa.Column('actielijst', sa.JSON(), nullable=False),
    sa.Column('beschikking', sa.JSON(), nullable=True),
    sa.Column('plan_van_aanpak', sa.JSON(), nullable=True),
    sa.Column('eerdere_trajecten', sa.JSON(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['persoon_id'], ['persoon.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('traject', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_traject_caseworker'), ['caseworker'], unique=False)
        batch_op.create_index(batch_op.f('ix_traject_deadline_breached'), ['deadline_breached'], unique=False)
        batch_op.create_index(batch_op.f('ix_traject_next_deadline'), ['next_deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_traject_persoon_id'), ['persoon_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_traject_phase'), ['phase'], unique=False)

    op.create_table('brief',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('onderwerp', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['traject.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('brief', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_brief_traject_id'), ['traject_id'], unique=False)

    op.create_table('trajectevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['traject.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('trajectevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trajectevent_traject_id'), ['traject_id'], unique=False)

    op.create_table('outboxentry',
    sa.Column('brief_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['brief_id'], ['brief.id'], ),
    sa.PrimaryKeyConstraint('brief_id')
    )
    with op.batch_alter_table('outboxentry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outboxentry_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outboxentry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outboxentry_status'))

    op.drop_table('outboxentry')
    with op.batch_alter_table('trajectevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trajectevent_traject_id'))

    op.drop_table('trajectevent')
    with op.batch_alter_table('brief', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_brief_traject_id'))

    op.drop_table('brief')
    with op.batch_alter_table('traject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_traject_phase'))
        batch_op.drop_index(batch_op.f('ix_traject_persoon_id'))
        batch_op.drop_index(batch_op.f('ix_traject_next_deadline'))
        batch_op.drop_index(batch_op.f('ix_traject_deadline_breached'))
        batch_op.drop_index(batch_op.f('ix_traject_caseworker'))

    op.drop_table('traject')
    with op.batch_alter_table('persoon', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persoon_bsn'))

    op.drop_table('persoon')
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditentry_traject_id'))

    op.drop_table('auditentry')
