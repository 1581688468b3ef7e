"""every ending recorded as what it is: the caseworker's ending and the objection term of an ending

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('afsluiting', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('einde_besluit_op', sa.Date(), nullable=True))
        batch.add_column(sa.Column('einde_bezwaar_uiterlijk', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.drop_column('einde_bezwaar_uiterlijk')
        batch.drop_column('einde_besluit_op')
        batch.drop_column('afsluiting')
