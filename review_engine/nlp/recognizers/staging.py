"""TNM categories, stage groups and AJCC edition, read from a report; derived where the report omits them.

Patterns are data (``knowledge/nlp/staging/patterns.yaml``, ``inference_patterns.yaml``). The order of
work: read stated TNM runs, labelled categories, stage groups and edition; then, only for what the
report does not state, infer T from size or invaded structures and N from positive-node counts
(``staging.t_derived`` / ``staging.n_derived``), and derive the stage group from T/N/M and the organ
(``staging.stage_derived``). A derived value's span is the text it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from review_engine.nlp import read_data_file
from review_engine.nlp.mentions import Mention
from review_engine.nlp.normalize import tnm
from review_engine.nlp.recognizers import histology, staging_inference
from review_engine.nlp.recognizers.scan import TriggerScan, compile_pattern, trigger_regex
from review_engine.settings import knowledge_dir
from review_engine.stage_tables import derive_stage, staging_edition

# A report states its staging a few times; past this many regex matches the text is hostile.
MAX_MATCHES = staging_inference.MAX_MATCHES
_CATEGORY_FIELDS = staging_inference.CATEGORY_FIELDS
PROVISIONAL = "provisional"
"""The context name of a stage or TNM run the report gives as not yet established (patterns.yaml)."""


@dataclass(frozen=True)
class _Named:
    name: str
    score: float
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _TableColumns:
    """A form's TNM columns: the header naming them (``named.regex``), the row of values under it,
    one value of that row, and how far after the header the row is looked for."""

    named: _Named
    trigger: re.Pattern[str]
    row: re.Pattern[str]
    value: re.Pattern[str]
    reach: int

    @classmethod
    def read(cls, spec: dict[str, Any]) -> _TableColumns:
        return cls(
            _Named(spec["name"], spec["score"], compile_pattern(spec["header"], _WHERE)),
            trigger_regex(spec["triggers"]),
            compile_pattern(spec["row"], _WHERE),
            compile_pattern(spec["value"], _WHERE),
            int(spec["reach"]),
        )


@dataclass(frozen=True)
class _Context:
    """Words next to a run that change what it is worth (hedged, conditional, a correction,
    clinical): searched before the run's start, or after its end."""

    name: str
    regex: re.Pattern[str]
    after: bool
    reach: int
    same_line: bool
    delta: float

    def applies(self, text: str, span: tuple[int, int]) -> bool:
        if self.after:
            end = min(len(text), span[1] + self.reach)
            if self.same_line:
                newline = text.find("\n", span[1], end)
                end = end if newline < 0 else newline
            return bool(self.regex.match(text[span[1] : end]))
        start = max(0, span[0] - self.reach)
        if self.same_line:
            start = max(start, text.rfind("\n", 0, span[0]) + 1)
        return bool(self.regex.search(text, start, span[0]))


@dataclass(frozen=True)
class _NotAStage:
    """Words around a stage group's reading that show it is none of this cancer's (a form's column
    border, another disease's scale, a stage ruled out or listed as a criterion); ``value``, where
    set, is what the value as read must be for the rule to apply (a lone bar-like 'i')."""

    context: _Context
    value: re.Pattern[str] | None

    def applies(self, match: re.Match[str]) -> bool:
        if self.value is not None and not self.value.fullmatch(match.group("stage")):
            return False
        return self.context.applies(match.string, match.span())

    @classmethod
    def read(cls, spec: dict[str, Any]) -> _NotAStage:
        value = spec.get("value")
        return cls(
            _context({**spec, "delta": 0}), compile_pattern(value, _WHERE) if value else None
        )


@dataclass(frozen=True)
class _StagedCancer:
    """The words after a stage group that name the cancer it is given for ('stage III breast
    carcinoma', 'stage II cholangiocarcinoma of the liver'): at most ``reach`` characters, up to the
    first ``clause_end``."""

    reach: int
    clause_end: re.Pattern[str]

    def site(self, match: re.Match[str]) -> str | None:
        """The primary site these words name by themselves, or None where they name none."""
        words = match.string[match.end() : match.end() + self.reach]
        end = self.clause_end.search(words)
        words = words[: end.start()] if end else words
        return histology.primary_site(words) if words.strip() else None

    @classmethod
    def read(cls, spec: dict[str, Any]) -> _StagedCancer:
        return cls(int(spec["reach"]), compile_pattern(spec["clause_end"], _WHERE))


