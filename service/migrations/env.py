"""Alembic environment: runs migrations on the engine handed over by service.store.db.migrate."""

from __future__ import annotations

from alembic import context

from service.store.models import Base

target_metadata = Base.metadata


def run_migrations() -> None:
    engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        context.run_migrations()


run_migrations()
