"""Findings + claim + guideline graph -> decision with reasons and evidence (POLICY.md)."""

from review_engine.review.decide import ClaimDecision, decide

__all__ = ["ClaimDecision", "decide"]
