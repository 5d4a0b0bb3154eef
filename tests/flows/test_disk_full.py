"""A full disk stops a run with one line (what, where, what to do) and exit
status 3; the batches loaded before it stay readable.  On a real small
file system: a tmpfs mounted for the test (CI runs as root)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import FIXTURES, query, run_chiso


@pytest.fixture()
def small_disk(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    assert mounted.returncode == 0, f"a 16 MB tmpfs could not be mounted (root is needed): {mounted.stderr}"
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(mount, leave_kb: int) -> None:
    """Take all the space but ``leave_kb`` KB."""
    free = os.statvfs(mount)
    room = free.f_bavail * free.f_frsize - leave_kb * 1024
    with open(mount / "filler", "wb") as handle:
        handle.write(b"\0" * max(room, 0))


@pytest.mark.parametrize(("leave_kb", "batch_size"), [(400, 200), (1500, 1)])
def test_a_full_disk_is_one_line_exit_3_and_the_batches_before_stay(
    small_disk, cli_env, shared, leave_kb, batch_size
):
    warehouse = small_disk / "w.duckdb"
    first = run_chiso(["run", str(FIXTURES), "--warehouse", str(warehouse)], cli_env)
    assert first.returncode == 0, first.stderr
    before = query(warehouse, "select count(*) as n from facts", cli_env)[0]["n"]
    _fill(small_disk, leave_kb)
    pages = shared / "corpus" / "html"
    result = run_chiso(
        ["run", str(pages), "--warehouse", str(warehouse), "--batch-size", str(batch_size)], cli_env
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "TransactionContext" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"the disk holding the warehouse {warehouse} is full" in lines[0]
    assert "Free some space" in lines[0]
    assert query(warehouse, "select count(*) as n from facts", cli_env)[0]["n"] >= before
    fixtures = query(warehouse, "select count(*) as n from facts where source like '%/fixtures/%'", cli_env)
    assert fixtures[0]["n"] == before
