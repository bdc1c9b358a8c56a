"""Histology and primary site, read from Chinese and English report wording.

Vocabularies are data (``knowledge/nlp/histology/*.json``). The one judgement in code is whether an
organ word names the primary site: an organ said to be the origin ("from lung", "符合肺来源") or
written against a histology ("肺腺癌", "adenocarcinoma of the colon") is the primary; an organ said to
hold a metastasis ("肝转移", "metastatic to the liver") is never the primary, and an organ on a line
that speaks of metastasis without saying which is left out rather than guessed.
"""

from __future__ import annotations

import json
import re
import string
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

from review_engine.errors import KnowledgeError
from review_engine.nlp import any_of
from review_engine.nlp.mentions import Mention
from review_engine.nlp.recognizers.scan import lowered_same_offsets, trie_pattern
from review_engine.settings import knowledge_dir

_WINDOW_BEFORE = 80  # characters of context read before an organ word for its cue
_WINDOW_AFTER = 40
_SENSE_BEFORE = 30  # characters before a form read for wording that gives it another sense
# How far after an organ word a 'no tumor' is still said of that organ ('Tube and ovary with no
# evidence of tumor'), not of something later on a long line ('colon ... unremarkable margins').
_NEGATIVE_REACH = 40
# A real report names organs and histologies tens of times; past this many matches the text is
# garbage or hostile, and reading each match's context would make one call cost seconds.
MAX_MATCHES = 1000
# A histology that implies its organ (urothelial carcinoma -> bladder) counts as one strong vote.
_HINT_SCORE = 0.85
_HISTOLOGY_OF = re.compile(
    r"^\s*,?\s*(?:of|in|involving)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$", re.IGNORECASE
)
_LINE_END = re.compile(r"[\n\f。；;]")
_FORM_SPACE = " {1,3}"  # a space inside a vocabulary form, as OCR's line wraps leave it
_CLAUSE_BREAK = re.compile(r"[\f,，。；;:：]|\n\s*\n")


@dataclass(frozen=True)
class _Entry:
    value: str
    score: float
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class _Vocabulary:
    """Lower-case surface forms compiled into one trie, and each form's entry.

    The trie runs on an ASCII-lower-cased copy of the text, without IGNORECASE and without a
    leading look-behind, which lets the regex engine skip fast over text that starts no form; the
    letter guards ('colon' is not in 'colonoscopy', 'RUL' not in 'RULE') are checked per hit.
    """

    regex: re.Pattern[str]
    entries: dict[str, _Entry]
    # Lower-case form -> wording that, right after the form (not_before) or just before it
    # (not_after), gives it another sense ('cervical lymph node', 'upper posterior cervical' are the
    # neck's, not the uterine cervix's): such a hit is no form at all.
    not_before: dict[str, re.Pattern[str]] = field(default_factory=dict)
    not_after: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def entry(self, surface: str) -> _Entry:
        return self.entries[" ".join(surface.lower().split())]

    def hits(self, text: str, start: int = 0, end: int | None = None) -> Iterator[_Hit]:
        stop = len(text) if end is None else min(end, len(text))
        # A line break is read as the space it replaced: OCR wraps a phrase anywhere
        # ('hepatocellular\ncarcinoma', 'floor of\nmouth'); the offsets stay the same.
        lowered = lowered_same_offsets(text[start:stop]).replace("\n", " ")
        for match in self.regex.finditer(lowered):
            first, last = start + match.start(), start + match.end()
            if _glued(text, first - 1, first) or _glued(text, last - 1, last):
                continue
            if self._other_sense(text, match.group(0), first, last):
                continue
            yield _Hit(first, last, text[first:last])

    def _other_sense(self, text: str, form: str, first: int, last: int) -> bool:
        after, before = self.not_before.get(form), self.not_after.get(form)
        return bool(
            (after is not None and after.match(text, last))
            or (before is not None and before.search(text[max(0, first - _SENSE_BEFORE) : first]))
        )

    def first_hit(self, text: str, start: int, end: int) -> _Hit | None:
        return next(self.hits(text, start, end), None)


def _is_ascii_letter(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index] in string.ascii_letters


