"""Biomarker results: MSI, MMR, TMB, PD-L1 (TPS, CPS, clone), HER2 (IHC, ISH), ER/PR, Ki-67.

Patterns and cut-offs are data (``knowledge/nlp/biomarkers/patterns.yaml``). Each family has one
small reader; values are canonical as CONTRACT.md section 3 says (``MSI-H``, ``dMMR``, ``3+``,
``amplified``, ``{"status": "low_positive", "percent": 5.0}``, percent numbers as floats).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from review_engine.nlp import load_knowledge
from review_engine.nlp.mentions import Mention, replace_mention
from review_engine.nlp.recognizers.scan import (
    TriggerScan,
    compile_pattern,
    literal_words,
    trigger_regex,
)

# A report states each biomarker a few times; past this many matches the text is hostile.
MAX_MATCHES = 500
_FLAGS = re.IGNORECASE
_WHERE = "knowledge/nlp/biomarkers/patterns.yaml"


@dataclass(frozen=True)
class _Named:
    name: str
    score: float
    regex: re.Pattern[str]


def _compile(source: str) -> re.Pattern[str]:
    return compile_pattern(source, _WHERE, _FLAGS)


def _alternation(forms: list[str]) -> str:
    return "|".join(f"(?:{form})" for form in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return load_knowledge("biomarkers/patterns.yaml")


def _expand(source: str) -> str:
    fragments = _data()["fragments"]
    for key, value in fragments.items():
        source = source.replace("{" + key + "}", value)
    return source


def _named(spec: dict[str, Any], **extra: str) -> _Named:
    source = _expand(spec["regex"])
    for key, value in extra.items():
        source = source.replace("{" + key + "}", value)
    return _Named(spec["name"], float(spec["score"]), _compile(source))


@lru_cache(maxsize=1)
def _triggers() -> dict[str, re.Pattern[str]]:
    return {family: trigger_regex(words) for family, words in _data()["triggers"].items()}


def _matches(regex: re.Pattern[str], report: TriggerScan, family: str) -> list[re.Match[str]]:
    """Non-overlapping matches of a family's pattern, each starting at one of its trigger words."""
    return report.matches(regex, _triggers()[family], limit=MAX_MATCHES)


def _mention(field: str, value: Any, match: re.Match[str], named: _Named, **attrs: Any) -> Mention:
    return Mention(field, value, match.start(), match.end(), named.score, named.name, attrs=attrs)


# ------------------------------------------------------------------ MSI and MMR


@lru_cache(maxsize=1)
def _value_tables() -> dict[str, tuple[_Named, dict[str, re.Pattern[str]]]]:
    tables = {}
    for family in ("msi", "mmr"):
        spec = _data()[family]
        values = {value: _compile(_alternation(forms)) for value, forms in spec["values"].items()}
        whole = _compile(_alternation([f for forms in spec["values"].values() for f in forms]))
        tables[family] = (_Named(spec["name"], float(spec["score"]), whole), values)
    return tables


def _status_values(report: TriggerScan, family: str) -> list[Mention]:
    named, values = _value_tables()[family]
    negated_as = _data()[family].get("negated_as", {})
    mentions = []
    for match in _matches(named.regex, report, family):
        value = next(v for v, regex in values.items() if regex.fullmatch(match.group(0)))
        negation = _negation(report.text, match)
        if negation is None:
            mentions.append(_mention(f"biomarkers.{family}", value, match, named))
        elif value in negated_as:
            # 'MSI-H: 阴性' says the tumour is not MSI-H: the value the policy tells from it, the words as evidence
            mentions.append(Mention(f"biomarkers.{family}", negated_as[value], min(match.start(), negation[0]),
                                    max(match.end(), negation[1]), named.score, named.name,
                                    attrs={"negated": value}))
    return mentions


@lru_cache(maxsize=1)
def _negation_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    spec = _data()["status_negation"]
    after = _compile(spec["joined"] + spec["gloss"] + spec["after"])
    return after, _compile(spec["before"])


def _negation(text: str, match: re.Match[str]) -> tuple[int, int] | None:
    """The span of the words that negate a status value ('MSI-H/dMMR：未检出', '未检测到MSI-H'), else None."""
    after, before = _negation_patterns()
    found = after.match(text, match.end())
    if found:
        return match.end(), found.end()
    lead = before.search(text[max(0, match.start() - 12):match.start()])
    return (match.start() - len(lead.group(0)), match.start()) if lead else None


