"""The calibration's selection functions on synthetic (confidence, correct) pairs with known answers."""

from __future__ import annotations

import pytest


def _pairs(calibration, table):
    """table: [(confidence, correct count, wrong count)] -> Scored findings."""
    out = []
    for conf, right, wrong in table:
        out += [calibration.Scored(conf, True)] * right + [calibration.Scored(conf, False)] * wrong
    return out


@pytest.mark.parametrize(
    ("table", "target", "expected", "reached"),
    [
        # errors only at 0.65 and below: 0.66 is the lowest cut with precision 1.0; it keeps the
        # findings from 0.70 up, so 0.70 is written
        ([(0.50, 10, 10), (0.65, 5, 5), (0.70, 100, 0), (0.90, 100, 0)], 0.995, 0.70, True),
        # the 0.60 bin pulls precision to 259/265; above it 249/250 = 0.996 reaches the target
        ([(0.60, 10, 5), (0.90, 199, 1), (0.99, 50, 0)], 0.995, 0.90, True),
        # everything right: the cut at 0 keeps all; nothing below 0.30 was seen, so 0.30
        ([(0.30, 5, 0), (0.95, 5, 0)], 0.995, 0.30, True),
    ],
)
def test_finding_threshold_is_lowest_reaching_target(calibration, table, target, expected, reached):
    choice = calibration.choose_finding_threshold(_pairs(calibration, table), target)
    assert choice.threshold == pytest.approx(expected)
    assert choice.reached_target is reached
    assert choice.cut.precision >= target


def test_finding_threshold_falls_back_to_best_precision_with_share_floor(calibration):
    # errors at every confidence: no threshold reaches 0.995. Precision rises with the threshold, but
    # only thresholds keeping >= 50% qualify: 0.51-0.80 keep 60/100 (precision 57/60), 0.90 keeps 30/100.
    findings = _pairs(calibration, [(0.50, 30, 10), (0.80, 28, 2), (0.90, 29, 1)])
    choice = calibration.choose_finding_threshold(findings, 0.995, min_share=0.5)
    assert not choice.reached_target
    assert choice.cut.threshold == pytest.approx(0.51)
    assert choice.threshold == pytest.approx(0.80)
    assert choice.cut.kept == 60
    assert choice.cut.precision == pytest.approx(57 / 60)


def test_finding_threshold_ignores_cuts_below_the_share_floor(calibration):
    # only the 0.98 bin is error-free, but it holds 5% of the findings: not a calibration
    findings = _pairs(calibration, [(0.90, 80, 5), (0.96, 8, 2), (0.98, 5, 0)])
    choice = calibration.choose_finding_threshold(findings, 0.995, min_share=0.5)
    assert not choice.reached_target
    assert choice.cut.threshold == pytest.approx(0.0)
    assert choice.threshold == pytest.approx(0.90)
    assert choice.cut.precision == pytest.approx(93 / 100)


def test_precision_curve_counts_findings_at_or_above(calibration):
    findings = _pairs(calibration, [(0.5, 1, 1), (0.8, 2, 0)])
    cuts = {c.threshold: c for c in calibration.precision_curve(findings, [0.0, 0.5, 0.51, 0.8, 0.81])}
    assert (cuts[0.5].kept, cuts[0.5].correct) == (4, 3)
    assert (cuts[0.51].kept, cuts[0.51].correct, cuts[0.51].share_kept) == (2, 2, 0.5)
    assert (cuts[0.8].kept, cuts[0.81].kept) == (2, 0)


def test_reliability_table_bins_by_confidence(calibration):
    findings = _pairs(calibration, [(0.55, 1, 3), (1.0, 4, 0)])
    rows = {r["bin"]: r for r in calibration.reliability_table(findings, (0.0, 0.5, 0.6, 1.0001))}
    assert rows["[0.50, 0.60)"] == {"bin": "[0.50, 0.60)", "n": 4, "correct": 1, "accuracy": 0.25}
    assert rows["[0.60, 1.00]"]["accuracy"] == 1.0
    assert rows["[0.00, 0.50)"]["n"] == 0


@pytest.mark.parametrize(
    ("values", "reliable", "max_false_reject", "expected", "caught"),
    [
        # clean split: unreliable at 0.2-0.4, reliable from 0.7 -> the middle of the gap catches all three
        ([0.2, 0.3, 0.4, 0.7, 0.8, 0.9, 0.95], [False] * 3 + [True] * 4, 0.0, 0.55, 3),
        # an unreliable document above a reliable one: no reliable rejection allowed -> between 0.2 and 0.5
        ([0.2, 0.6, 0.5, 0.9, 0.95], [False, False, True, True, True], 0.0, 0.35, 1),
        # one reliable rejection allowed out of 3 (share 0.34): the cut may pass 0.5 to catch 0.6
        ([0.2, 0.6, 0.5, 0.9, 0.95], [False, False, True, True, True], 0.34, 0.75, 2),
        # catching the 0.86 document leaves a gap of 0.02 below the 0.88 reliable one: too narrow,
        # the cut stays in the wide gap between 0.2 and 0.86
        ([0.2, 0.86, 0.88, 0.95], [False, False, True, True], 0.0, 0.53, 1),
        # catching 0.42 leaves 0.03 to the 0.45 reliable one: too narrow. Catching 0.2 and 0.4 leaves
        # 0.05 to it (the unreliable 0.42 in between does not shrink that margin): the cut sits at 0.41
        ([0.2, 0.4, 0.42, 0.45], [False, False, False, True], 0.0, 0.41, 2),
        # unreliable documents only above every reliable one: nothing can be caught -> no gate (0)
        ([0.9, 0.95, 0.5, 0.6], [False, False, True, True], 0.0, 0.0, 0),
    ],
)
def test_document_threshold_separates_unreliable(calibration, values, reliable, max_false_reject, expected, caught):
    s = calibration.choose_document_threshold(values, reliable, max_false_reject)
    assert s.threshold == pytest.approx(expected, abs=1e-5)
    assert s.unreliable_rejected == caught


def test_write_settings_keeps_comments(calibration, tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text(
        "# head comment\nocr:\n  dpi: 200\npolicy:\n  panel_size_limit: 100   # keep me\n"
        "  min_finding_confidence: 0.80  # gate 5\n  min_chars_per_page: 40        # gate 1\n"
        '  calibration_note: "old"\n', encoding="utf-8")
    calibration.write_settings(path, {"min_finding_confidence": 0.93, "min_chars_per_page": 25.0}, "new note",
                               ["measured on seed 11"])
    text = path.read_text(encoding="utf-8")
    assert "# head comment" in text and "# keep me" in text
    assert "  min_finding_confidence: 0.93  # gate 5" in text
    assert "  min_chars_per_page: 25        # gate 1" in text
    assert '  calibration_note: "new note"' in text
    assert "policy:\n  # calibration: measured on seed 11\n" in text
    calibration.write_settings(path, {"min_finding_confidence": 0.9}, "again", ["second"])
    assert path.read_text(encoding="utf-8").count("# calibration:") == 1
