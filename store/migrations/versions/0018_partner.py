"""a traject for a couple: the partner and co-debtor, and whose debt each claim is

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 10:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('partner_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch.create_index('ix_traject_partner_id', ['partner_id'])
        batch.create_foreign_key('fk_traject_partner_id_persoon', 'persoon', ['partner_id'], ['id'])
    with op.batch_alter_table('vordering') as batch:
        batch.add_column(sa.Column('debiteur', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='client'))


def downgrade() -> None:
    with op.batch_alter_table('vordering') as batch:
        batch.drop_column('debiteur')
    with op.batch_alter_table('traject') as batch:
        batch.drop_constraint('fk_traject_partner_id_persoon', type_='foreignkey')
        batch.drop_index('ix_traject_partner_id')
        batch.drop_column('partner_id')
