"""Load on the review service over loopback: throughput and p50/p95 latency of
``POST /v1/claims?wait=true`` for text-layer claims at 1, 8 and 32 concurrent clients and
scanned claims at 4 (bounded request counts).

    nice -n 10 .venv/bin/python benchmarks/load_service.py                  # spawns its own server
    .venv/bin/python benchmarks/load_service.py --url http://127.0.0.1:8000 --token ret_...

Claims are the bundled examples (``examples/en-digital-alk``: PDFs with a text layer;
``examples/zh-scanned-egfr``: scans), each request under a new claim_id so none is a
resubmission. Prints a table and writes benchmarks/out/load_service.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import httpx

REPO = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
# kind, concurrent clients, requests in total
LEVELS: tuple[tuple[str, int, int], ...] = (("text", 1, 8), ("text", 8, 32), ("text", 32, 64), ("scanned", 4, 8))
EXAMPLES = {"text": REPO / "examples" / "en-digital-alk", "scanned": REPO / "examples" / "zh-scanned-egfr"}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def load_example(folder: Path) -> tuple[dict, dict[str, bytes]]:
    claim_path = folder / "claim.json"
    if not claim_path.exists():
        sys.exit(f"load_service: {claim_path} is missing (run examples/make_examples.py)")
    claim = json.loads(claim_path.read_text(encoding="utf-8"))
    files = {doc["path"]: (folder / doc["path"]).read_bytes() for doc in claim["documents"]}
    return claim, files


def parts(claim: dict, files: dict[str, bytes]) -> list:
    body = dict(claim, claim_id=f"LOAD-{uuid.uuid4().hex[:12]}")
    return [("claim", (None, json.dumps(body, ensure_ascii=False), "application/json"))] + [
        ("files", (path, data, "application/octet-stream")) for path, data in files.items()]


async def one_request(http: httpx.AsyncClient, claim: dict, files: dict[str, bytes]) -> tuple[float, int, str]:
    started = time.perf_counter()
    try:
        response = await http.post("/v1/claims", params={"wait": "true"}, files=parts(claim, files))
    except httpx.HTTPError as exc:  # counted, not hidden: a failed request is an outcome
        return time.perf_counter() - started, 0, f"error:{type(exc).__name__}"
    elapsed = time.perf_counter() - started
    codes = {r["code"] for item in response.json().get("items", []) for r in item["reasons"]} \
        if response.status_code == 200 else set()
    outcome = "service_fallback" if codes & {"REVIEW_TIMEOUT", "REVIEW_FAILED"} else \
        response.json().get("decision", str(response.status_code)) if response.status_code == 200 else str(response.status_code)
    return elapsed, response.status_code, outcome


async def run_level(url: str, token: str, example: tuple[dict, dict[str, bytes]], clients: int, total: int) -> dict:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(total):
        queue.put_nowait(n)
    results: list[tuple[float, int, str]] = []
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=900,
                                 limits=limits) as http:
        async def client() -> None:
            while not queue.empty():
                queue.get_nowait()
                results.append(await one_request(http, *example))

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        wall = time.perf_counter() - started
    latencies = sorted(r[0] for r in results)
    outcomes: dict[str, int] = {}
    for _, _, outcome in results:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return {"clients": clients, "requests": total, "wall_s": round(wall, 2),
            "throughput_per_s": round(total / wall, 3), "p50_s": round(statistics.median(latencies), 3),
            "p95_s": round(latencies[max(0, round(0.95 * len(latencies)) - 1)], 3), "outcomes": outcomes}


def spawn_server(workers: int) -> tuple[subprocess.Popen, str, str, Path]:
    home = Path(tempfile.mkdtemp(prefix="load-service-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEW_ENGINE_")}
    env.update({"REVIEW_ENGINE_HOME": str(home), "REVIEW_ENGINE_WORKERS": str(workers), "PYTHONPATH": str(REPO)})
    token = subprocess.run([sys.executable, "-m", "review_engine.cli", "token", "create", "--role", "reviewer"],
                           env=env, cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (home / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory",
                                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                               env=env, cwd=REPO, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return process, url, token, home
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"load_service: server did not start; see {home / 'server.log'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running server on loopback (else one is spawned)")
    ap.add_argument("--token", help="a hospital or reviewer token for --url")
    ap.add_argument("--workers", type=int, default=2, help="in-process workers of a spawned server")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every level's request count")
    args = ap.parse_args()
    process = None
    if args.url:
        if urlparse(args.url).hostname not in LOOPBACK or not args.token:
            sys.exit("load_service: --url must be a loopback address and --token is required")
        url, token = args.url, args.token
    else:
        process, url, token, home = spawn_server(args.workers)
        print(f"spawned server {url} (home {home}, {args.workers} workers)", file=sys.stderr)
    examples = {kind: load_example(folder) for kind, folder in EXAMPLES.items()}
    try:
        warm = asyncio.run(run_level(url, token, examples["text"], 1, 1))  # loads the models once
        report = {"warmup_s": warm["p50_s"], "levels": []}
        for kind, clients, total in LEVELS:
            row = asyncio.run(run_level(url, token, examples[kind], clients, max(1, int(total * args.scale))))
            row["kind"] = kind
            report["levels"].append(row)
            print(f"{kind:8s} clients={clients:3d} requests={row['requests']:4d} "
                  f"throughput={row['throughput_per_s']:7.3f}/s p50={row['p50_s']:7.3f}s p95={row['p95_s']:7.3f}s "
                  f"outcomes={row['outcomes']}", flush=True)
    finally:
        if process:
            process.terminate()
            process.wait(30)
    OUT.mkdir(exist_ok=True)
    (OUT / "load_service.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
