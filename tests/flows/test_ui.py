"""The Prefect UI at the address `chiso server status` prints works, in a
real browser (headless Chromium from Debian's packages, driven by selenium):
the dashboard lists chiso's runs and a run's page shows its artifacts.  And
the server keeps its port from one start to the next."""

from __future__ import annotations

import shutil
import tempfile

import pytest
import requests

from tests.conftest import FIXTURES, query, run_chiso

# The flags Chromium needs here (see the machine notes): no sandbox as root,
# and none of the background connections this closed network refuses.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)


@pytest.fixture()
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "apt-get install chromium chromium-driver (.ci/run does)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chiso-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    session = webdriver.Chrome(service=Service(driver), options=options)
    try:
        yield session
    finally:
        session.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait_for_text(browser, text: str, seconds: float = 60) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, seconds).until(lambda b: text in b.find_element(By.TAG_NAME, "body").text)


def test_the_ui_lists_the_runs_and_shows_a_runs_artifacts(tmp_path, cli_env, prefect_server, browser):
    from selenium.webdriver.common.by import By

    warehouse = tmp_path / "w.duckdb"
    assert run_chiso(["run", str(FIXTURES), "--warehouse", str(warehouse)], cli_env).returncode == 0
    flow_run_id = query(warehouse, "select flow_run_id from runs", cli_env)[0]["flow_run_id"]
    name = requests.get(f"{prefect_server.api_url}/flow_runs/{flow_run_id}", timeout=10).json()["name"]

    status = run_chiso(["server", "status"], {**cli_env, "PREFECT_API_URL": ""})
    assert status.returncode == 0, status.stderr
    ui = status.stdout.split("(UI ")[1].split(",")[0]
    assert ui == prefect_server.ui_url

    browser.get(f"{ui}/runs")
    _wait_for_text(browser, name)
    _wait_for_text(browser, "chiso-ingest")

    browser.get(f"{ui}/runs/flow-run/{flow_run_id}")
    _wait_for_text(browser, name)
    tabs = browser.find_elements(By.XPATH, "//*[normalize-space(.)='Artifacts']")
    next(t for t in reversed(tabs) if t.is_displayed()).click()  # the innermost one shown
    _wait_for_text(browser, "chiso-ingest-summary")
    _wait_for_text(browser, "chiso-new-facts")


def test_the_server_keeps_its_port_and_tells_the_ui_where_it_is(tmp_path, cli_env):
    env = {**cli_env, "CHISO_HOME": str(tmp_path / "home"), "PREFECT_API_URL": "", "PREFECT_HOME": ""}
    try:
        first = run_chiso(["server", "start", "--api-url"], env)
        assert first.returncode == 0, first.stderr
        api_url = first.stdout.strip()
        settings = requests.get(f"{api_url.removesuffix('/api')}/ui-settings", timeout=10).json()
        assert settings["api_url"] == api_url
        assert run_chiso(["server", "stop"], env).returncode == 0
        again = run_chiso(["server", "start", "--api-url"], env)
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip() == api_url
    finally:
        run_chiso(["server", "stop"], env)
