"""Prometheus metrics: request latency, review latency, queue depth and decisions by outcome.

Queue depth and decision counts are read from the store at scrape time, so they are right
whatever process (in-process pool or Celery worker) did the work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REGISTRY = CollectorRegistry(auto_describe=True)
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

HTTP_LATENCY = Histogram(
    "review_http_request_seconds", "HTTP request latency by route and status class",
    ["method", "route", "status"], buckets=LATENCY_BUCKETS, registry=REGISTRY,
)
REVIEW_LATENCY = Histogram(
    "review_job_seconds", "Pre-review job latency (engine time) by outcome",
    ["outcome"], buckets=LATENCY_BUCKETS, registry=REGISTRY,
)


def observe_review(seconds: float, outcome: str) -> None:
    REVIEW_LATENCY.labels(outcome=outcome).observe(seconds)


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    HTTP_LATENCY.labels(method=method, route=route, status=f"{status // 100}xx").observe(seconds)


class StoreCollector(Collector):
    """Gauges computed from the store when Prometheus scrapes."""

    def __init__(self, read_counts: Callable[[], tuple[dict[str, int], dict[tuple[str, str], int]]]) -> None:
        self.read_counts = read_counts

    def collect(self) -> Iterator[GaugeMetricFamily]:
        jobs, decisions = self.read_counts()
        depth = GaugeMetricFamily("review_queue_depth", "Pre-review jobs by state", labels=["state"])
        for state in ("queued", "running", "done"):
            depth.add_metric([state], jobs.get(state, 0))
        yield depth
        made = GaugeMetricFamily("review_decisions", "Decisions in the store by source and outcome",
                                 labels=["source", "decision"])
        for (source, decision), count in sorted(decisions.items()):
            made.add_metric([source, decision], count)
        yield made


_store_collector: StoreCollector | None = None


def install_store_collector(read_counts: Callable[[], tuple[dict[str, int], dict[tuple[str, str], int]]]) -> None:
    """Point the store gauges at the current app's store (one app per process, or the latest)."""
    global _store_collector
    if _store_collector is not None:
        REGISTRY.unregister(_store_collector)
    _store_collector = StoreCollector(read_counts)
    REGISTRY.register(_store_collector)


def render() -> bytes:
    return generate_latest(REGISTRY)
