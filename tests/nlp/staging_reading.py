"""How the staging tests read a report: the best mention of a field as ``staging.find`` gives it,
which is the choice the product makes. One copy for every staging test file of this folder."""

from __future__ import annotations

from review_engine.nlp.mentions import Mention
from review_engine.nlp.recognizers import staging


def best(text: str, field: str = "staging.t", edition: str | None = None) -> Mention | None:
    """The best ``field`` mention in ``text``; T inferred by AJCC 8th or ``edition`` ('AJCC7')."""
    return staging.best_mention(staging.find(text, inference_edition=edition), field)


def value(text: str, field: str = "staging.t", edition: str | None = None) -> str | None:
    """The best ``field`` mention's value as a string, or None where none was read."""
    found = best(text, field, edition)
    return str(found.value) if found else None


def derived_t(text: str, edition: str | None = None) -> tuple[str | None, str]:
    """(derived T value, the words it rests on); (None, '') when the best T is none or stated.
    A derived T always comes with its ``staging.t_derived`` flag, which the findings report."""
    mentions = staging.find(text, inference_edition=edition)
    found = staging.best_mention(mentions, "staging.t")
    if found is None or not found.attrs.get("derived"):
        return None, ""
    assert any(m.field == "staging.t_derived" and m.value is True for m in mentions)
    return found.value, text[found.start : found.end]
