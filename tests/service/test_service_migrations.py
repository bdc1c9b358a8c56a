"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from service import audit
from service.store.db import get_engine, migrate, session_scope
from service.store.models import AuditHead, Base


def test_service_migrations_match_models(database_url):
    migrate(database_url)
    with get_engine(database_url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_service_migrations_are_rerunnable_and_seed_the_chain_head(database_url):
    migrate(database_url)
    migrate(database_url)  # every start migrates: a second run must change nothing
    with session_scope(database_url) as session:
        heads = session.execute(select(AuditHead)).scalars().all()
        assert [(h.seq, h.last_hash) for h in heads] == [(0, audit.GENESIS_HASH)]
        assert audit.verify(session).ok
