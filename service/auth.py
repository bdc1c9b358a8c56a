"""Bearer tokens with roles; only their sha256 is stored.

Tokens are 256-bit random strings, so a plain sha256 is enough at rest (no dictionary to
attack); the first characters are kept to tell tokens apart in the audit log.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import audit
from service.store.models import ApiToken

Role = Literal["hospital", "reviewer", "mdt", "admin"]
ROLES: tuple[str, ...] = ("hospital", "reviewer", "mdt", "admin")
TOKEN_PREFIX = "ret_"
VISIBLE_PREFIX_CHARS = 10


class TokenError(ValueError):
    """A token request that cannot be honoured (unknown role, hospital without provider)."""


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's id, role and (for hospitals) provider."""

    token_id: int
    role: str
    provider_id: str | None
    prefix: str

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.prefix}"

    def sees_provider(self, provider_id: str) -> bool:
        return self.role != "hospital" or provider_id == self.provider_id


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, *, role: str, provider_id: str | None, actor: str = "cli") -> str:
    """Store a new token's hash and return the token itself (shown once, never stored)."""
    if role not in ROLES:
        raise TokenError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if role == "hospital" and not provider_id:
        raise TokenError("a hospital token needs --provider (the provider.id its claims carry)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        token_hash=hash_token(token), prefix=token[:VISIBLE_PREFIX_CHARS], role=role,
        provider_id=provider_id if role == "hospital" else None,
    )
    session.add(row)
    session.flush()
    audit.append(session, actor=actor, action="token.created", subject=f"token:{row.id}",
                 payload={"role": role, "provider_id": row.provider_id, "prefix": row.prefix})
    return token


def authenticate(session: Session, token: str) -> Principal | None:
    """The principal behind ``token``, or None for an unknown or revoked one."""
    row = session.execute(select(ApiToken).where(ApiToken.token_hash == hash_token(token))).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    return Principal(token_id=row.id, role=row.role, provider_id=row.provider_id, prefix=row.prefix)
