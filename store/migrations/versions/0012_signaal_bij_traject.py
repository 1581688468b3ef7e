"""a signal about a person with a running traject goes to that traject's caseworker instead of a new case

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 07:40:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('signaal') as batch:
        batch.add_column(sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch.create_index(batch.f('ix_signaal_traject_id'), ['traject_id'], unique=False)
        batch.create_foreign_key('fk_signaal_traject_id_traject', 'traject', ['traject_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('signaal') as batch:
        batch.drop_constraint('fk_signaal_traject_id_traject', type_='foreignkey')
        batch.drop_index(batch.f('ix_signaal_traject_id'))
        batch.drop_column('traject_id')
