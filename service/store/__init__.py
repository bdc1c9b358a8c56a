"""Durable state: SQLAlchemy tables, sessions, a content-addressed file store, and crud."""