def _glued(text: str, left: int, right: int) -> bool:
    """Whether two letters at left/right belong to one word ('colon|oscopy'), not to two words OCR
    joined without a space ('Lung|Tumor size', 'cm|Histologic'), which read lower-case then capital."""
    if not (_is_ascii_letter(text, left) and _is_ascii_letter(text, right)):
        return False
    return not (text[left].islower() and text[right].isupper())


@dataclass(frozen=True)
class _SiteCues:
    origin_before: re.Pattern[str]
    origin_after: re.Pattern[str]
    distance_before: re.Pattern[str]
    negated_before: re.Pattern[str]
    metastasis_before: re.Pattern[str]
    metastasis_after: re.Pattern[str]
    line_metastasis: re.Pattern[str]
    negative_after: re.Pattern[str]
    disease_after: re.Pattern[str]
    history_before: re.Pattern[str]
    origin_not_after: re.Pattern[str]
    next_line_label: re.Pattern[str]
    hedged_after: re.Pattern[str]
    label_before: re.Pattern[str]
    histology_gap: int


def _load_json(name: str) -> dict[str, Any]:
    path = knowledge_dir() / "nlp" / "histology" / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnowledgeError(str(path), f"cannot read vocabulary: {exc}") from exc


def _vocabulary(
    entries: dict[str, _Entry],
    not_before: dict[str, re.Pattern[str]] | None = None,
    not_after: dict[str, re.Pattern[str]] | None = None,
) -> _Vocabulary:
    # The trie is greedy, so the longest form wins ('non-small cell carcinoma' over 'small cell
    # carcinoma'). A space between a form's words may be read as a short run: OCR ends a wrapped
    # line with a space before its break ('squamous cell \ncarcinoma', read as two spaces).
    pattern = trie_pattern(list(entries)).replace(re.escape(" "), _FORM_SPACE)
    return _Vocabulary(re.compile(pattern), entries, not_before or {}, not_after or {})


@lru_cache(maxsize=1)
def _histology_vocabulary() -> _Vocabulary:
    entries: dict[str, _Entry] = {}
    for term in _load_json("histology.json")["terms"]:
        for form in term["forms"]:
            attrs = dict(
                term.get("attrs", {}),
                **({"site_hint": term["site_hint"]} if "site_hint" in term else {}),
            )
            entries[form.lower()] = _Entry(term["term"], float(term["score"]), attrs)
    return _vocabulary(entries)


@lru_cache(maxsize=1)
def _negation() -> tuple[tuple[str, ...], dict[str, str]]:
    """Negation words that may stand just before a term, and each term's value when negated."""
    data = _load_json("histology.json")
    before = tuple(str(w).lower() for w in data["negated_modifier"]["before"])
    negated_as = {t["term"]: str(t["negated_as"]) for t in data["terms"] if "negated_as" in t}
    return before, negated_as


def _negated_value(text: str, hit: _Hit, entry: _Entry) -> tuple[str | None, bool]:
    """(value, negated): 'non-mucinous adenocarcinoma' -> ('adenocarcinoma', True); a negated term
    with no plainer reading ('non small-cell carcinoma' hit at 'small') -> (None, True)."""
    before, negated_as = _negation()
    preceding = lowered_same_offsets(text[max(0, hit.start - 8) : hit.start])
    if not any(preceding.endswith(word) for word in before):
        return entry.value, False
    return negated_as.get(entry.value), True


@lru_cache(maxsize=1)
def _site_vocabulary() -> _Vocabulary:
    sites = _load_json("sites.json")["sites"]
    entries = {form.lower(): _Entry(site["site"], 1.0) for site in sites for form in site["forms"]}
    try:
        not_before = {
            form.lower(): re.compile(r"\s*(?:" + "|".join(words) + ")", re.IGNORECASE)
            for site in sites
            for form, words in site.get("not_before", {}).items()
        }
        not_after = {
            form.lower(): re.compile(r"(?:" + "|".join(words) + r")\s*$", re.IGNORECASE)
            for site in sites
            for form, words in site.get("not_after", {}).items()
        }
    except re.error as exc:
        raise KnowledgeError("knowledge/nlp/histology/sites.json", f"not_before/after: {exc}") from exc
    return _vocabulary(entries, not_before, not_after)


