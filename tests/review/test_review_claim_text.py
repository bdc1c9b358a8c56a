"""The claim diagnosis parser and the stage logic built on it (AJCC 8th lung table, stage words)."""

from __future__ import annotations

import pytest

from review_engine.review.claim_text import has_any_term, parse_diagnosis
from review_engine.review.facts import stage_from_tnm, stage_interval


@pytest.mark.parametrize(
    "text, stage, tnm, words, site, histology",
    [
        # roman stage with TNM
        ("右肺上叶腺癌 IVA期（cT3N2M1a）", "IVA", ("T3", "N2", "M1a"), set(), "lung", "adenocarcinoma"),
        ("Lung adenocarcinoma, stage IIIB (cT4 N2 M0)", "IIIB", ("T4", "N2", "M0"), set(), "lung", "adenocarcinoma"),
        ("右肺腺癌 ⅣB期", "IVB", None, set(), "lung", "adenocarcinoma"),
        ("右肺腺癌 ＩＩＩＡ期", "IIIA", None, set(), "lung", "adenocarcinoma"),
        # stage words: 局部晚期 must not also read as 晚期
        ("左肺鳞癌 局部晚期", None, None, {"locally_advanced"}, "lung", "squamous cell carcinoma"),
        ("metastatic breast invasive ductal carcinoma", None, None, {"metastatic"}, "breast", "invasive ductal carcinoma"),
        # site words removed before histology: 乳腺癌 is not 腺癌; 小细胞肺癌 is small cell
        ("乳腺癌术后 pT2N1M0", None, ("T2", "N1", "M0"), {"resected"}, "breast", None),
        ("右肺小细胞肺癌", None, None, set(), "lung", "small cell carcinoma"),
        ("non-small cell lung cancer, locally advanced", None, None, {"locally_advanced"}, "lung", "non-small cell carcinoma"),
    ],
)
def test_review_claim_text_parse(text, stage, tnm, words, site, histology, graph):
    parsed = parse_diagnosis(text, graph)
    assert (parsed.stage, parsed.tnm, set(parsed.stage_words), parsed.histology) == (stage, tnm, words, histology)
    assert site in parsed.sites


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, stage",
    [
        # a stage group in arabic or Chinese numerals: unread, the claim routed for want of a stage
        ("右肺腺癌4期", "IV"),
        ("右肺腺癌 四期", "IV"),
        ("右肺腺癌 4A期", "IVA"),
        ("乳腺癌 2期", "II"),
        ("lung adenocarcinoma stage 4", "IV"),
        ("NSCLC, stage 4B", "IVB"),
        # the roman stage wins where both stand
        ("右肺腺癌 IIIB期（曾记为4期）", "IIIB"),
        # a surgery's or trial's phase, an issue number, a size: no stage
        ("右肺腺癌 一期切除术后", None),
        ("右肺腺癌 二期手术", None),
        ("参加2期临床试验", None),
        ("第4期", None),
        ("tumour stage 4.5 cm", None),
    ],
)
def test_review_claim_text_reads_a_stage_in_numerals(text, stage, graph):
    assert parse_diagnosis(text, graph).stage == stage


@pytest.mark.parametrize(
    "text, words",
    [
        # a negated stage word says the opposite: read as metastatic, it approved first-line osimertinib
        ("右肺腺癌术后 无远处转移", {"resected"}),
        ("右肺腺癌，未见明确远处转移", set()),
        ("lung adenocarcinoma, no metastatic disease", set()),
        # a metastasis to be ruled out is not yet one
        ("右肺腺癌 骨转移待排", set()),
        ("右肺腺癌 脑转移？", set()),
        # a named distant site is M1; a lymph node's metastasis is N
        ("右肺腺癌伴脑转移", {"metastatic"}),
        ("lung adenocarcinoma with brain metastases", {"metastatic"}),
        ("右肺腺癌 淋巴结转移", set()),
        # 非 opens non-small cell: no negation of the stage word after it
        ("非小细胞癌晚期", {"metastatic"}),
        # peritoneal and lung metastases are distant (gastric trastuzumab routed for want of a stage); a nodule
        # in the same lung is T3/T4, not M1
        ("胃癌伴腹膜转移", {"metastatic"}),
        ("gastric adenocarcinoma with peritoneal carcinomatosis", {"metastatic"}),
        ("结肠癌肺转移", {"metastatic"}),
        ("右肺腺癌伴对侧肺转移", {"metastatic"}),
        ("右肺腺癌伴同侧肺转移", set()),
        ("lung adenocarcinoma with ipsilateral lung metastasis", set()),
    ],
)
def test_review_claim_text_stage_words_settled(text, words, graph):
    assert set(parse_diagnosis(text, graph).stage_words) == words


