"""Shared test fixtures: where the corpora are, a Prefect server, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("CHISO_SHARED") or ROOT.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The real articles and pages (../shared); CI has them too."""
    if not (SHARED / "corpus" / "dev" / "gold.jsonl").is_file():
        pytest.fail(f"the shared corpus is not at {SHARED}; clone next to it or set CHISO_SHARED")
    return SHARED


@pytest.fixture(scope="session")
def chiso_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("chiso-home")


@pytest.fixture(scope="session")
def prefect_server(chiso_home):
    """A real Prefect server on 127.0.0.1 for this test session, stopped at the end."""
    os.environ["CHISO_HOME"] = str(chiso_home)
    from flows import prefect_env

    info = prefect_env.start_server(quiet=True)
    yield info
    prefect_env.stop_server()


@pytest.fixture()
def cli_env(prefect_server, chiso_home) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CHISO_"))}
    env.update(
        {
            "CHISO_HOME": str(chiso_home),
            "PREFECT_API_URL": prefect_server.api_url,
            "PREFECT_HOME": str(chiso_home / "prefect"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        }
    )
    return env


def run_chiso(args: list[str], env: dict[str, str], cwd: Path | None = None, timeout: float = 300):
    """Run the chiso command the way a user does; returns the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def query(warehouse: Path, sql: str, env: dict[str, str]) -> list[dict]:
    result = run_chiso(["query", sql, "--warehouse", str(warehouse), "--format", "json"], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else []