@lru_cache(maxsize=1)
def _site_cues() -> _SiteCues:
    data = _load_json("metastasis.json")

    def cues(key: str) -> re.Pattern[str]:
        where = "knowledge/nlp/histology/metastasis.json"
        if key not in data:
            raise KnowledgeError(where, f"{key}: missing")
        return any_of(data[key], where)

    keys = (
        "origin_before",
        "origin_after",
        "distance_before",
        "negated_before",
        "metastasis_before",
        "metastasis_after",
        "line_metastasis",
        "negative_after",
        "disease_after",
        "history_before",
        "origin_not_after",
        "next_line_label",
        "hedged_after",
        "label_before",
    )
    return _SiteCues(*(cues(k) for k in keys), histology_gap=int(data["histology_gap"]))


# ------------------------------------------------------------------ histology


def find_histology(text: str) -> list[Mention]:
    vocab = _histology_vocabulary()
    mentions = []
    for hit in islice(vocab.hits(text), MAX_MATCHES):
        entry = vocab.entry(hit.surface)
        value, negated = _negated_value(text, hit, entry)
        if value is None:
            continue
        attrs = {"negated_modifier": True} if negated else dict(entry.attrs)
        mentions.append(
            Mention(
                "histology",
                value,
                hit.start,
                hit.end,
                entry.score,
                "histology_vocabulary (strong)",
                attrs=attrs,
            )
        )
    return mentions


# ------------------------------------------------------------------ primary site


def _line_around(text: str, start: int, end: int) -> str:
    left = max(
        (m.end() for m in _LINE_END.finditer(text, max(0, start - 200), start)),
        default=max(0, start - 200),
    )
    right_match = _LINE_END.search(text, end, end + 200)
    return text[left : right_match.start() if right_match else min(len(text), end + 200)]


def _next_to_histology(text: str, start: int, end: int, gap: int, metastasis: re.Pattern[str]) -> bool:
    """'肺腺癌', 'lung adenocarcinoma', 'adenocarcinoma of the lung': organ and histology in one phrase; not
    with a metastasis word between them ('（肝脏）转移性腺癌': a metastasis in the liver, the specimen's organ)."""
    vocab = _histology_vocabulary()
    following = vocab.first_hit(text, end, end + gap + 40)
    if (
        following
        and following.start - end <= gap
        and not _CLAUSE_BREAK.search(text, end, following.start)
    ):
        return not metastasis.search(text, end, following.start)
    last = None
    for hit in vocab.hits(text, max(0, start - _WINDOW_BEFORE), start):
        last = hit
    return last is not None and bool(_HISTOLOGY_OF.match(text[last.end : start]))


def _rest_of_line(text: str, end: int) -> tuple[int, int]:
    window_end = min(len(text), end + _WINDOW_AFTER * 2)
    line_end = _LINE_END.search(text, end, window_end)
    return end, line_end.start() if line_end else window_end


def _histology_later_on_line(text: str, end: int) -> bool:
    """'Bladder, radical cystectomy: invasive urothelial carcinoma': the specimen line names the organ."""
    return _histology_vocabulary().first_hit(text, *_rest_of_line(text, end)) is not None


def _negative_later_on_line(text: str, end: int, negative: re.Pattern[str]) -> bool:
    """'Ovary and tube: no tumor present', 'Cervix: negative for dysplasia': the organ's line says,
    close after the organ word, that it holds no tumour, before naming any histology ('Lung:
    adenocarcinoma; margins free of tumor' keeps the lung). A line that ends in a label's colon
    ('Liver nodule:') has its answer on the next line."""
    start, line_end = end, _rest_of_line(text, end)[1]
    if text[start:line_end].rstrip().endswith((":", "：")):
        line_end = _rest_of_line(text, line_end + 1)[1]
    stop = min(line_end, end + _NEGATIVE_REACH)
    said = negative.search(text, start, stop)
    if said is None:
        return False
    histology_hit = _histology_vocabulary().first_hit(text, start, stop)
    return histology_hit is None or said.start() < histology_hit.start