@dataclass(frozen=True)
class _Patterns:
    chain: re.Pattern[str]
    chain_from_n: re.Pattern[str]
    chain_from_m: re.Pattern[str]
    atom: re.Pattern[str]
    run_trigger: re.Pattern[str]
    label_trigger: re.Pattern[str]
    tnm: dict[str, Any]
    labeled: tuple[tuple[str, _Named], ...]
    stages: tuple[tuple[_Named, re.Pattern[str], int], ...]
    editions: tuple[_Named, ...]
    edition_trigger: tuple[re.Pattern[str], int]
    chinese_digits: dict[str, str]
    prefixes: dict[str, str]
    organ_gap: re.Pattern[str]
    line_organ_labels: tuple[tuple[str, re.Pattern[str]], ...]
    context: tuple[_Context, ...]
    provisional: tuple[_Context, ...]
    staged_label: re.Pattern[str]
    organ_cues: tuple[tuple[str, re.Pattern[str]], ...]
    own_organ_cues: tuple[tuple[str, re.Pattern[str]], ...]
    resection_organs: tuple[tuple[str, re.Pattern[str]], ...]
    organ_cue_negated: re.Pattern[str]
    garbled_t: _Named
    garbled_letter_t: tuple[_Named, re.Pattern[str]]
    digit_letter_t: tuple[_Named, re.Pattern[str]]
    table_columns: _TableColumns
    stage_not: tuple[_NotAStage, ...]
    staged_cancer: _StagedCancer


def load_yaml(name: str) -> dict[str, Any]:
    """One staging knowledge file (``knowledge/<name>``), or KnowledgeError naming it."""
    return read_data_file(knowledge_dir() / name)


def _atom(f: dict[str, str], letter: str, prefix_required: bool) -> str:
    prefix = f"(?:{f['prefix']})" + ("" if prefix_required else "?")
    return f"{prefix}{letter}{f['letter_gap']}{f['value_' + letter]}{f['suffix']}"


_WHERE = "knowledge/nlp/staging/patterns.yaml"


def _run_patterns(f: dict[str, str]) -> tuple[str, ...]:
    """Runs starting at T, at a prefixed N, at a prefixed M; and one atom, to split a run."""
    sep, start, end, gap = f["separator"], f["run_start"], f["run_end"], f["letter_gap"]
    t, n, m = (_atom(f, letter, False) for letter in "TNM")
    atom = (
        f"(?P<prefix>{f['prefix']})?(?:T{gap}(?P<T>{f['value_T']})|N{gap}(?P<N>{f['value_N']})"
        f"|M{gap}(?P<M>{f['value_M']})){f['suffix']}"
    )
    return (
        f"{start}{t}(?:{sep}{n})?(?:{sep}{m})?{end}",
        f"{start}{_atom(f, 'N', True)}(?:{sep}{m})?{end}",
        f"{start}{_atom(f, 'M', True)}{end}",
        atom,
    )


def _labeled_patterns(spec: dict[str, Any], f: dict[str, str]) -> tuple[tuple[str, _Named], ...]:
    def named(letter: str) -> _Named:
        source = spec["template"].format(
            letter=letter, prefix=f["prefix"], value=f["value_" + letter]
        )
        return _Named(spec["name"], spec["score"], compile_pattern(source, _WHERE))

    return tuple((letter, named(letter)) for letter in "TNM")


