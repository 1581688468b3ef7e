"""a bewindvoerder as a party: what they hand in with an aanmelding, and copies of money letters for them

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 12:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'aanlevering',
        sa.Column('traject_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('door', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('op', sa.DateTime(), nullable=False),
        sa.Column('inkomsten', sa.JSON(), nullable=False),
        sa.Column('vaste_lasten', sa.JSON(), nullable=False),
        sa.Column('schulden', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('traject_id'),
    )
    with op.batch_alter_table('brief') as batch:
        batch.add_column(sa.Column('kopie_van', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch.create_index('ix_brief_kopie_van', ['kopie_van'])


def downgrade() -> None:
    with op.batch_alter_table('brief') as batch:
        batch.drop_index('ix_brief_kopie_van')
        batch.drop_column('kopie_van')
    op.drop_table('aanlevering')
