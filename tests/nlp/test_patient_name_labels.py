"""An English field label cuts a patient name only where it is a label (issue 4: 'Edward' read as 'Ed')."""

from __future__ import annotations

import pytest

from review_engine.nlp.recognizers import patient


def _name(text: str) -> str | None:
    names = [m.value for m in patient.find(text) if m.field == "patient.name"]
    return names[0] if names else None


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Patient: Edward Jackson\tSex: Male\tAge: 49", "Edward Jackson"),  # 'ward' inside a name
        ("Name: David Carter\tSex: Male", "David Carter"),  # 'id' inside a name
        ("Name: Emily Edwards\tSex: F", "Emily Edwards"),
        ("Name: David Ward", "David Ward"),  # a surname that is also a label word
        ("Name: DAVID WARD\tSex: M", "DAVID WARD"),
        ("Name: Arthur MartinSex: Male", "Arthur Martin"),  # OCR glued the next label on
        ("Name: Li Wei\tID: 12345", "Li Wei"),
        ("姓名：张伟性别：男", "张伟"),
        ("Name: Sex: M", None),
    ],
)
def test_patient_name_cut_only_at_a_real_label(text: str, expected: str | None) -> None:
    assert _name(text) == expected