def _ruled_out(cues: _SiteCues, before: str, after: str) -> bool:
    """A metastasis site, or an organ the words around negate or hedge ('cannot exclude ...')."""
    return bool(
        cues.metastasis_before.search(before)
        or cues.metastasis_after.search(after)
        or cues.negated_before.search(before)
        or cues.hedged_after.search(after)
    )


def _own_words_after(cues: _SiteCues, before: str, after: str) -> str:
    """The words after an organ word that may say what it holds: none where they open the next line
    as a label ('Bile duct\\nPRIMARY TUMOR (pT): ...'), or where the organ word is a container's
    label ('received labeled "liver lesion"': a specimen's name, not its diagnosis)."""
    if cues.next_line_label.match(after) or cues.label_before.search(before):
        return ""
    return after


def _said_origin(cues: _SiteCues, before: str, after: str, own_after: str) -> bool:
    """A tumour said to come from the organ, unless the words after it name a benign structure of
    the organ ('consistent with a gallbladder duplication cyst') or a measured distance."""
    return bool(
        cues.origin_before.search(before)
        and not cues.distance_before.search(before)
        and not cues.origin_not_after.match(after)
    ) or bool(cues.origin_after.search(own_after))


def _site_reading(text: str, start: int, end: int) -> tuple[str, float] | None:
    """(pattern, score) when the organ word at [start, end) names the primary site, else None. A
    cancer of the clinical history ('status post epiglottic carcinoma') is a weak reading, which
    never outvotes the organ the report diagnoses."""
    cues = _site_cues()
    before = text[max(0, start - _WINDOW_BEFORE) : start]
    after = text[end : end + _WINDOW_AFTER]
    if _ruled_out(cues, before, after):
        return None
    if cues.history_before.search(before):
        return "site_history (weak)", 0.6
    own_after = _own_words_after(cues, before, after)
    if _said_origin(cues, before, after, own_after):
        return "site_origin (strong)", 0.95
    if _next_to_histology(text, start, end, cues.histology_gap, cues.line_metastasis):
        return "site_histology (strong)", 0.9
    if cues.disease_after.search(own_after):
        # 'Liver nodule, biopsy: no tumour' is an organ examined and found free of tumour.
        negative = _negative_later_on_line(text, end, cues.negative_after)
        return None if negative else ("site_disease (strong)", 0.85)
    # From here the organ is not tied to the tumour by its own phrase: on a line that speaks of
    # metastasis ("Liver, biopsy: metastatic adenocarcinoma") it is the specimen site, not the primary.
    if cues.line_metastasis.search(_line_around(text, start, end)):
        return None
    if _negative_later_on_line(text, end, cues.negative_after):
        return None
    if _histology_later_on_line(text, end):
        return "site_line_histology (medium)", 0.8
    return "site_word (medium)", 0.7


def find_primary_site(text: str) -> list[Mention]:
    vocab = _site_vocabulary()
    mentions = _resection_mentions(text)
    for hit in islice(vocab.hits(text), MAX_MATCHES):
        reading = _site_reading(text, hit.start, hit.end)
        if reading is not None:
            pattern, score = reading
            mentions.append(
                Mention(
                    "primary_site",
                    vocab.entry(hit.surface).value,
                    hit.start,
                    hit.end,
                    score,
                    pattern,
                )
            )
    return mentions


