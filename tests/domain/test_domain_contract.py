"""The domain model accepts the contract's JSON as written and round-trips it unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from review_engine.domain import Claim, DocumentFindings, ParsedDocument, ReviewResult, most_severe
from review_engine.errors import CONTRACT_REASON_CODES, ReasonCode

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "CONTRACT.md"


def _contract_text() -> str:
    if not CONTRACT.exists():
        pytest.skip("shared/CONTRACT.md is not beside the checkout")
    return CONTRACT.read_text(encoding="utf-8")


def _contract_json_blocks() -> list[dict]:
    blocks = re.findall(r"```json\n(.*?)```", _contract_text(), flags=re.DOTALL)
    return [json.loads(b) for b in blocks]


def _roundtrip(model_cls, data: dict) -> None:
    first = model_cls.model_validate(data).model_dump(mode="json")
    second = model_cls.model_validate(json.loads(json.dumps(first))).model_dump(mode="json")
    assert first == second


def test_domain_contract_claim_example_validates_and_roundtrips():
    claim_json = _contract_json_blocks()[0]
    claim = Claim.model_validate(claim_json)
    assert claim.items[1].drug == "osimertinib"
    assert claim.history[0].items[0].genes == ["EGFR"]
    assert claim.language == "zh"
    _roundtrip(Claim, claim_json)


def test_domain_contract_findings_example_keeps_every_field():
    findings_json = _contract_json_blocks()[1]
    dumped = DocumentFindings.model_validate(findings_json).model_dump(mode="json")
    variant = dumped["variants"][0]
    assert variant["alteration"] == "L858R" and variant["vaf"] == 0.235
    assert variant["evidence"]["bbox"] == [112, 604, 1290, 652]
    assert dumped["staging"] == {**findings_json["staging"], "t_derived": False, "n_derived": False,
                                 "stage_provisional": False}
    # tps_upper / cps_upper: contract extensions (a score given as a range or a floor), None for one figure
    assert dumped["biomarkers"]["pdl1"] == {"tps": 60.0, "cps": None, "clone": "22C3", "tps_upper": None,
                                            "cps_upper": None}
    _roundtrip(DocumentFindings, findings_json)


def test_domain_contract_review_result_example_roundtrips():
    result_json = _contract_json_blocks()[2]
    result_json = {**result_json, "findings": []}  # the example elides findings with "..."
    result = ReviewResult.model_validate(result_json)
    assert result.items[0].reasons[0].code == "INDICATED"
    _roundtrip(ReviewResult, result_json)


def test_domain_reason_codes_match_contract_list():
    text = _contract_text()
    listed = set(re.findall(r"`([A-Z_]{3,})`", text.split("Reason codes")[1].split("- `missing_documents`")[0]))
    assert listed == CONTRACT_REASON_CODES
    added = {code.value for code in ReasonCode} - listed
    changelog = (Path(__file__).resolve().parents[2] / "CHANGELOG.md").read_text(encoding="utf-8")
    assert all(code in changelog for code in added), "codes added beyond the contract are documented"


@pytest.mark.parametrize(
    "decisions, expected",
    [
        # the most severe item decides the claim
        (["approve", "approve"], "approve"),
        (["approve", "route_mdt"], "route_mdt"),
        (["route_mdt", "flag", "approve"], "flag"),
        # nothing proven: a person looks
        ([], "route_mdt"),
    ],
)
def test_domain_most_severe(decisions, expected):
    assert most_severe(decisions) == expected


@pytest.mark.parametrize(
    "patch, problem",
    [
        ({"items": []}, "items"),
        ({"service_date": "yesterday"}, "service_date"),
        ({"items": [{"item_id": "1", "kind": "surgery"}]}, "kind"),
        ({"documents": [{"doc_id": "d1", "path": "a.pdf"}, {"doc_id": "d1", "path": "b.pdf"}]}, "doc_id"),
    ],
)
def test_domain_claim_rejects_invalid(patch, problem):
    claim_json = {**_contract_json_blocks()[0], **patch}
    with pytest.raises(Exception) as info:
        Claim.model_validate(claim_json)
    assert problem in str(info.value)


def test_domain_parsed_document_evidence_for_unions_word_boxes():
    words = [
        {"text": "EGFR", "bbox": (10, 10, 50, 20), "confidence": 0.9, "page": 1, "start": 0, "end": 4},
        {"text": "L858R", "bbox": (60, 11, 110, 22), "confidence": 0.8, "page": 1, "start": 5, "end": 10},
    ]
    doc = ParsedDocument.model_validate(
        {
            "path": "x.png", "media_type": "image/png", "engine": "rapidocr", "text": "EGFR L858R",
            "pages": [{"number": 1, "width": 200, "height": 100,
                       "lines": [{"text": "EGFR L858R", "bbox": (10, 10, 110, 22), "words": words, "confidence": 0.85}]}],
        }
    )
    ev = doc.evidence_for(5, 10)
    assert ev.bbox == [60, 11, 110, 22] and ev.text == "L858R" and ev.confidence == 0.8
    both = doc.evidence_for(0, 10)
    assert both.bbox == [10, 10, 110, 22] and both.confidence == 0.8
    assert doc.evidence_for(50, 60) is None
