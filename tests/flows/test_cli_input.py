"""Bad values on the command line and in the environment are refused with
exit status 2, in one line naming the value and what is allowed."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, run_chiso

REFUSED_OPTIONS = [
    (["run", "--batch-size", "0"], "'0'", "1 or more"),
    (["run", "--batch-size", "-1"], "'-1'", "1 or more"),
    (["reextract", "--batch-size", "0"], "'0'", "1 or more"),
    (["run", "--timeout", "0"], "'0'", "greater than 0"),
    (["run", "--max-bytes", "-5"], "'-5'", "1 or more"),
    (["run", "--lock-timeout", "-1"], "'-1'", "0 or more"),
    (["run", "--lock-timeout", "nan"], "'nan'", "0 or more"),
    (["run", "--per-host-delay", "-1"], "'-1'", "0 or more"),
    (["run", "--per-host-concurrency", "0"], "'0'", "1 or more"),
    (["run", "--workers", "0"], "'0'", "1 or more"),
    (["serve", "--every", "0"], "'0'", "greater than 0"),
    (["serve", "--every", "-5"], "'-5'", "greater than 0"),
    (["serve", "--per-host-delay", "inf"], "'inf'", "0 or more"),
    (["query", "select 1", "--max-width", "-1"], "'-1'", "0 or more"),
    (["run", "--user-agent", "chiso\r\nX-Evil: 1"], "X-Evil", "without control characters"),
    (["run", "ftp://example.org/a.html"], "'ftp://example.org/a.html'", "http(s) URL"),
    (["run", "--feed", "file:///etc/passwd"], "'file:///etc/passwd'", "http(s) URL"),
]


@pytest.mark.parametrize(("args", "value", "allowed"), REFUSED_OPTIONS)
def test_a_bad_option_is_refused_naming_the_value(tmp_path, cli_env, args, value, allowed):
    result = run_chiso([*args, "--warehouse", str(tmp_path / "w.duckdb")], cli_env, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert value in lines[0] and allowed in lines[0]
    assert not (tmp_path / "w.duckdb").exists()


REFUSED_ENVIRONMENT = [
    ("CHISO_LOCK_TIMEOUT", "abc", "0 or more"),
    ("CHISO_LOCK_TIMEOUT", "-3", "0 or more"),
    ("CHISO_MAX_BYTES", "abc", "1 or more"),
    ("CHISO_MAX_BYTES", "-1", "1 or more"),
    ("CHISO_WRITE_MEMORY", "lots", "memory size"),
    ("CHISO_USER_AGENT", "a\nb", "control characters"),
    ("CHISO_ALLOW_PRIVATE_ADDRESSES", "maybe", "1 or 0"),
]


@pytest.mark.parametrize(("name", "raw", "allowed"), REFUSED_ENVIRONMENT)
def test_a_bad_environment_value_is_refused_naming_the_variable(tmp_path, cli_env, name, raw, allowed):
    warehouse = tmp_path / "w.duckdb"
    result = run_chiso(["run", str(FIXTURES), "--warehouse", str(warehouse)], {**cli_env, name: raw})
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{name}={raw!r}" in lines[0] and allowed in lines[0]
    assert not warehouse.exists()


def test_good_environment_values_are_taken(tmp_path, cli_env):
    env = {**cli_env, "CHISO_MAX_BYTES": "100", "CHISO_LOCK_TIMEOUT": "5", "CHISO_WRITE_MEMORY": "128MB"}
    article = FIXTURES / "articles" / "par-sipas-2024.txt"
    result = run_chiso(["run", str(article), "--warehouse", str(tmp_path / "w.duckdb")], env)
    assert result.returncode == 1, result.stderr  # the article is over 100 bytes
    assert "over the 100 bytes limit (--max-bytes)" in result.stderr
