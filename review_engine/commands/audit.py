"""``review-engine audit verify``: check the service store's hash-chained audit log."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="check the service's audit log")
    actions = parser.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="print ok (exit 0) or the first broken record (exit 1)")
    verify.set_defaults(func=handle_verify)


def handle_verify(args: argparse.Namespace) -> int:
    from service import audit
    from service.config import load_config
    from service.store.db import migrate, session_scope

    config = load_config()
    migrate(config.database_url)
    with session_scope(config.database_url) as session:
        report = audit.verify(session)
    print(report.line())
    return 0 if report.ok else 1
