"""whether the traject itself counts its overview of the debts complete, so what readers see is what its
workflow decides a proposal on; existing rows take it from their requests

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 07:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('overzicht_compleet', sa.Boolean(), nullable=False, server_default=sa.false()))
    # A traject whose every request was answered had that counted by its workflow long ago.
    op.execute(
        sa.text(
            "UPDATE traject SET overzicht_compleet = :ja"
            " WHERE EXISTS (SELECT 1 FROM verzoek WHERE verzoek.traject_id = traject.id)"
            " AND NOT EXISTS (SELECT 1 FROM verzoek WHERE verzoek.traject_id = traject.id AND verzoek.status = 'open')"
        ).bindparams(ja=True)
    )


def downgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.drop_column('overzicht_compleet')
