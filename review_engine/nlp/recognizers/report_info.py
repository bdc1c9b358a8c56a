"""Report facts: report date (ISO), lab, method, panel size, specimen, and critical wording.

Patterns and vocabularies are data (``knowledge/nlp/patient/report_info.yaml``). A date is the
report's date only under a report-date label (报告日期, Report Date); a bare 日期/Date label gives a
weak reading, and sampling or receipt dates are never read as the report date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from review_engine.nlp import load_knowledge
from review_engine.nlp.mentions import Mention
from review_engine.nlp.recognizers.scan import (
    TriggeredPattern,
    TriggerScan,
    compile_pattern,
    trigger_regex,
)

# A report states these a few times; past this many matches the text is hostile.
MAX_MATCHES = 200
_WHERE = "knowledge/nlp/patient/report_info.yaml"


@dataclass(frozen=True)
class _Vocabulary:
    """A labelled and a bare reading of one controlled vocabulary (method, specimen)."""

    labelled: TriggeredPattern
    bare: TriggeredPattern
    values: dict[str, re.Pattern[str]]
    not_the_specimen: frozenset[str] = frozenset()

    def value_of(self, surface: str) -> str:
        return next(v for v, regex in self.values.items() if regex.fullmatch(surface))


def _compile(source: str) -> re.Pattern[str]:
    return compile_pattern(source, _WHERE, re.IGNORECASE)


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return load_knowledge("patient/report_info.yaml")


def _named(spec: dict[str, Any], source: str | None = None) -> TriggeredPattern:
    return TriggeredPattern.from_spec(spec, _compile(source or spec["regex"]))


def _alternation(forms: list[str]) -> str:
    return "|".join(f"(?:{f})" for f in sorted(forms, key=len, reverse=True))


def _scan(scan: TriggerScan, named: TriggeredPattern) -> list[re.Match[str]]:
    return named.matches(scan, MAX_MATCHES)


def _mention(field: str, value: Any, match: re.Match[str], named: TriggeredPattern, **attrs: Any) -> Mention:
    return Mention(field, value, match.start(), match.end(), named.score, named.name, attrs=attrs)


# ------------------------------------------------------------------ date


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[TriggeredPattern, ...]:
    data = _data()
    return tuple(
        _named(spec, spec["label"] + f"(?:{fmt})")
        for spec in data["date"]
        for fmt in data["date_formats"]
    )


def iso_date(match: re.Match[str]) -> str | None:
    """ISO date from a match with year/month/day groups (month as number or English name)."""
    month_raw = match.group("month")
    month = (
        int(month_raw)
        if month_raw.isdigit()
        else _data()["months"].get(month_raw.lower()[:4].rstrip("."))
    )
    month = month if month is not None else _data()["months"].get(month_raw.lower()[:3])
    try:
        return dt.date(
            int(match.group("year")), int(month or 0), int(match.group("day"))
        ).isoformat()
    except ValueError:
        return None


def _dates(scan: TriggerScan) -> list[Mention]:
    mentions, taken = [], set()
    for named in _date_patterns():
        for match in _scan(scan, named):
            value = iso_date(match)
            if value and match.start("year") not in taken:
                taken.add(match.start("year"))
                mentions.append(_mention("report.date", value, match, named))
    return mentions


# ------------------------------------------------------------------ lab, panel size, critical


@lru_cache(maxsize=1)
def _lab_patterns() -> tuple[TriggeredPattern, ...]:
    stop = _data()["lab_stop_labels"]
    return tuple(_named(spec, spec["regex"].replace("{labels}", stop)) for spec in _data()["lab"])


def _labs(scan: TriggerScan) -> list[Mention]:
    mentions = []
    for named in _lab_patterns():
        for match in _scan(scan, named):
            value = match.group("value").strip(" ：:")
            if len(value) >= 2:
                mentions.append(
                    Mention(
                        "report.lab",
                        value,
                        match.start("value"),
                        match.start("value") + len(value),
                        named.score,
                        named.name,
                    )
                )
    return mentions


@lru_cache(maxsize=1)
def _panel_patterns() -> tuple[TriggeredPattern, ...]:
    return tuple(_named(spec) for spec in _data()["panel_size"])


def _panel_sizes(scan: TriggerScan) -> list[Mention]:
    mentions, taken = [], set()
    for named in _panel_patterns():
        for match in _scan(scan, named):
            if match.start("value") not in taken and int(match.group("value")) >= 2:
                taken.add(match.start("value"))
                mentions.append(
                    _mention("report.panel_size", int(match.group("value")), match, named)
                )
    return mentions


@lru_cache(maxsize=1)
def _critical_pattern() -> TriggeredPattern:
    return _named(_data()["critical"])


def _critical(scan: TriggerScan) -> list[Mention]:
    named = _critical_pattern()
    return [_mention("critical", True, match, named) for match in _scan(scan, named)]


# ------------------------------------------------------------------ method, specimen


@lru_cache(maxsize=2)
def _vocabulary(key: str) -> _Vocabulary:
    spec = _data()[key]
    forms = _alternation([f for forms in spec["values"].values() for f in forms])
    labelled = TriggeredPattern(
        spec["labelled_name"],
        float(spec["labelled_score"]),
        _compile(f"{spec['label']}(?P<value>{forms})"),
        trigger_regex(spec["label_triggers"]),
    )
    bare = TriggeredPattern(
        spec["bare_name"],
        float(spec["bare_score"]),
        _compile(f"(?P<value>{forms})"),
        trigger_regex(spec["triggers"]),
    )
    values = {value: _compile(_alternation(f)) for value, f in spec["values"].items()}
    return _Vocabulary(labelled, bare, values, frozenset(spec.get("not_the_specimen", ())))


def _vocabulary_mentions(scan: TriggerScan, key: str, field: str) -> list[Mention]:
    """Labelled readings first; a bare word inside a labelled reading is not read again. A value that names what
    is not the specimen ('外周血（对照）') is read and dropped, so the tissue beside it is the specimen."""
    vocab = _vocabulary(key)
    mentions, taken = [], set()
    for named in (vocab.labelled, vocab.bare):
        for match in _scan(scan, named):
            if match.start("value") in taken:
                continue
            taken.add(match.start("value"))
            value = vocab.value_of(match.group("value"))
            if value in vocab.not_the_specimen:
                continue
            start = match.start() if named is vocab.labelled else match.start("value")
            mentions.append(
                Mention(field, value, start, match.end("value"), named.score, named.name)
            )
    return mentions


def find(text: str) -> list[Mention]:
    """Report date, lab, method, panel size, specimen and critical-wording mentions, in text order."""
    scan = TriggerScan(text)
    mentions = (
        _dates(scan)
        + _labs(scan)
        + _vocabulary_mentions(scan, "method", "report.method")
        + _panel_sizes(scan)
        + _vocabulary_mentions(scan, "specimen", "report.specimen")
        + _critical(scan)
    )
    return sorted(mentions, key=lambda m: (m.start, m.field))
