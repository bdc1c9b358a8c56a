"""Guideline knowledge: files -> validated models -> graph -> "which rules could pay, what is proven"."""

from review_engine.knowledge_graph.graph import KnowledgeGraph
from review_engine.knowledge_graph.loader import load_knowledge

__all__ = ["KnowledgeGraph", "load_knowledge"]
