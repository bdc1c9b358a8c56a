"""The append-only, hash-chained audit log.

Each record's hash covers its own fields and the previous record's hash, so editing any
record breaks its hash, deleting one breaks the next record's link (and the sequence), and
deleting the newest ones no longer matches the chain head kept in ``audit_head``. A record is
appended in the same transaction as the change it records: no decision without its entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.store.models import AuditHead, AuditRecord

GENESIS_HASH = "0" * 64
HEAD_ID = 1


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    records: int
    broken_seq: int | None = None
    problem: str | None = None

    def line(self) -> str:
        if self.ok:
            return "ok"
        return f"broken at record {self.broken_seq}: {self.problem}"


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def record_hash(seq: int, at: str, actor: str, action: str, subject: str, payload: str, prev: str) -> str:
    body = canonical_json([seq, at, actor, action, subject, payload, prev])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(session: Session, *, actor: str, action: str, subject: str, payload: dict[str, Any]) -> AuditRecord:
    """Add one record to the chain inside the caller's transaction.

    The head row is updated first: that write lock serialises appenders on SQLite and
    PostgreSQL alike, so two writers never chain onto the same predecessor.
    """
    _ensure_head(session)
    session.execute(update(AuditHead).where(AuditHead.id == HEAD_ID).values(seq=AuditHead.seq + 1))
    head = session.execute(select(AuditHead).where(AuditHead.id == HEAD_ID)).scalar_one()
    session.refresh(head)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    body = canonical_json(payload)
    digest = record_hash(head.seq, at, actor, action, subject, body, head.last_hash)
    record = AuditRecord(
        seq=head.seq, at=at, actor=actor, action=action, subject=subject,
        payload=body, prev_hash=head.last_hash, hash=digest,
    )
    session.add(record)
    head.last_hash = digest
    session.flush()
    return record


def _ensure_head(session: Session) -> None:
    if session.get(AuditHead, HEAD_ID) is None:
        session.add(AuditHead(id=HEAD_ID, seq=0, last_hash=GENESIS_HASH))
        session.flush()


def verify(session: Session) -> ChainReport:
    """Walk the chain from the first record; report the first record that does not hold."""
    expected_prev, expected_seq, count = GENESIS_HASH, 1, 0
    for record in session.execute(select(AuditRecord).order_by(AuditRecord.seq)).scalars():
        problem = _check_record(record, expected_seq, expected_prev)
        if problem:
            return ChainReport(False, count, record.seq, problem)
        expected_prev, expected_seq, count = record.hash, record.seq + 1, count + 1
    head = session.get(AuditHead, HEAD_ID)
    head_seq, head_hash = (head.seq, head.last_hash) if head else (0, GENESIS_HASH)
    if head_seq != count or head_hash != expected_prev:
        return ChainReport(False, count, count + 1, f"chain ends at record {count} but its head says {head_seq}: records deleted")
    return ChainReport(True, count)


def _check_record(record: AuditRecord, expected_seq: int, expected_prev: str) -> str | None:
    if record.seq != expected_seq:
        return f"record {expected_seq} is missing (deleted)"
    if record.prev_hash != expected_prev:
        return "link to the previous record does not match (previous record edited or deleted)"
    actual = record_hash(record.seq, record.at, record.actor, record.action, record.subject, record.payload, record.prev_hash)
    if actual != record.hash:
        return "contents do not match the record's hash (edited)"
    return None