@lru_cache(maxsize=1)
def _mmr_protein() -> tuple[_Named, dict[str, re.Pattern[str]]]:
    spec = _data()["mmr"]
    statuses = spec["statuses"]
    alternation = _alternation([f for forms in statuses.values() for f in forms])
    source = spec["protein_regex"].replace("{statuses}", alternation)
    kinds = {kind: _compile(_alternation(forms)) for kind, forms in statuses.items()}
    return _Named(spec["protein_name"], float(spec["protein_score"]), _compile(source)), kinds


def _mmr_from_proteins(report: TriggerScan) -> list[Mention]:
    """Any lost protein = dMMR; MLH1, MSH2, MSH6 and PMS2 all retained = pMMR."""
    named, kinds = _mmr_protein()
    seen: dict[str, tuple[str, re.Match[str]]] = {}
    for match in _matches(named.regex, report, "mmr_protein"):
        status = next(k for k, regex in kinds.items() if regex.fullmatch(match.group("status")))
        seen.setdefault(match.group("protein").upper(), (status, match))
    lost = sorted(p for p, (status, _) in seen.items() if status == "lost")
    complete = set(seen) == {p.upper() for p in _data()["mmr"]["proteins"]}
    if not lost and not complete:
        return []
    start = min(m.start() for _, m in seen.values())
    end = max(m.end() for _, m in seen.values())
    value = "dMMR" if lost else "pMMR"
    return [
        Mention(
            "biomarkers.mmr",
            value,
            start,
            end,
            named.score,
            named.name,
            attrs={"lost": lost, "proteins": sorted(seen)},
        )
    ]


# ------------------------------------------------------------------ TMB, PD-L1


@lru_cache(maxsize=1)
def _tmb_patterns() -> tuple[_Named, ...]:
    return tuple(_named(spec) for spec in _data()["tmb"])


def _tmb(report: TriggerScan) -> list[Mention]:
    mentions, taken = [], set()
    for named in _tmb_patterns():
        for match in _matches(named.regex, report, "tmb"):
            if match.start("value") not in taken:
                taken.add(match.start("value"))
                mentions.append(
                    _mention("biomarkers.tmb", float(match.group("value")), match, named)
                )
    return mentions


@lru_cache(maxsize=1)
def _pdl1_patterns() -> dict[str, Any]:
    spec = _data()["pdl1"]
    return {
        "context": _compile(spec["context"]),
        "window": int(spec["context_window"]),
        "tps": tuple(_named(s) for s in spec["tps"]),
        "cps": tuple(_named(s) for s in spec["cps"]),
        "clone": _named(spec["clone"]),
    }


def _comparator(match: re.Match[str]) -> str | None:
    """The comparator before or after a value as a sign ('less than', '小于', '＜' -> '<'; '以下' -> '<='),
    else None."""
    groups = match.groupdict()
    written = groups.get("cmp") or groups.get("cmp_after")
    if not written:
        return None
    words = " ".join(written.lower().split())
    return _data()["comparators"].get(words, words)


def _percent_value(match: re.Match[str]) -> tuple[float, dict[str, Any]]:
    """'<1%' reads as 0 with the bound kept, so a rule 'TPS >= 1' is not met by it. A higher bound ('<50%',
    '50%以下'), or one that holds the cut-off itself ('≤1%': 1 % meets TPS >= 1 %), is no score: the reading
    carries it as ``score_range`` and the assembler leaves it out. A floor ('≥1%') or a range ('1-49%') reads
    as its bottom with its top as ``upper`` (``floor_top`` for a floor)."""
    value, comparator = float(match.group("value")), _comparator(match)
    if comparator in ("<", "<="):
        attrs: dict[str, Any] = {"comparator": comparator, "bound": value}
        limit = float(_data()["below_bound_max"])
        if value > limit or (comparator == "<=" and value == limit):
            attrs["score_range"] = match.group().strip()
        return 0.0, attrs
    attrs = {"comparator": comparator} if comparator else {}
    top = match.groupdict().get("upper")
    if comparator in (">", ">="):
        attrs["upper"] = float(_data()["floor_top"])
    elif top is not None:
        attrs["upper"] = float(top)
    return value, attrs


