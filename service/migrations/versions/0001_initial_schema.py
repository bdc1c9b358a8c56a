"""initial schema: claims, documents, jobs, reviews, decisions, tokens, audit

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 01:26:20.425851
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('provider_id', sa.String(length=128), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    # The chain head exists from the start, so concurrent first appends never race to create it.
    op.bulk_insert(
        sa.table('audit_head', sa.column('id', sa.Integer), sa.column('seq', sa.Integer),
                 sa.column('last_hash', sa.String)),
        [{'id': 1, 'seq': 0, 'last_hash': '0' * 64}],
    )
    op.create_table('audit_log',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=256), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    op.create_table('claim_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.String(length=128), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.String(length=128), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('claim_json', sa.JSON(), nullable=False),
    sa.Column('patient_key', sa.String(length=64), nullable=True),
    sa.Column('service_date', sa.String(length=10), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('icd10', sa.String(length=512), nullable=False),
    sa.Column('drugs', sa.String(length=1024), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('submitted_by', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=True),
    sa.Column('risk', sa.String(length=8), nullable=True),
    sa.Column('priority', sa.String(length=8), nullable=True),
    sa.Column('final_decision', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['submitted_by'], ['api_tokens.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('claim_id', 'version', name='uq_claim_version')
    )
    with op.batch_alter_table('claim_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_versions_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_versions_decision'), ['decision'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_versions_patient_key'), ['patient_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_versions_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_versions_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_versions_submitted_at'), ['submitted_at'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_pk', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('path', sa.String(length=512), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_pk'], ['claim_versions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('claim_pk', 'doc_id', name='uq_document')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_claim_pk'), ['claim_pk'], unique=False)

    op.create_table('human_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_pk', sa.Integer(), nullable=False),
    sa.Column('token_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('override', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claim_pk'], ['claim_versions.id'], ),
    sa.ForeignKeyConstraint(['token_id'], ['api_tokens.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('human_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_human_decisions_claim_pk'), ['claim_pk'], unique=False)

    op.create_table('jobs',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('claim_pk', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('worker', sa.String(length=128), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['claim_pk'], ['claim_versions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('claim_pk')
    )
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jobs_state'), ['state'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.String(length=36), nullable=False),
    sa.Column('claim_pk', sa.Integer(), nullable=False),
    sa.Column('result_json', sa.JSON(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('worker', sa.String(length=128), nullable=True),
    sa.ForeignKeyConstraint(['claim_pk'], ['claim_versions.id'], ),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('claim_pk'),
    sa.UniqueConstraint('job_id')
    )


def downgrade() -> None:
    op.drop_table('reviews')
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jobs_state'))

    op.drop_table('jobs')
    with op.batch_alter_table('human_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_human_decisions_claim_pk'))

    op.drop_table('human_decisions')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_claim_pk'))

    op.drop_table('documents')
    with op.batch_alter_table('claim_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_versions_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_claim_versions_state'))
        batch_op.drop_index(batch_op.f('ix_claim_versions_provider_id'))
        batch_op.drop_index(batch_op.f('ix_claim_versions_patient_key'))
        batch_op.drop_index(batch_op.f('ix_claim_versions_decision'))
        batch_op.drop_index(batch_op.f('ix_claim_versions_claim_id'))

    op.drop_table('claim_versions')
    op.drop_table('audit_log')
    op.drop_table('audit_head')
    op.drop_table('api_tokens')
