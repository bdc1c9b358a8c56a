"""AJCC 8th stage groups from T/N/M (review_engine/stage_tables.py over knowledge/staging/ajcc8.yaml), stage order, category and stage repair."""

from __future__ import annotations

import pytest

from review_engine.nlp.normalize.tnm import (
    category_rank,
    n_from_positive_nodes,
    normalize_category,
    normalize_stage,
    t_from_size,
)
from review_engine.stage_tables import (
    category_parents,
    common_stage,
    derive_stage,
    stage_candidates,
    stage_order,
)


@pytest.mark.parametrize(
    ("site", "t", "n", "m", "prefix", "stage"),
    [
        # lung (NSCLC)
        ("lung", "TX", "N0", "M0", "p", "occult"),
        ("lung", "Tis", "N0", "M0", "p", "0"),
        ("lung", "T1mi", "N0", "M0", "p", "IA1"),
        ("lung", "T1a", "N0", "M0", "p", "IA1"),
        ("lung", "T1b", "N0", "M0", "p", "IA2"),
        ("lung", "T1c", "N0", "M0", "c", "IA3"),
        ("lung", "T2a", "N0", "M0", "p", "IB"),
        ("lung", "T2b", "N0", "M0", "p", "IIA"),
        ("lung", "T2a", "N1", "M0", "c", "IIB"),
        ("lung", "T3", "N0", "M0", "p", "IIB"),
        ("lung", "T1b", "N2", "M0", "p", "IIIA"),
        ("lung", "T4", "N1", "M0", "p", "IIIA"),
        ("lung", "T2a", "N3", "M0", "p", "IIIB"),
        ("lung", "T4", "N2", "M0", "p", "IIIB"),
        ("lung", "T3", "N3", "M0", "p", "IIIC"),
        ("lung", "T3", "N2", "M1a", "c", "IVA"),
        ("lung", "T1a", "N0", "M1b", "c", "IVA"),
        ("lung", "TX", "NX", "M1c", None, "IVB"),
        ("lung", "pT2a", "pN1", "cM0", "p", "IIB"),  # prefixes left on the categories
        # lung, less specific than the table: merged to the common group, or none
        ("lung", "T1", "N0", "M0", "p", "IA"),
        ("lung", "T2", "N0", "M0", "p", None),
        ("lung", "T4", "N3", "M1", "c", "IV"),
        # breast (anatomic)
        ("breast", "Tis", "N0", "M0", "p", "0"),
        ("breast", "T1c", "N0", "M0", "p", "IA"),
        ("breast", "T1mi", "N0", "M0", "p", "IA"),
        ("breast", "T1b", "N1mi", "M0", "p", "IB"),
        ("breast", "T1", "N1", "M0", "p", "IIA"),
        ("breast", "T2", "N0", "M0", "p", "IIA"),
        ("breast", "T2", "N1", "M0", "p", "IIB"),
        ("breast", "T3", "N0", "M0", "p", "IIB"),
        ("breast", "T3", "N1", "M0", "p", "IIIA"),
        ("breast", "T4b", "N2", "M0", "p", "IIIB"),
        ("breast", "T2", "N3a", "M0", "p", "IIIC"),
        ("breast", "T2", "N1", "M1", "c", "IV"),
        # colorectum
        ("colorectum", "Tis", "N0", "M0", "p", "0"),
        ("colorectum", "T2", "N0", "M0", "p", "I"),
        ("colorectum", "T3", "N0", "M0", "p", "IIA"),
        ("colorectum", "T4a", "N0", "M0", "p", "IIB"),
        ("colorectum", "T4b", "N0", "M0", "p", "IIC"),
        ("colorectum", "T2", "N1b", "M0", "p", "IIIA"),
        ("colorectum", "T1", "N2a", "M0", "p", "IIIA"),
        ("colorectum", "T3", "N1c", "M0", "p", "IIIB"),
        ("colorectum", "T2", "N2a", "M0", "p", "IIIB"),
        ("colorectum", "T4a", "N2a", "M0", "p", "IIIC"),
        ("colorectum", "T4b", "N1a", "M0", "p", "IIIC"),
        ("colorectum", "T3", "N1", "M1a", "c", "IVA"),
        ("colorectum", "T3", "N1", "M1b", "c", "IVB"),
        ("colorectum", "T3", "N1", "M1c", "c", "IVC"),
        # stomach: pathological table for p, clinical table for c, none for yp or no prefix
        ("stomach", "T1a", "N0", "M0", "p", "IA"),
        ("stomach", "T2", "N1", "M0", "p", "IIA"),
        ("stomach", "T4a", "N0", "M0", "p", "IIB"),
        ("stomach", "T3", "N2", "M0", "p", "IIIA"),
        ("stomach", "T4b", "N0", "M0", "p", "IIIA"),
        ("stomach", "T1", "N3b", "M0", "p", "IIIB"),
        ("stomach", "T4a", "N3b", "M0", "p", "IIIC"),
        ("stomach", "T4b", "N3a", "M0", "p", "IIIC"),
        ("stomach", "T2", "N2", "M1", "p", "IV"),
        ("stomach", "T2", "N0", "M0", "c", "I"),
        ("stomach", "T2", "N3", "M0", "c", "IIA"),
        ("stomach", "T4a", "N0", "M0", "c", "IIB"),
        ("stomach", "T3", "N2", "M0", "c", "III"),
        ("stomach", "T4b", "N1", "M0", "c", "IVA"),
        ("stomach", "T2", "N1", "M1", "c", "IVB"),
        ("stomach", "T2", "N1", "M0", "yp", None),
        ("stomach", "T2", "N1", "M0", None, None),
        # not derivable
        ("lung", "T2a", "N0", "MX", "p", None),
        ("lung", "T2a", "NX", "M0", "p", None),
        ("ovary", "T1", "N0", "M0", "p", None),
    ],
)
def test_tnm_derive_stage(
    site: str, t: str, n: str, m: str, prefix: str | None, stage: str | None
) -> None:
    assert derive_stage(site, t, n, m, prefix) == stage


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("occult", "0"),
        ("0", "IA1"),
        ("IA1", "IA3"),
        ("IA3", "IB"),
        ("IB", "IIA"),
        ("IIC", "IIIA"),
        ("IIIC", "IV"),
        ("IV", "IVA"),
        ("IVA", "IVB"),
        ("IVB", "IVC"),
        ("I", "IA"),
    ],
)
def test_tnm_stage_order_is_clinical(low: str, high: str) -> None:
    assert stage_order(low) < stage_order(high)


