"""Structured (JSON lines) logs. Messages carry ids of jobs and rows, never claim contents:
no patient name, patient id or document text is ever passed to a log call in the service."""

from __future__ import annotations

import json
import logging
import sys

# Fields a log call may attach with ``extra=``; anything else is dropped, so a careless
# extra cannot leak claim contents into the logs.
ALLOWED_EXTRAS = ("job_id", "claim_pk", "attempt", "outcome", "decision", "error", "method", "route",
                  "status", "ms", "worker")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
                 "logger": record.name, "msg": record.getMessage()}
        entry.update({k: getattr(record, k) for k in ALLOWED_EXTRAS if hasattr(record, k)})
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str = "INFO") -> None:
    """Send the service's logs to stderr as JSON lines (idempotent)."""
    logger = logging.getLogger("service")
    if any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