def _pdl1(report: TriggerScan) -> list[Mention]:
    text = report.text
    p = _pdl1_patterns()
    mentions = []
    for kind in ("tps", "cps"):
        taken: set[int] = set()
        for named in p[kind]:
            for match in _matches(named.regex, report, "pdl1"):
                if match.start("value") in taken:
                    continue
                taken.add(match.start("value"))
                value, attrs = _percent_value(match)
                mentions.append(_mention(f"biomarkers.pdl1.{kind}", value, match, named, **attrs))
    for match in _matches(p["clone"].regex, report, "pdl1"):
        if p["context"].search(
            text, max(0, match.start() - p["window"]), match.end() + p["window"]
        ):
            mentions.append(
                _mention("biomarkers.pdl1.clone", match.group("clone").upper(), match, p["clone"])
            )
    return mentions


# ------------------------------------------------------------------ HER2


@lru_cache(maxsize=1)
def _her2_patterns() -> dict[str, Any]:
    spec = _data()["her2"]
    fish_values = {
        value: _compile(_alternation([re.escape(f) for f in forms]))
        for value, forms in spec["fish_values"].items()
    }
    return {
        "context": _compile(spec["context"]),
        "ihc": _named(spec["ihc"], context=spec["context"]),
        "scores": {str(k): str(v) for k, v in spec["scores"].items()},
        "ihc_range": _compile(spec["ihc_range"]),
        "ihc_share": _compile(spec["ihc_share"]),
        "ihc_share_min": float(spec["ihc_share_min_percent"]),
        "fish": _named(spec["fish"]),
        "fish_values": fish_values,
        "ratio": _named(spec["ratio"]),
        "amplified_at": float(spec["ratio"]["amplified_at"]),
    }


def _her2(report: TriggerScan) -> list[Mention]:
    text = report.text
    p = _her2_patterns()
    mentions = []
    for match in _matches(p["ihc"].regex, report, "her2"):
        score = p["scores"].get(re.sub(r"\s", "", match.group("score")))
        if score is not None:
            mention = _mention("biomarkers.her2.ihc", score, match, p["ihc"])
            second = p["ihc_range"].match(text, match.end())
            if second is not None:  # '1+~2+': a range of scores, not one
                written = text[match.start("score"):second.end()]
                mention = replace_mention(mention, attrs={**mention.attrs, "score_range": written})
            share = p["ihc_share"].match(text, match.end())
            if share is not None and (share.group("focal") or float(share.group("share")) <= p["ihc_share_min"]):
                # '3+，约5%': a stain in too few cells to be the report's score
                written = text[match.start("score"):share.end()]
                mention = replace_mention(mention, attrs={**mention.attrs, "score_share": written})
            mentions.append(mention)
    for match in _matches(p["fish"].regex, report, "her2"):
        if p["context"].search(text, max(0, match.start() - 40), match.end()):
            status = next(
                v for v, regex in p["fish_values"].items() if regex.fullmatch(match.group("status"))
            )
            mentions.append(_mention("biomarkers.her2.fish", status, match, p["fish"]))
    for match in _matches(p["ratio"].regex, report, "her2"):
        ratio = float(match.group("ratio"))
        status = "amplified" if ratio >= p["amplified_at"] else "not_amplified"
        mentions.append(_mention("biomarkers.her2.fish", status, match, p["ratio"], ratio=ratio))
    return mentions


# ------------------------------------------------------------------ ER, PR, Ki-67


@lru_cache(maxsize=1)
def _receptor_patterns() -> dict[str, Any]:
    spec = _data()["receptors"]
    named = {
        marker: _Named(spec["name"], float(spec["score"]), _compile(source + _expand(spec["body"])))
        for marker, source in spec["markers"].items()
    }
    return {
        "markers": named,
        "negative": _compile(_alternation(spec["negative_words"])),
        "positive": _compile(_alternation(spec["positive_words"])),
        "percent": _compile(_expand(spec["percent"])),
        "stop": _compile(spec["body_stop"]),
        "low_max": float(spec["low_positive_max"]),
        "positive_min": float(spec["positive_min"]),
    }


def receptor_status(body: str) -> dict[str, Any] | None:
    """{'status', 'percent'} for what follows 'ER'/'PR' ('(+,90%)', '强阳性 约90%', ': negative (<1%)')."""
    p = _receptor_patterns()
    percent_match = p["percent"].search(body)
    percent = None
    if percent_match:
        value = float(percent_match.group("upper") or percent_match.group("value"))
        percent = 0.0 if _comparator(percent_match) in ("<", "<=") else value
    if percent is not None:
        if percent < p["positive_min"]:
            return {"status": "negative", "percent": percent}
        return {
            "status": "low_positive" if percent <= p["low_max"] else "positive",
            "percent": percent,
        }
    if p["negative"].search(body):
        return {"status": "negative", "percent": None}
    if p["positive"].search(body):
        return {"status": "positive", "percent": None}
    return None