def test_tnm_stage_order_range_check() -> None:
    assert stage_order("IB") <= stage_order("IIB") <= stage_order("IIIA")
    assert not stage_order("IB") <= stage_order("IIIB") <= stage_order("IIIA")


def test_tnm_stage_order_refuses_unknown_stage() -> None:
    with pytest.raises(ValueError, match="IIIE"):
        stage_order("IIIE")


@pytest.mark.parametrize(
    ("raw", "stage", "repaired"),
    [
        ("IIIA", "IIIA", False),
        ("IA1", "IA1", False),
        ("Ⅲa", "IIIA", False),  # unicode roman is a writing, not an OCR error
        ("Ⅳ", "IV", False),
        ("0", "0", False),
        # OCR misreads: repaired and recorded
        ("lll", "III", True),
        ("IIl", "III", True),
        ("1V", "IV", True),
        ("llA", "IIA", True),
        ("|B", "IB", True),
        ("3A", "IIIA", True),
        # not a stage group
        ("IIIE", None, False),
        ("VV", None, False),
        ("ABC", None, False),
    ],
)
def test_tnm_normalize_stage(raw: str, stage: str | None, repaired: bool) -> None:
    value, repairs = normalize_stage(raw)
    assert value == stage
    assert bool(repairs) is repaired