def _stage_patterns(
    specs: list[dict[str, Any]], stage_raw: str
) -> tuple[tuple[_Named, re.Pattern[str], int], ...]:
    return tuple(
        (
            _Named(
                s["name"],
                s["score"],
                compile_pattern(s["regex"].replace("{stage_raw}", stage_raw), _WHERE),
            ),
            trigger_regex(s["triggers"]),
            int(s["back"]),
        )
        for s in specs
    )


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = load_yaml("nlp/staging/patterns.yaml")
    f, spec, ed = data["fragments"], data["tnm"], data["edition"]
    sources = (*_run_patterns(f), f["run_trigger"], f["label_trigger"])
    editions = tuple(
        _Named(ed["name"], ed["score"], compile_pattern(r, _WHERE)) for r in ed["regexes"]
    )
    return _Patterns(
        *(compile_pattern(source, _WHERE) for source in sources),
        spec,
        _labeled_patterns(data["labeled"], f),
        _stage_patterns(data["stage"], f["stage_raw"]),
        editions,
        (trigger_regex(ed["triggers"]), int(ed["back"])),
        dict(ed["chinese_digits"]),
        {str(k): str(v) for k, v in data["prefix_canonical"].items()},
        compile_pattern(spec["organ_label_gap"], _WHERE, re.IGNORECASE),
        _organ_regexes(
            {
                organ: rf"[\s\-–.•]*(?:{label}){spec['organ_label_gap']}"
                for organ, label in spec["line_organ_labels"].items()
            }
        ),
        tuple(_context(c) for c in spec["context"]),
        tuple(_context(c) for c in data["provisional"]),
        compile_pattern(spec["staged_label_before"], _WHERE, re.IGNORECASE),
        _organ_regexes(spec["organ_cues"]),
        _organ_regexes(spec["own_organ_cues"]),
        _organ_regexes(spec["resection_organs"]),
        compile_pattern(spec["organ_cue_negated_before"], _WHERE, re.IGNORECASE),
        _Named(
            spec["garbled_t"]["name"],
            spec["garbled_t"]["score"],
            compile_pattern(spec["garbled_t"]["regex"], _WHERE),
        ),
        _triggered(spec["garbled_letter_t"]),
        _triggered(spec["digit_letter_t"]),
        _TableColumns.read(data["table_columns"]),
        tuple(_NotAStage.read(spec) for spec in data["stage_not"]),
        _StagedCancer.read(data["staged_cancer"]),
    )


def _triggered(spec: dict[str, Any]) -> tuple[_Named, re.Pattern[str]]:
    """A named pattern and the trigger words it is tried at."""
    named = _Named(spec["name"], spec["score"], compile_pattern(spec["regex"], _WHERE))
    return named, trigger_regex(spec["triggers"])


