"""Fixtures of the service tests: a store on SQLite and on PostgreSQL, the app over httpx
(ASGI), a real uvicorn server on a loopback port, tokens for every role, and claim builders."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from service.auth import create_token
from service.config import ServiceConfig
from service.store.db import dispose_all, migrate, session_scope

REPO_ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("REVIEW_ENGINE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
DEFAULT_ENGINE = "tests.service.engines:default_engine"
PROVIDER_A, PROVIDER_B = "H-A", "H-B"


def _postgres_problem() -> str | None:
    """None if PostgreSQL answers (starting the local cluster if needed), else why not."""
    import psycopg

    for attempt in range(2):
        try:
            psycopg.connect(POSTGRES_URL.replace("postgresql://", "postgresql://", 1), connect_timeout=3).close()
            return None
        except psycopg.OperationalError as exc:
            if attempt == 0 and shutil.which("pg_ctlcluster") and Path("/etc/postgresql").is_dir():
                version = max(os.listdir("/etc/postgresql"))
                subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                               capture_output=True, timeout=60, check=False)
                time.sleep(2)
                continue
            return f"PostgreSQL at {POSTGRES_URL} is unavailable: {str(exc).splitlines()[0]}"
    return "PostgreSQL did not start"


def _reset_postgres() -> None:
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        # A previous test's job thread may still hold a connection (its pool stops without
        # waiting): end those sessions first, or dropping the schema can deadlock with them.
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store: a SQLite file, or the emptied PostgreSQL ``test`` database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
    else:
        problem = _postgres_problem()
        if problem:
            pytest.skip(problem)
        dispose_all()
        _reset_postgres()
        yield POSTGRES_URL
    dispose_all()


@pytest.fixture
def engine_factory(monkeypatch: pytest.MonkeyPatch) -> str:
    """The engine the jobs use: the real one (tests/service/engines.py)."""
    monkeypatch.syspath_prepend(str(REPO_ROOT))
    return DEFAULT_ENGINE


@pytest.fixture
def config_for(tmp_path: Path, database_url: str, engine_factory: str) -> Callable[..., ServiceConfig]:
    """Build a ServiceConfig for this test's store, with overrides."""

    def build(**overrides: Any) -> ServiceConfig:
        values = {"home": tmp_path / "home", "database_url": database_url, "engine_factory": engine_factory,
                  "workers": 2, "job_timeout_s": 60, "job_max_attempts": 3, "max_file_bytes": 2_000_000,
                  "max_claim_bytes": 5_000_000}
        values.update(overrides)
        return ServiceConfig(**values)

    return build


@pytest.fixture
def service_config(config_for: Callable[..., ServiceConfig]) -> ServiceConfig:
    return config_for()


@pytest.fixture
def client(service_config: ServiceConfig) -> Iterator[TestClient]:
    """The app over httpx's ASGI transport, started (migrated, worker pool running)."""
    from service.app import create_app

    with TestClient(create_app(service_config)) as test_client:
        yield test_client


def make_tokens(database_url: str) -> dict[str, str]:
    migrate(database_url)
    with session_scope(database_url) as session:
        return {
            "hospital": create_token(session, role="hospital", provider_id=PROVIDER_A),
            "hospital_b": create_token(session, role="hospital", provider_id=PROVIDER_B),
            "reviewer": create_token(session, role="reviewer", provider_id=None),
            "mdt": create_token(session, role="mdt", provider_id=None),
            "admin": create_token(session, role="admin", provider_id=None),
        }