@pytest.mark.parametrize(
    "text, provisional",
    [
        ("右肺腺癌 IV期", False),
        ("右肺腺癌 IV期（待排）", True),
        ("右肺腺癌 IV期？", True),
        ("右肺腺癌 疑似IV期", True),
        ("右肺腺癌 cT2aN2M1b（待查）", True),
        ("lung adenocarcinoma, stage IV (pending PET-CT)", True),
        ("lung adenocarcinoma, presumed stage IV", True),
        # 考虑 (considered) is how a clinical diagnosis is written, not a doubt about the stage
        ("考虑右肺腺癌 IV期", False),
        ("右肺腺癌 IV期 骨转移待排", False),
        # a range, alternatives or a floor settle no stage: 'III-IV期' was read as IV and approved osimertinib
        ("右肺腺癌 III-IV期", True),
        ("右肺腺癌 IIIB期或IV期", True),
        ("右肺腺癌 至少IIIB期", True),
        ("lung adenocarcinoma, stage III/IV", True),
        ("右肺腺癌 IVA期（cT3N2M1a）", False),
        ("右肺腺癌 化疗2-4周期后 IIIA期", False),
    ],
)
def test_review_claim_text_reads_a_provisional_stage(text, provisional, graph):
    assert parse_diagnosis(text, graph).stage_provisional is provisional


@pytest.mark.parametrize(
    "t, n, m, expected",
    [
        ("T1a", "N0", "M0", ("IA1", "IA1")),
        ("T2a", "N0", "M0", ("IB", "IB")),
        ("T3", "N1", "M0", ("IIIA", "IIIA")),
        ("T4", "N2", "M0", ("IIIB", "IIIB")),
        ("T4", "N3", "M0", ("IIIC", "IIIC")),
        ("T3", "N2", "M1a", ("IVA", "IVA")),
        ("TX", "NX", "M1c", ("IVB", "IVB")),
        ("T2", "N0", "M0", ("IB", "IIA")),  # T2 without a letter spans T2a (IB) and T2b (IIA)
        ("T2a", "N0", "MX", None),
    ],
)
def test_review_stage_from_lung_tnm(t, n, m, expected, graph):
    got = stage_from_tnm(t, n, m, "lung", graph)
    order = graph.raw.stages.order
    assert (None if got is None else (order[got[0]], order[got[1]])) == expected


@pytest.mark.parametrize("label, lo, hi", [("IV", "IVA", "IVC"), ("IIIB", "IIIB", "IIIB"), ("IA", "IA1", "IA3")])
def test_review_stage_interval_expands_coarse_groups(label, lo, hi, graph):
    order = graph.raw.stages.order
    a, b = stage_interval(label, graph)
    assert (order[a], order[b]) == (lo, hi)


@pytest.mark.parametrize(
    "texts, found",
    [
        (["右肺腺癌 吉非替尼治疗后进展"], "进展"),
        (["disease progression on erlotinib"], "progression"),
        (["PD after 10 months"], "PD"),
        (["UPDATE of record"], None),  # "PD" inside a word is not progression
    ],
)
def test_review_retest_exception_words(texts, found, graph):
    words = graph.raw.claim_text.retest_exceptions["progression"]
    assert has_any_term(texts, words) == found


@pytest.mark.parametrize(
    "table, t, n, m, expected",
    [
        # breast anatomic stage groups
        ("breast", "T2", "N1", "M0", ("IIB", "IIB")),
        ("breast", "T1c", "N0", "M0", ("IA1", "IA3")),  # IA is a coarse group
        ("breast", "T4b", "N2", "M0", ("IIIB", "IIIB")),
        ("breast", "T2", "N3a", "M0", ("IIIC", "IIIC")),
        ("breast", "T2", "N0", "M1", ("IVA", "IVC")),
        # colorectal
        ("colorectal", "T3", "N0", "M0", ("IIA", "IIA")),
        ("colorectal", "T4b", "N2a", "M0", ("IIIC", "IIIC")),
        ("colorectal", "T4", "N0", "M0", ("IIB", "IIC")),  # T4 without a letter spans T4a/T4b
        ("colorectal", "T3", "N1", "M1c", ("IVC", "IVC")),
    ],
)
def test_review_stage_from_breast_and_colorectal_tnm(table, t, n, m, expected, graph):
    got = stage_from_tnm(t, n, m, table, graph)
    order = graph.raw.stages.order
    assert (order[got[0]], order[got[1]]) == expected
