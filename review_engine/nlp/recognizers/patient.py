"""Patient identity on a report: name, patient/hospital ID, sex, age.

Patterns are data (``knowledge/nlp/patient/patient.yaml``). A patient ID comes only from a patient
or hospital label (住院号, 病案号, MRN, Patient ID); pathology, specimen and report numbers name the
specimen, and reading one as the patient's ID would make every claim look like another patient's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from review_engine.nlp import knowledge_path, load_knowledge
from review_engine.nlp.mentions import Mention
from review_engine.nlp.recognizers.scan import (
    TriggeredPattern,
    TriggerScan,
    compile_pattern,
)

# A report names its patient a few times; past this many matches the text is hostile.
MAX_MATCHES = 200
# A Chinese name a printed form spaced out character by character ('李 明', '欧 阳 明').
_SPACED_CJK_NAME = re.compile(r"[\u4e00-\u9fa5·](?:[ \u3000]{1,2}[\u4e00-\u9fa5·])+")


@dataclass(frozen=True)
class _Patterns:
    fields: dict[str, tuple[TriggeredPattern, ...]]
    label_cut: re.Pattern[str]
    sex_values: dict[str, str]
    age_range: tuple[int, int]


def _compile(source: str, where: str) -> re.Pattern[str]:
    return compile_pattern(source, where, re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    path = knowledge_path("patient/patient.yaml")
    data = load_knowledge("patient/patient.yaml")
    fields = {
        key: tuple(
            TriggeredPattern.from_spec(p, _compile(p["regex"], str(path)))
            for p in data[key]
        )
        for key in ("name", "id", "sex", "age")
    }
    low, high = data["age_range"]
    return _Patterns(
        fields,
        _compile(f"(?:{data['field_labels']})", str(path)),
        {str(k).lower(): str(v) for k, v in data["sex_values"].items()},
        (int(low), int(high)),
    )


def _value_cut_at_label(value: str, tail: str = "") -> str:
    """'张伟性别' -> '张伟', 'Martin\tSex' + ': M' -> 'Martin': a name written against the next label.
    ``tail`` is the text just after the value: an English label is one only before its colon."""
    cut = _patterns().label_cut.search(value + tail)
    return value[: cut.start()] if cut and cut.start() < len(value) else value


def _normalised(field: str, raw: str, tail: str = "") -> Any:
    """The canonical value of one field, or None when the raw text is not one."""
    p = _patterns()
    if field == "name":
        value = _value_cut_at_label(raw, tail).strip(" ,\t\u3000")
        if _SPACED_CJK_NAME.fullmatch(value):
            value = re.sub(r"[ \u3000]", "", value)  # '李 明' as a form justifies it is 李明
        is_label = _value_cut_at_label(value, tail if value == raw else "") == ""  # "Name: Sex: M"
        return value if len(value) >= 2 and not is_label else None
    if field == "sex":
        return p.sex_values.get(raw.lower())
    if field == "age":
        age = int(raw)
        return age if p.age_range[0] <= age <= p.age_range[1] else None
    return raw


def _field_mentions(scan: TriggerScan, field: str) -> list[Mention]:
    mentions, taken = [], set()
    for named in _patterns().fields[field]:
        for match in named.matches(scan, MAX_MATCHES):
            value = _normalised(field, match.group("value"), match.string[match.end("value"): match.end("value") + 2])
            if value is None or match.start("value") in taken:
                continue
            taken.add(match.start("value"))
            end = match.start("value") + len(str(value)) if field == "name" else match.end()
            mentions.append(
                Mention(f"patient.{field}", value, match.start(), end, named.score, named.name)
            )
    return mentions


def find(text: str) -> list[Mention]:
    """Patient name, ID, sex and age mentions in a report, in text order."""
    scan = TriggerScan(text)
    mentions = [m for field in ("name", "id", "sex", "age") for m in _field_mentions(scan, field)]
    return sorted(mentions, key=lambda m: (m.start, m.field))
