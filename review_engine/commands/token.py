"""``review-engine token create --role R [--provider ID]``: a service API token, printed once."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("token", help="manage the service's API tokens")
    actions = parser.add_subparsers(dest="token_action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="create a token (only its hash is stored)")
    create.add_argument("--role", required=True, choices=["hospital", "reviewer", "mdt", "admin"])
    create.add_argument("--provider", default=None, help="provider.id of the hospital (hospital role)")
    create.set_defaults(func=handle_create)


def handle_create(args: argparse.Namespace) -> int:
    from service.auth import TokenError, create_token
    from service.config import load_config
    from service.store.db import migrate, session_scope

    config = load_config()
    migrate(config.database_url)
    try:
        with session_scope(config.database_url) as session:
            token = create_token(session, role=args.role, provider_id=args.provider, actor="cli:token")
    except TokenError as exc:
        print(f"review-engine: error: {exc}", file=sys.stderr)
        return 2
    print(token)
    return 0