def organ_words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, organ) of each organ word in text[start:end], whatever role it plays."""
    vocab = _site_vocabulary()
    return [
        (h.start, h.end, vocab.entry(h.surface).value)
        for h in islice(vocab.hits(text, start, end), MAX_MATCHES)
    ]


@lru_cache(maxsize=1)
def _histology_decides() -> tuple[tuple[str, frozenset[str], str, frozenset[str]], ...]:
    rules = _load_json("sites.json").get("histology_decides", {}).get("rules", [])
    return tuple(
        (r["histology"], frozenset(r["among"]), r["site"], frozenset(r.get("unless", [])))
        for r in rules
    )


@dataclass(frozen=True)
class _Resection:
    """A resection done for one organ's cancer (sites.json ``resection_decides``): it names ``site``
    where the vote falls on an organ in ``over`` and no histology in ``unless`` is read."""

    site: str
    over: frozenset[str]
    unless: frozenset[str]


@lru_cache(maxsize=1)
def _resections() -> tuple[_Vocabulary, dict[str, _Resection]]:
    """The resection words as one vocabulary (each word's entry: its site, score and rule)."""
    rules = _load_json("sites.json").get("resection_decides", {}).get("rules", [])
    entries: dict[str, _Entry] = {}
    by_site: dict[str, _Resection] = {}
    for rule in rules:
        by_site[rule["site"]] = _Resection(
            rule["site"], frozenset(rule["over"]), frozenset(rule.get("unless", []))
        )
        for word in rule["words"]:
            entries[word.lower()] = _Entry(rule["site"], float(rule["score"]), {"resection": True})
    return _vocabulary(entries), by_site


def _resection_mentions(text: str) -> list[Mention]:
    """Primary-site mentions of the resections that name the organ they are done for ('radical
    hysterectomy': the cervix); the vote reads them only through their rule (``site_vote``)."""
    vocab = _resections()[0]
    return [
        Mention(
            "primary_site",
            (entry := vocab.entry(hit.surface)).value,
            hit.start,
            hit.end,
            entry.score,
            "site_resection (medium)",
            attrs=dict(entry.attrs),
        )
        for hit in islice(vocab.hits(text), MAX_MATCHES)
    ]


def _resected_site(best: str, resected: set[str], terms: set[str]) -> str | None:
    """The organ a named resection was done for, where the vote's organ is the one around it."""
    for site in resected:
        rule = _resections()[1][site]
        if best in rule.over and not rule.unless & terms:
            return site
    return None


def site_vote(mentions: Iterable[Mention]) -> str | None:
    """The organ the report names as primary most often and most strongly, unless it names both
    organs of a pair whose histology decides between them, or a resection done for the organ
    inside the one voted for (sites.json).

    Counted from primary-site mentions and the site hints of histology mentions; other fields are
    ignored. The one decision of the report's primary site: staging inference takes it over the
    recognizer's mentions of the text, the product's primary_site finding over the pipeline's.
    """
    weight: dict[str, list[float]] = defaultdict(list)
    terms: set[str] = set()
    resected: set[str] = set()
    for mention in mentions:
        if mention.field == "primary_site" and mention.attrs.get("resection"):
            resected.add(mention.value)
        elif mention.field == "primary_site":
            weight[mention.value].append(_wording_score(mention))
        elif mention.field == "histology":
            terms.add(mention.value)
            if "site_hint" in mention.attrs:
                weight[mention.attrs["site_hint"]].append(_HINT_SCORE)
    if not weight:
        return None
    best = max(
        weight,
        key=lambda site: (
            sum(s >= 0.85 for s in weight[site]),
            max(weight[site]),
            len(weight[site]),
        ),
    )
    for term, pair, site, unless in _histology_decides():
        if best in pair and term in terms and pair <= weight.keys() and not unless & terms:
            return site
    return _resected_site(best, resected, terms) or best


def _wording_score(mention: Mention) -> float:
    """The score this module gave the mention's wording (origin, histology phrase, bare word), before
    the NER model raised or lowered it: the vote weighs how the report ties the organ to the tumour;
    how sure the model is that the word is an organ goes to the finding's confidence instead."""
    adjustments = mention.attrs.get("adjustments") or ()
    return float(adjustments[0]["from"]) if adjustments else mention.score


def primary_site(text: str) -> str | None:
    """The report's primary site: the vote (``site_vote``) over the mentions this module reads."""
    return site_vote(find(text))


def find(text: str) -> list[Mention]:
    """Histology and primary-site mentions in a report, in text order."""
    return list(_find(text))


@lru_cache(maxsize=1)
def _find(text: str) -> tuple[Mention, ...]:
    # Kept for the last text read: staging asks for its organ (``primary_site``) and the pipeline
    # then runs this recognizer on the same text (a second reading was 1.5% of a dense page).
    return tuple(sorted(find_histology(text) + find_primary_site(text), key=lambda m: (m.start, m.field)))
