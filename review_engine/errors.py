"""Domain exceptions and the reason-code catalogue.

Exceptions carry fields and a one-line message naming the file and the problem.
They are mapped to exit codes once, in ``cli.py`` (bad input -> 2), and to HTTP
status codes once, in the service's exception handler. No bad-input path may
produce an ``approve``.
"""

from __future__ import annotations

from enum import StrEnum


class ReasonCode(StrEnum):
    """Reason codes of CONTRACT.md section 4. Add codes; never reuse one for a new meaning."""

    INDICATED = "INDICATED"
    NON_INDICATED_TEST = "NON_INDICATED_TEST"
    DUPLICATE_TEST = "DUPLICATE_TEST"
    PANEL_EXCESS = "PANEL_EXCESS"
    BIOMARKER_NEGATIVE = "BIOMARKER_NEGATIVE"
    BIOMARKER_MISSING = "BIOMARKER_MISSING"
    STAGE_NOT_ELIGIBLE = "STAGE_NOT_ELIGIBLE"
    STAGE_MISSING = "STAGE_MISSING"
    HISTOLOGY_NOT_ELIGIBLE = "HISTOLOGY_NOT_ELIGIBLE"
    LINE_NOT_ELIGIBLE = "LINE_NOT_ELIGIBLE"
    DIAGNOSIS_MISMATCH = "DIAGNOSIS_MISMATCH"
    PATIENT_MISMATCH = "PATIENT_MISMATCH"
    LOW_CONFIDENCE = "LOW_CONFIDENCE"
    CONFLICTING_FINDINGS = "CONFLICTING_FINDINGS"
    DOCUMENT_UNREADABLE = "DOCUMENT_UNREADABLE"
    NO_RULE = "NO_RULE"
    URGENT = "URGENT"
    # Added beyond the contract's list (CHANGELOG 0.1.0): outcomes of the service's job runner.
    REVIEW_TIMEOUT = "REVIEW_TIMEOUT"
    REVIEW_FAILED = "REVIEW_FAILED"
    # Added in session 16 (CHANGELOG): gate 2 could not tie a report to the claim's patient.
    PATIENT_UNVERIFIED = "PATIENT_UNVERIFIED"


CONTRACT_REASON_CODES = frozenset(code.value for code in list(ReasonCode)[:17])
"""The codes CONTRACT.md section 4 lists; the rest of the catalogue was added after it."""

JOB_REASON_CODES = frozenset({ReasonCode.REVIEW_TIMEOUT.value, ReasonCode.REVIEW_FAILED.value})
"""Codes the service's job runner writes when no decision was made; every other code comes from decide()."""


class Problem(StrEnum):
    """Internal error codes: one message template per kind of bad input."""

    NOT_FOUND = "file not found"
    UNSUPPORTED_TYPE = "unsupported file type ({detail})"
    ENCRYPTED_PDF = "PDF is encrypted"
    CORRUPT = "file is corrupt or unreadable ({detail})"
    TRUNCATED = "file is truncated ({detail})"
    ZERO_PAGES = "document has zero pages"
    EMPTY = "document is empty (no text could be read)"
    FILE_TOO_LARGE = "file is too large ({detail})"
    IMAGE_TOO_LARGE = "image is too large: {detail} (possible decompression bomb)"
    TOO_MANY_PAGES = "document has too many pages ({detail})"
    INVALID_CLAIM = "claim is invalid: {detail}"
    INVALID_JSON = "not valid JSON: {detail}"
    NOT_UTF8 = "text file is not UTF-8 ({detail})"


class ReviewEngineError(Exception):
    """Base of every error the engine raises on purpose."""


class BadInputError(ReviewEngineError):
    """Input the engine refuses: exit 2 on the CLI, 4xx in the service."""

    problem: Problem = Problem.CORRUPT

    def __init__(self, path: str, detail: str = "", problem: Problem | None = None) -> None:
        self.path = str(path)
        self.detail = detail
        if problem is not None:
            self.problem = problem
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = self.problem.value
        if "{detail}" in text:
            text = text.format(detail=self.detail).replace(" ()", "")
        elif self.detail:
            text = f"{text} ({self.detail})"
        # One line, always: a hostile detail must not smuggle newlines into stderr or logs.
        return " ".join(f"{self.path}: {text}".split())


class DocumentNotFoundError(BadInputError):
    problem = Problem.NOT_FOUND


class UnsupportedFileTypeError(BadInputError):
    problem = Problem.UNSUPPORTED_TYPE


class EncryptedPdfError(BadInputError):
    problem = Problem.ENCRYPTED_PDF


class CorruptDocumentError(BadInputError):
    problem = Problem.CORRUPT


class TruncatedDocumentError(BadInputError):
    problem = Problem.TRUNCATED


class ZeroPagesError(BadInputError):
    problem = Problem.ZERO_PAGES


class EmptyDocumentError(BadInputError):
    problem = Problem.EMPTY


class FileTooLargeError(BadInputError):
    problem = Problem.FILE_TOO_LARGE


class ImageTooLargeError(BadInputError):
    problem = Problem.IMAGE_TOO_LARGE


class TooManyPagesError(BadInputError):
    problem = Problem.TOO_MANY_PAGES


class ClaimValidationError(BadInputError):
    problem = Problem.INVALID_CLAIM


class KnowledgeError(ReviewEngineError):
    """A guideline/vocabulary data file failed validation: names the file and line."""

    def __init__(self, file: str, problem: str, line: int | None = None) -> None:
        self.file = str(file)
        self.line = line
        self.problem = problem
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {problem}")


class NotAvailableError(ReviewEngineError):
    """A command or engine that this installation does not provide (yet)."""