def _organ_regexes(spec: dict[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (organ, compile_pattern(cue, _WHERE, re.IGNORECASE)) for organ, cue in spec.items()
    )


def _context(spec: dict[str, Any]) -> _Context:
    after = "after" in spec
    return _Context(
        spec["name"],
        compile_pattern(spec["after" if after else "before"], _WHERE, re.IGNORECASE),
        after,
        int(spec["ahead" if after else "back"]),
        bool(spec["same_line"]),
        float(spec["delta"]),
    )


# ------------------------------------------------------------------ stated TNM


@dataclass(frozen=True)
class _Category:
    letter: str
    value: str
    prefix: str | None
    prefix_span: tuple[int, int] | None
    start: int
    end: int
    repairs: tuple[str, ...]
    raw: str = ""


def _atoms(text: str, start: int, end: int) -> list[_Category]:
    atoms = []
    for match in _patterns().atom.finditer(text, start, end):
        letter = next(k for k in "TNM" if match.group(k) is not None)
        value, repairs = tnm.normalize_category(letter, match.group(letter))
        if value is None:
            continue
        raw_prefix = match.group("prefix")
        atoms.append(
            _Category(
                letter,
                value,
                _patterns().prefixes.get(raw_prefix.strip()) if raw_prefix else None,
                match.span("prefix") if raw_prefix else None,
                match.start(letter) - len(letter_gap(match, letter)),
                match.end(),
                repairs,
                match.group(letter),
            )
        )
    return atoms


def _at_site(atom: _Category, site: _LazySite) -> _Category:
    """The category as the primary site allows it (prostate has no pT1: 'pTIb' is pT3b)."""
    if atom.letter != "T" or atom.prefix is None:
        return atom  # checked first: most runs never need the site read
    fixed = tnm.site_category(site(), atom.prefix, atom.letter, atom.raw)
    return replace(atom, value=fixed[0], repairs=(fixed[1],)) if fixed else atom


def letter_gap(match: re.Match[str], letter: str) -> str:
    """The letter and any space OCR put between it and its value ('T 2' -> 'T ')."""
    text = match.string[match.start() : match.start(letter)]
    return text[text.rindex(letter) :]


def _chain_kind(atoms: list[_Category], text: str) -> str:
    letters = [a.letter for a in atoms]
    if "T" in letters and "N" in letters:
        t, n = atoms[letters.index("T")], atoms[letters.index("N")]
        gap = text[t.end : n.prefix_span[0] if n.prefix_span else n.start]
        return "compact" if gap == "" else "spaced"
    if letters[0] == "T":
        return "prefixed_t" if atoms[0].prefix else "bare_t"
    return "prefixed_nm"


def _penalised(score: float, repairs: tuple[str, ...]) -> float:
    """Each OCR repair makes a reading less certain."""
    return round(max(0.0, score - _patterns().tnm["repair_penalty"] * len(repairs)), 3)


def _organ_named_before(text: str, start: int) -> str | None:
    """The organ a staging run is given for ("BLADDER: pT3b", "Prostate cancer-pT2c", "(Bladder):\\npT3a")."""
    window_start = max(0, start - _patterns().tnm["organ_window"])
    newline = text.rfind("\n", window_start, start)
    line = text[newline + 1 if newline >= 0 else window_start : start]
    labelled = next(
        (o for o, label in _patterns().line_organ_labels if label.fullmatch(line)), None
    )
    if labelled:
        return labelled
    previous_line = text.rfind("\n", window_start, newline) + 1 if newline >= 0 else window_start
    organs = histology.organ_words(text, max(window_start, previous_line), start)
    if not organs or not _patterns().organ_gap.fullmatch(text, organs[-1][1], start):
        return None
    return organs[-1][2]


def _cues(window: str, cues: tuple[tuple[str, re.Pattern[str]], ...]) -> list[tuple[int, str]]:
    negated = _patterns().organ_cue_negated
    return [
        (m.start(), organ)
        for organ, cue in cues
        for m in cue.finditer(window)
        if not negated.search(window, max(0, m.start() - 30), m.start())
    ]


def _organ_cued_before(text: str, start: int, site: _LazySite) -> str | None:
    """The organ whose cancer the passage before a run speaks of ('Gleason 3+3' -> prostate); the
    staged organ's anatomy ('perivesical fat') also names it, another organ's does not."""
    window = text[max(0, start - _patterns().tnm["organ_cue_window"]) : start]
    cued = _cues(window, _patterns().organ_cues)
    own = _cues(window, _patterns().own_organ_cues)
    if own and (staged := site.staged_organ()) is not None:
        cued += [(at, organ) for at, organ in own if organ == staged]
    return max(cued)[1] if cued else None


def _run_organ(text: str, start: int, site: _LazySite) -> str | None:
    return _organ_named_before(text, start) or _organ_cued_before(text, start, site)


def _organ_adjusted(score: float, organ: str | None, site: str | None) -> float:
    """A run given for another organ than the report's primary (an incidental prostate pT2a on a
    cystectomy) is not the report's staging."""
    if organ is None or site is None or organ == site:
        return score
    return round(max(0.0, score - _patterns().tnm["other_organ_penalty"]), 3)


class _LazySite:
    """The report's primary site, read only when a step needs it (most hostile texts never do)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._site: str | None = None
        self._read = False
        self._resected: str | None = None
        self._resected_read = False

    def __call__(self) -> str | None:
        if not self._read:
            self._site, self._read = histology.primary_site(self._text), True
        return self._site

    def staged_organ(self) -> str | None:
        """The organ whose staging is the report's: the one the resection was done for where the
        specimen names it (a cystoprostatectomy's incidental prostate cancer is not it), else the
        primary site."""
        if not self._resected_read:
            self._resected = next(
                (o for o, cue in _patterns().resection_organs if cue.search(self._text)), None
            )
            self._resected_read = True
        return self._resected or self()


def _run_kind(text: str, span: tuple[int, int], atoms: list[_Category]) -> str | None:
    """The named strength of a run, or None when it is a word OCR made look like one."""
    kind = _chain_kind(atoms, text)
    lead = atoms[0]
    labelled = not lead.prefix and _patterns().staged_label.search(
        text, max(0, span[0] - 30), span[0]
    )
    # "TO", "TON 1", "Tl" in running text are words, not categories; nor is "(rTI`" with no N or M
    # after it. A whole T, N and M run ("Tlb Nx Ml" after a label OCR garbled) is no word.
    prefixed = lead.prefix in _patterns().tnm["repaired_t_prefixes"] or (
        lead.prefix is not None and len(atoms) > 1
    )
    whole_run = {a.letter for a in atoms} == {"T", "N", "M"}
    if lead.letter == "T" and lead.repairs and not (prefixed or labelled or whole_run):
        return None
    return "staged_t" if labelled and kind == "bare_t" else kind


def _run_score(
    text: str,
    span: tuple[int, int],
    base: float,
    repairs: tuple[str, ...],
    organ: str | None,
    site: _LazySite,
) -> tuple[float, tuple[str, ...]]:
    """Base score less OCR repairs and a label naming another organ than ``site``'s staged one,
    moved by what the words next to the run say of it (hedged, conditional, a stated correction,
    clinical); and the names of those contexts."""
    score = _organ_adjusted(
        _penalised(base, repairs), organ, site.staged_organ() if organ else None
    )
    contexts = _applying((*_patterns().context, *_patterns().provisional), text, span)
    score += sum(c.delta for c in contexts)
    return round(min(1.0, max(0.0, score)), 3), tuple(dict.fromkeys(c.name for c in contexts))


def _applying(contexts: tuple[_Context, ...], text: str, span: tuple[int, int]) -> tuple[_Context, ...]:
    """The contexts whose words stand next to ``span``; one per name (a marker on both sides counts once)."""
    found: dict[str, _Context] = {}
    for c in contexts:
        if c.name not in found and c.applies(text, span):
            found[c.name] = c
    return tuple(found.values())


def _weighed_run(
    text: str, span: tuple[int, int], base: float, repairs: tuple[str, ...], site: _LazySite
) -> tuple[float, dict[str, Any]]:
    """A run's score (``_run_score``) and the attributes its mentions carry: the span, the organ
    it is given for, the contexts that moved it, and how sure it is as a statement, OCR repairs
    aside: inference from measurements replaces only what the words around a run weaken
    (clinical, hedged, another organ), never a stated pT3 whose letters OCR garbled."""
    organ = _run_organ(text, span[0], site)
    score, contexts = _run_score(text, span, base, repairs, organ, site)
    stated = score + _patterns().tnm["repair_penalty"] * len(repairs)
    attrs: dict[str, Any] = {"run": span, "organ": organ, "stated_score": round(stated, 3)}
    if contexts:
        attrs["context"] = contexts
    return score, attrs


def _chain_mentions(text: str, span: tuple[int, int], site: _LazySite) -> list[Mention]:
    atoms = [_at_site(a, site) for a in _atoms(text, *span)]
    kind = _run_kind(text, span, atoms) if atoms else None
    if kind is None:
        return []
    spec = _patterns().tnm[kind]
    repairs = tuple(r for a in atoms for r in a.repairs)
    score, attrs = _weighed_run(text, span, spec["score"], repairs, site)
    mentions = [
        Mention(
            _CATEGORY_FIELDS[a.letter],
            a.value,
            a.start,
            a.end,
            score,
            spec["name"],
            a.repairs,
            dict(attrs),
        )
        for a in atoms
    ]
    lead = atoms[0]
    if lead.prefix and lead.prefix_span:
        mentions.append(
            Mention(
                "staging.prefix",
                lead.prefix,
                *lead.prefix_span,
                score,
                spec["name"],
                attrs=dict(attrs),
            )
        )
    return mentions


def _template_options(scan: TriggerScan, mentions: list[Mention]) -> list[Mention]:
    """Mentions without the categories a checklist lists with their definitions, or names as a class
    of tumours ("pT1 and pT2 tumors"): options, not findings."""
    spec, text = _patterns().tnm, scan.text
    definition = re.compile(spec["definition_after"])
    defined = [
        m for m in mentions if m.field == "staging.t" and definition.match(text, m.end, m.end + 10)
    ]
    named_class = re.compile(spec["class_after"], re.IGNORECASE)
    options = {
        id(m)
        for m in mentions
        if m.field == "staging.t"
        and (named_class.match(text[m.end : m.end + 40]) or _in_range(text, m, spec))
    }
    window, least = spec["template_window"], spec["template_min_options"]
    for mention in defined:
        near = [m for m in defined if abs(m.start - mention.start) <= window]
        # The list is counted in its printed lines too: OCR may garble all but one or two of its
        # categories ('pTX: Cannot be assessed', 'T?: Solitary tumor ...'), leaving those read
        # looking like a chosen answer.
        if len({m.value for m in near}) >= least or (
            staging_inference.legend_lines(text, mention.start - window, mention.start + window)
            >= least
        ):
            options |= {id(m) for m in near}
    marked = [m for m in defined if id(m) in options and _option_marked(text, m.start)]
    if len(marked) == 1 and not _no_tumour_contradicted(scan, marked[0], mentions):
        options.discard(id(marked[0]))
    return [m for m in mentions if id(m) not in options]


def _no_tumour_contradicted(scan: TriggerScan, chosen: Mention, mentions: list[Mention]) -> bool:
    """Whether a checklist's marked 'no evidence of primary tumour' (pT0, not after therapy) stands
    in a report that measures its tumour: the mark is OCR residue ('_^pTO'), not the choice."""
    spec = _patterns().tnm
    if chosen.value not in spec["no_tumour_categories"]:
        return False
    run = chosen.attrs.get("run")
    prefix = next(
        (m.value for m in mentions if m.field == "staging.prefix" and m.attrs.get("run") == run),
        None,
    )
    return prefix not in spec["after_therapy_prefixes"] and staging_inference.tumour_measured(scan)


def _in_range(text: str, mention: Mention, spec: dict[str, Any]) -> bool:
    """Whether the category is an end of a range ('pTa-T3', 'T1 to T4')."""
    before = text[max(0, mention.start - 12) : mention.start]
    return bool(
        re.search(spec["range_before"], before)
        or re.match(spec["range_after"], text[mention.end : mention.end + 12])
    )


def _option_marked(text: str, start: int) -> bool:
    """Whether the mark that chose a checklist option is written just before it ('^pT2:', 'X pT1:',
    'in situX   pT1:')."""
    spec = _patterns().tnm
    window_start = max(text.rfind("\n", 0, start) + 1, start - spec["option_mark_window"])
    return bool(re.search(spec["option_mark_before"], text[window_start:start]))


def _stated_tnm(scan: TriggerScan, site: _LazySite) -> list[Mention]:
    p, text = _patterns(), scan.text
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for regex in (p.chain, p.chain_from_n, p.chain_from_m):
        for match in scan.matches(regex, p.run_trigger, back=2, limit=MAX_MATCHES, original=True):
            if any(s <= match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            mentions += _chain_mentions(text, match.span(), site)
    for letter, named in p.labeled:
        for match in scan.matches(named.regex, p.label_trigger, limit=MAX_MATCHES, original=True):
            value, repairs = tnm.normalize_category(letter, match.group("value"))
            if value and not any(s <= match.start("value") < e for s, e in taken):
                mentions.append(
                    Mention(
                        _CATEGORY_FIELDS[letter],
                        value,
                        match.start(),
                        match.end(),
                        named.score,
                        named.name,
                        repairs,
                    )
                )
    mentions += _garbled_ts(scan, taken, site)
    mentions += _garbled_letter_ts(scan, site, _patterns().garbled_letter_t)
    mentions += _garbled_letter_ts(scan, site, _patterns().digit_letter_t, labelled=True)
    mentions += _table_columns(scan)
    return _template_options(scan, mentions)


def _garbled_letter_ts(
    scan: TriggerScan,
    site: _LazySite,
    pattern: tuple[_Named, re.Pattern[str]],
    labelled: bool = False,
) -> list[Mention]:
    """Prefixed T categories whose letter OCR read as '1' or 'I' between quotes ("p'1'2"), or as a
    bare digit ('(p11)'; ``labelled``: only on a line a staging label opens, as '(p11)' elsewhere is
    a chromosome band or a page), the letter recorded as a repair; weighed as a run is (another
    organ's, clinical, hedged)."""
    named, trigger = pattern
    label = _patterns().staged_label
    mentions = []
    for match in scan.matches(named.regex, trigger, back=3, limit=MAX_MATCHES):
        value, repairs = tnm.normalize_category("T", match.group("value"))
        if value is None or (
            labelled and not label.search(scan.text, max(0, match.start() - 30), match.start())
        ):
            continue
        repairs = (*repairs, f"{match.group('letter')}->T in {match.group()}")
        score, attrs = _weighed_run(scan.text, match.span(), named.score, repairs, site)
        start, end = match.span("value")
        mentions.append(Mention("staging.t", value, start, end, score, named.name, repairs, attrs))
    return mentions


def _table_columns(scan: TriggerScan) -> list[Mention]:
    """T, N and M a form's table gives in columns whose values sit on a later line than their
    header ("TNM Stage (T) (N) (M)" ... "3 2 2 0"): the last three values of the first row after
    the header, since a grade or source column may lead."""
    table, text = _patterns().table_columns, scan.text
    for header in scan.matches(table.named.regex, table.trigger, limit=MAX_MATCHES):
        row = table.row.search(text, header.end(), header.end() + table.reach)
        if row is not None:
            values = list(table.value.finditer(text, *row.span()))[-3:]
            return [m for letter, v in zip("TNM", values, strict=True) if (m := _column(letter, v))]
    return []


def _column(letter: str, value: re.Match[str]) -> Mention | None:
    """One column's category as a stated mention, or None where the value is no such category."""
    table = _patterns().table_columns.named
    category, repairs = tnm.normalize_category(letter, value.group())
    if category is None:
        return None
    attrs = {"run": value.span(), "stated_score": table.score}
    field = _CATEGORY_FIELDS[letter]
    return Mention(field, category, *value.span(), table.score, table.name, repairs, attrs)


def _garbled_ts(scan: TriggerScan, taken: list[tuple[int, int]], site: _LazySite) -> list[Mention]:
    """Main T categories of staging lines whose sub-category OCR garbled ("TNM STAGE: pT213"),
    weighed as a run is (another organ's, clinical, hedged)."""
    p, text = _patterns(), scan.text
    mentions = []
    for match in scan.matches(
        p.garbled_t.regex, p.run_trigger, back=2, limit=MAX_MATCHES, original=True
    ):
        start = match.start()
        if any(s <= start < e for s, e in taken) or not p.staged_label.search(
            text, max(0, start - 30), start
        ):
            continue
        digit, tail = match.group("digit"), match.group("tail")
        repairs = (f"{tail}->main category in T{digit}{tail}",)
        score, attrs = _weighed_run(text, match.span(), p.garbled_t.score, repairs, site)
        mentions.append(
            Mention(
                "staging.t",
                f"T{digit}",
                start,
                match.end(),
                score,
                p.garbled_t.name,
                repairs,
                attrs,
            )
        )
    return mentions


# ------------------------------------------------------------------ stage group and edition


def _stated_stages(scan: TriggerScan, site: _LazySite) -> list[Mention]:
    mentions = []
    seen: set[int] = set()
    for named, trigger, back in _patterns().stages:
        for match in scan.matches(named.regex, trigger, back=back, limit=MAX_MATCHES):
            stage, repairs = tnm.normalize_stage(match.group("stage"))
            if stage is None or match.start("stage") in seen or _not_a_stage(match, site):
                continue
            seen.add(match.start("stage"))
            # a stage given as not yet established ("IV期（待排）") is read, weighed below a confirmed one
            marks = _applying(_patterns().provisional, scan.text, match.span())
            score = round(_penalised(named.score, repairs) + sum(c.delta for c in marks), 3)
            attrs = {"context": tuple(c.name for c in marks)} if marks else {}
            mentions.append(
                Mention(
                    "staging.stage", stage, match.start(), match.end(), score, named.name, repairs,
                    attrs,
                )
            )
    return mentions


def _not_a_stage(match: re.Match[str], site: _LazySite) -> bool:
    """Whether the words around a stage reading show it is no stage group of this cancer: a rule of
    stage_not, or the cancer named right after it is another organ's than the one staged."""
    if any(rule.applies(match) for rule in _patterns().stage_not):
        return True
    named = _patterns().staged_cancer.site(match)
    return named is not None and (staged := site.staged_organ()) is not None and named != staged


def _editions(scan: TriggerScan) -> list[Mention]:
    p = _patterns()
    trigger, back = p.edition_trigger
    mentions = []
    for named in p.editions:
        for match in scan.matches(named.regex, trigger, back=back, limit=MAX_MATCHES):
            groups = match.groupdict()
            number = groups.get("edition") or p.chinese_digits.get(groups.get("edition_zh") or "")
            if number:
                mentions.append(
                    Mention(
                        "staging.edition",
                        f"AJCC{number}",
                        match.start(),
                        match.end(),
                        named.score,
                        named.name,
                    )
                )
    return mentions


# ------------------------------------------------------------------ derivation


def best_mention(mentions: list[Mention], field: str) -> Mention | None:
    """The reading of ``field`` the report most likely means: a known category read with a stated
    category's score before TX, which says nothing of the tumour (a stated 'pTX' pending bone
    sections loses to the T its measured size gives); then the highest score; among equals a known
    category, then for T the highest main category (AJCC stages synchronous tumours by the highest
    T: "tumour 1: pT3 ..., tumour 2: pT1" is T3), then the latest one, since addenda come last (a
    stated correction, "should be pT3", already scores higher)."""
    candidates = [
        (
            staging_inference.assessed(m) and staging_inference.full_score(m.score),
            m.score,
            staging_inference.assessed(m),
            _rank(m) if field == "staging.t" else (0,),
            i,
            m,
        )
        for i, m in enumerate(sorted(mentions, key=lambda m: m.start))
        if m.field == field
    ]
    return max(candidates, key=lambda c: c[:5])[5] if candidates else None


def _rank(mention: Mention) -> tuple[int, ...]:
    """Main T category only: T2a and T2b restated stay 'latest wins'."""
    return tnm.category_rank(str(mention.value))[:1]


def _derived_stage(mentions: list[Mention], site: str | None) -> list[Mention]:
    """The stage group computed from the best stated (or derived) T, N and M at the report's organ."""
    t, n, m = (best_mention(mentions, f) for f in ("staging.t", "staging.n", "staging.m"))
    if site is None or t is None or n is None or m is None:
        return []
    prefix = best_mention(mentions, "staging.prefix")
    stage = derive_stage(site, t.value, n.value, m.value, prefix.value if prefix else None)
    if stage is None:
        return []
    start, end = min(t.start, n.start, m.start), max(t.end, n.end, m.end)
    score = min(t.score, n.score, m.score)
    attrs: dict[str, Any] = {"derived": True, "site": site, "from": (t.value, n.value, m.value)}
    if any(PROVISIONAL in c.attrs.get("context", ()) for c in (t, n, m)):
        attrs["context"] = (PROVISIONAL,)  # 'cT3N2M1a（待查）': the group rests on unsettled categories
    name = f"{staging_edition().lower()}_stage_table (derived)"
    return [
        Mention("staging.stage", stage, start, end, score, name, attrs=attrs),
        Mention("staging.stage_derived", True, start, end, score, name, attrs=dict(attrs)),
    ]


def _has_tnm(mentions: list[Mention]) -> bool:
    fields = {m.field for m in mentions}
    return {"staging.t", "staging.n", "staging.m"} <= fields


def find(text: str, inference_edition: str | None = None) -> list[Mention]:
    """Staging mentions in a report: stated categories, stage, edition, then what can be derived.

    Categories are inferred by AJCC 8th; ``inference_edition`` ('AJCC7') is for measuring against
    registry labels coded in an older edition.
    """
    site = _LazySite(text)
    scan = TriggerScan(text)
    mentions = _stated_tnm(scan, site) + _stated_stages(scan, site) + _editions(scan)
    mentions += staging_inference.derived_categories(scan, site, mentions, inference_edition)
    if not any(m.field == "staging.stage" for m in mentions) and _has_tnm(mentions):
        mentions += _derived_stage(mentions, site())
    return sorted(mentions, key=lambda m: (m.start, m.field))
