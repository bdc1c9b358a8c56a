"""Prints an evaluation (the ``Evaluation.as_dict()`` form) as plain-text and markdown tables."""

from __future__ import annotations

EXTRACTION_COLUMNS = [
    ("docs", lambda e: e["documents"]),
    ("var P", lambda e: e["variants"]["precision"]),
    ("var R", lambda e: e["variants"]["recall"]),
    ("var F1", lambda e: e["variants"]["f1"]),
    ("det F1", lambda e: e["detected_variants"]["f1"]),
    ("status", lambda e: e["status"]["accuracy"]),
    ("T", lambda e: e["staging"]["t"]["accuracy"]),
    ("N", lambda e: e["staging"]["n"]["accuracy"]),
    ("M", lambda e: e["staging"]["m"]["accuracy"]),
    ("stage", lambda e: e["staging"]["stage"]["accuracy"]),
    ("histology", lambda e: e["histology"]["accuracy"]),
    ("site", lambda e: e["site"]["accuracy"]),
    ("biomarker", lambda e: e["biomarkers"]["accuracy"]),
    ("patient", lambda e: e["patient"]["accuracy"]),
]
DECISION_COLUMNS = [
    ("claims", lambda d: d["claims"]["total"]),
    ("decision acc", lambda d: d["claims"]["accuracy"]),
    ("item acc", lambda d: d["items"]["accuracy"]),
    ("codes", lambda d: d["reason_codes"]["accuracy"]),
    ("priority", lambda d: d["priority"]["accuracy"]),
    ("auto-approve", lambda d: d["auto_approval_rate"]),
    ("unsafe", lambda d: len(d["unsafe_approvals"])),
    ("errors", lambda d: d["engine_errors"]),
]


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _rows(section: dict, columns: list) -> list[list[str]]:
    return [[group] + [_cell(fn(values)) for _, fn in columns] for group, values in section.items()]


def _text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    fmt = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths))
    return "\n".join([fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows])


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def render(report: dict, markdown: bool = False) -> str:
    """Extraction by group, decisions by group, the confusion matrix and the unsafe approvals."""
    table = _markdown_table if markdown else _text_table
    parts = ["Extraction", table(["group"] + [c for c, _ in EXTRACTION_COLUMNS], _rows(report["extraction"], EXTRACTION_COLUMNS)),
             "", "Decisions", table(["group"] + [c for c, _ in DECISION_COLUMNS], _rows(report["decisions"], DECISION_COLUMNS))]
    overall = report["decisions"].get("all")
    if overall:
        confusion = overall["confusion"]
        predicted = list(next(iter(confusion.values())))
        rows = [[f"gold {g}"] + [str(confusion[g][p]) for p in predicted] for g in confusion]
        parts += ["", "Confusion (rows gold, columns predicted)", table([""] + predicted, rows)]
        unsafe = overall["unsafe_approvals"]
        parts += ["", f"Unsafe auto-approvals: {len(unsafe)}"]
        parts += [f"  {u['claim_id']}: gold {u['gold']}, predicted {u['predicted']}, items {', '.join(u['items']) or '-'}" for u in unsafe]
    spp = report.get("seconds_per_page")
    parts += ["", f"Seconds per page: {_cell(spp)} ({report['pages']} pages, {report['seconds']} s)"]
    return "\n".join(parts)