@pytest.fixture
def tokens(service_config: ServiceConfig) -> dict[str, str]:
    """One token per role (two hospitals: providers H-A and H-B)."""
    return make_tokens(service_config.database_url)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def build_claim(claim_id: str | None = None, *, provider: str = PROVIDER_A, urgent: bool = False,
                icd10: tuple[str, ...] = ("C34.1",), drug: str = "osimertinib",
                docs: dict[str, str | bytes] | None = None, patient_id: str = "P-001",
                patient_name: str = "张伟") -> tuple[dict[str, Any], dict[str, bytes]]:
    """A claim in the contract's form and the files it names (UTF-8 text reports by default)."""
    docs = docs if docs is not None else {"docs/d1.txt": "基因检测报告\nEGFR p.L858R 检测到 突变丰度 23.5%\n"}
    files = {path: body.encode("utf-8") if isinstance(body, str) else body for path, body in docs.items()}
    claim = {
        "claim_id": claim_id or f"C-{uuid.uuid4().hex[:10]}",
        "patient": {"id": patient_id, "name": patient_name, "sex": "M", "birth_date": "1961-04-02"},
        "diagnosis": {"icd10": list(icd10), "text": "右肺上叶腺癌 IVA期"},
        "provider": {"id": provider, "name": "某市第一人民医院"},
        "service_date": "2026-10-01", "urgent": urgent,
        "items": [{"item_id": "1", "kind": "drug", "name": "甲磺酸奥希替尼片", "drug": drug, "line": 1}],
        "documents": [{"doc_id": f"d{n}", "kind": "genetic_report", "path": path}
                      for n, path in enumerate(files, start=1)],
    }
    return claim, files


def multipart(claim: dict[str, Any] | str, files: dict[str, bytes]) -> list[tuple[str, tuple]]:
    body = claim if isinstance(claim, str) else json.dumps(claim, ensure_ascii=False)
    parts: list[tuple[str, tuple]] = [("claim", (None, body, "application/json"))]
    parts += [("files", (path, data, "application/octet-stream")) for path, data in files.items()]
    return parts


@pytest.fixture
def submit(client: TestClient, tokens: dict[str, str]) -> Callable[..., httpx.Response]:
    """POST a claim (waiting for its review unless wait=False) as the given role."""

    def post(claim: dict[str, Any] | str, files: dict[str, bytes], *, role: str = "hospital",
             wait: bool = True) -> httpx.Response:
        return client.post("/v1/claims", params={"wait": str(wait).lower()}, headers=auth(tokens[role]),
                           files=multipart(claim, files))

    return post


# ------------------------------------------------------------------ a real server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """``uvicorn service.app:create_app`` in a subprocess on a loopback port."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env, self.log_path = env, log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout_s: float = 60) -> LiveServer:
        command = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory",
                   "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(command, cwd=REPO_ROOT, env=self.env, stdout=log, stderr=log,
                                        start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not become healthy")

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def server_env(config: ServiceConfig, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEW_ENGINE_")}
    env.update({
        "PYTHONPATH": str(REPO_ROOT), "REVIEW_ENGINE_HOME": str(config.home),
        "REVIEW_ENGINE_DATABASE_URL": config.database_url, "REVIEW_ENGINE_ENGINE_FACTORY": config.engine_factory,
        "REVIEW_ENGINE_JOB_TIMEOUT_S": str(config.job_timeout_s),
    })
    env.update(extra)
    return env


@pytest.fixture
def live_server(service_config: ServiceConfig, tmp_path: Path) -> Iterator[LiveServer]:
    """A started server on this test's store; stopped afterwards."""
    server = LiveServer(server_env(service_config), tmp_path / "server.log").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def claim_factory() -> Callable[..., tuple[dict[str, Any], dict[str, bytes]]]:
    """``build_claim``: a contract-form claim and its files."""
    return build_claim


@pytest.fixture
def headers(tokens: dict[str, str]) -> Callable[[str], dict[str, str]]:
    """The Authorization header of a role's token: headers("reviewer")."""
    return lambda role: auth(tokens[role])


@pytest.fixture
def multipart_body() -> Callable[..., list[tuple[str, tuple]]]:
    return multipart


@pytest.fixture
def token_factory() -> Callable[[str], dict[str, str]]:
    """``make_tokens(database_url)``: one token per role in that store."""
    return make_tokens


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start a real server for a config (extra env as keyword arguments); all stop at teardown."""
    started: list[LiveServer] = []

    def start(config: ServiceConfig, **env: str) -> LiveServer:
        server = LiveServer(server_env(config, **env), tmp_path / "server.log").start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def environment_for() -> Callable[..., dict[str, str]]:
    """``server_env(config, **extra)``: the environment a server or worker process runs with."""
    return server_env
