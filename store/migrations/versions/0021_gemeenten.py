"""several gemeenten in one installation: the register, and the gemeente of each traject

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 13:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'gemeente',
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('naam', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('adres', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('telefoon', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('postcodes', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('code'),
    )
    with op.batch_alter_table('traject') as batch:
        batch.add_column(sa.Column('gemeentecode', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch.create_index('ix_traject_gemeentecode', ['gemeentecode'])


def downgrade() -> None:
    with op.batch_alter_table('traject') as batch:
        batch.drop_index('ix_traject_gemeentecode')
        batch.drop_column('gemeentecode')
    op.drop_table('gemeente')