def _receptors(report: TriggerScan) -> list[Mention]:
    p = _receptor_patterns()
    mentions = []
    for marker, named in p["markers"].items():
        for match in _matches(named.regex, report, "receptors"):
            stop = p["stop"].search(match.group("body"))
            body = match.group("body")[: stop.start() if stop else None]
            status = receptor_status(body)
            if status is not None:
                end = match.start("body") + len(body.rstrip(" ,，;；"))
                mentions.append(
                    Mention(
                        f"biomarkers.{marker}", status, match.start(), end, named.score, named.name
                    )
                )
    return mentions


@lru_cache(maxsize=1)
def _ki67_patterns() -> tuple[_Named, ...]:
    return tuple(_named(spec) for spec in _data()["ki67"])


def _ki67(report: TriggerScan) -> list[Mention]:
    mentions = []
    for named in _ki67_patterns():
        for match in _matches(named.regex, report, "ki67"):
            value = float(match.group("upper") or match.group("value"))
            attrs = {"range": (float(match.group("value")), value)} if match.group("upper") else {}
            mentions.append(_mention("biomarkers.ki67", value, match, named, **attrs))
    return mentions


@lru_cache(maxsize=4)
def _mark_patterns(source: str) -> tuple[re.Pattern[str], re.Pattern[str], int]:
    """A mark's patterns: right after a value (``after``), or in the ``back`` characters before it (``before``).
    ``source``: 'earlier_result.yaml' or this file's 'in_situ_component', 'control_slide' or 'doubtful_result'."""
    spec = load_knowledge(source) if source.endswith(".yaml") else _data()[source]
    after = spec["after"]
    if "words_from" in spec:
        words, marks = _status_words(spec["words_from"]["file"], spec["words_from"]["category"], spec["not_doubt"])
        after = after.replace("{gap}", spec["gap"]).replace("{questioned}", marks).replace("{words}", words)
    return _compile(after), _compile(spec["before"]), int(spec["back"])


def _status_words(name: str, category: str, others: list[str]) -> tuple[str, str]:
    """(the literals of one category of ConText's rules but ``others`` as one alternation, Latin ones as whole words;
    its question marks as another): the words a gene change's result is doubted with, read after a biomarker's value."""
    rules, left_out = load_knowledge(name), {w.lower() for w in others}
    literals = [r["literal"] for by_language in rules["rules"].values() for r in by_language
                if r["category"] == category and r["literal"].lower() not in left_out]
    marks = "|".join(re.escape(m) for m in rules["questioned"]["marks"])
    return literal_words(literals).pattern, marks


def _mark(text: str, mention: Mention, source: str) -> str | None:
    """The words of a mark on a value, if any: quoted from an earlier or outside test ('HER2：3+（既往外院）'),
    given for the in-situ component ('导管原位癌成分：HER2(3+)') or for a control ('HER2 3+（对照）')."""
    after, before, back = _mark_patterns(source)
    found = after.match(text, mention.end) or before.search(text, max(0, mention.start - back), mention.start)
    return found.group().strip().lstrip(")）").strip() if found else None


# Marks on a value, as the attribute the assembler reads (a marked value is no result of this report's tumour, or
# none to trust).
_MARKS = {"earlier": "earlier_result.yaml", "in_situ": "in_situ_component", "control": "control_slide",
          "doubt": "doubtful_result"}


def find(text: str) -> list[Mention]:
    """Every biomarker result stated in a report, in text order; one the report quotes from an earlier or
    outside test carries its marker (``earlier``), one given for the in-situ component its words (``in_situ``), one
    given for a control slide its words (``control``), one whose test failed or is in doubt its words (``doubt``)."""
    report = TriggerScan(text)
    mentions = (
        _status_values(report, "msi")
        + _status_values(report, "mmr")
        + _mmr_from_proteins(report)
        + _tmb(report)
        + _pdl1(report)
        + _her2(report)
        + _receptors(report)
        + _ki67(report)
    )
    marked = []
    for m in mentions:
        marks = {attr: words for attr, source in _MARKS.items() if (words := _mark(text, m, source))}
        marked.append(replace_mention(m, attrs={**m.attrs, **marks}) if marks else m)
    return sorted(marked, key=lambda m: (m.start, m.field))