@pytest.mark.parametrize(
    ("letter", "raw", "category", "repaired"),
    [
        ("T", "2a", "T2a", False),
        ("T", "2A", "T2a", False),
        ("T", "1 b", "T1b", False),
        ("T", "is", "Tis", False),
        ("T", "1mi", "T1mi", False),
        ("T", "1b2", "T1b2", False),
        ("M", "x", "MX", False),
        ("N", "O", "N0", True),
        ("M", "O", "M0", True),
        ("T", "l", "T1", True),
        ("N", "lb", "N1b", True),
        ("N", "1mi", "N1mi", False),
        ("T", "lbl", "T1b1", True),
        ("T", "2al", "T2a1", True),
        ("T", "5", None, False),
        ("N", "is", None, False),
    ],
)
def test_tnm_normalize_category(
    letter: str, raw: str, category: str | None, repaired: bool
) -> None:
    value, repairs = normalize_category(letter, raw)
    assert value == category
    assert bool(repairs) is repaired


def test_tnm_category_parents_and_rank() -> None:
    assert category_parents("T2a2") == ["T2a2", "T2a", "T2"]
    assert category_parents("N1mi") == ["N1mi", "N1"]
    ordered = ["TX", "Tis", "T1mi", "T1a", "T1b1", "T1b2", "T1c", "T2", "T2a", "T4b"]
    backwards = ordered[::-1]  # the worst start for the sort: category_rank alone must order them
    assert sorted(backwards, key=category_rank) == ordered


def test_tnm_common_stage() -> None:
    assert common_stage({"IA1", "IA3"}) == "IA"
    assert common_stage({"IVA", "IVB"}) == "IV"
    assert common_stage({"IB", "IIA"}) is None


@pytest.mark.parametrize(
    ("site", "size_cm", "edition", "category"),
    [
        ("lung", 0.8, None, "T1a"),
        ("lung", 1.0, None, "T1a"),
        ("lung", 2.5, None, "T1c"),
        ("lung", 3.5, None, "T2a"),
        ("lung", 4.5, None, "T2b"),
        ("lung", 6.0, None, "T3"),
        ("lung", 7.5, None, "T4"),
        ("lung", 6.0, "AJCC7", "T2b"),  # the 7th edition's cut-offs, for reports staged by it
        ("breast", 0.05, None, "T1mi"),
        ("breast", 1.8, None, "T1c"),
        ("breast", 3.0, None, "T2"),
        ("breast", 6.0, None, "T3"),
        ("colorectum", 3.0, None, None),  # depth, not size, decides colorectal T
    ],
)
def test_tnm_t_from_size(
    site: str, size_cm: float, edition: str | None, category: str | None
) -> None:
    assert t_from_size(site, size_cm, edition) == category


@pytest.mark.parametrize(
    ("site", "positive", "category"),
    [
        ("colorectum", 0, "N0"),
        ("colorectum", 1, "N1a"),
        ("colorectum", 3, "N1b"),
        ("colorectum", 5, "N2a"),
        ("colorectum", 7, "N2b"),
        ("stomach", 2, "N1"),
        ("stomach", 6, "N2"),
        ("stomach", 15, "N3a"),
        ("stomach", 16, "N3b"),
        ("breast", 2, "N1"),
        ("breast", 9, "N2"),
        ("breast", 10, "N3"),
        ("lung", 0, "N0"),
        ("lung", 2, None),  # lung N1-N3 depend on the node station
    ],
)
def test_tnm_n_from_positive_nodes(site: str, positive: int, category: str | None) -> None:
    assert n_from_positive_nodes(site, positive) == category


@pytest.mark.parametrize(
    ("site", "t", "n", "m", "stages"),
    [
        # a category less specific than the table: every group it can be
        ("lung", "T2", "N0", "M0", {"IB", "IIA"}),
        ("lung", "T1a", "N0", "M0", {"IA1"}),
        # M1 needs no T or N
        ("lung", None, None, "M1c", {"IVB"}),
        ("lung", None, None, "M1", {"IVA", "IVB"}),
        # the review's table names resolve to the same site
        ("colorectal", "T4b", "N0", "M0", {"IIC"}),
        ("colorectum", "T3", "N0", "M0", {"IIA"}),
        # unknown M or site: nothing
        ("lung", "T2a", "N0", "MX", set()),
        ("thyroid", "T1", "N0", "M0", set()),
    ],
)
def test_stage_candidates(
    site: str, t: str | None, n: str | None, m: str, stages: set[str]
) -> None:
    assert stage_candidates(site, t, n, m) == stages
