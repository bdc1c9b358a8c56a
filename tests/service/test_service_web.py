"""The web pages in real headless Chromium: upload with instant result, queue, case page with
a click from a reason to its evidence box, MDT panel. Screenshots land in the test's folder
(or in REVIEW_ENGINE_SCREENSHOTS when set) for a person to look at."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1400")


@pytest.fixture
def browser(tmp_path: Path):
    """A fresh headless Chromium with its own profile folder."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("chromium and chromedriver are not installed at /usr/bin")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chrome-profile'}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(30)  # a shared 2-core machine: pages that wait for a review take seconds
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def screenshot(tmp_path: Path):
    target = Path(os.environ.get("REVIEW_ENGINE_SCREENSHOTS", tmp_path / "screenshots"))
    target.mkdir(parents=True, exist_ok=True)

    def take(driver, name: str) -> Path:
        path = target / f"{name}.png"
        driver.save_screenshot(str(path))
        return path

    return take


def sign_in(driver, url: str, token: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url + "/web/login")
    driver.find_element(By.ID, "token").send_keys(token)
    submit_and_wait(driver, "login-button")


def submit_and_wait(driver, element_id: str) -> None:
    """Click a button that loads a new page, and wait until the new page has replaced the old."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old_page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, element_id).click()

    def replaced(_driver) -> bool:
        # Chromium reports a replaced page either as a stale element or, mid-navigation, as
        # "Node with given id does not belong to the document": both mean the old page is gone.
        try:
            old_page.is_enabled()
        except WebDriverException:
            return True
        return False

    WebDriverWait(driver, 60).until(replaced)


def wait_until(condition, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_service_web_upload_queue_case_mdt(browser, screenshot, live_server, service_config, token_factory,
                                          claim_factory, tmp_path):
    from selenium.webdriver.common.by import By

    tokens = token_factory(service_config.database_url)
    claim, files = claim_factory(urgent=True)
    for path, data in files.items():
        (tmp_path / Path(path).name).write_bytes(data)

    # hospital: upload and see the result at once
    sign_in(browser, live_server.url, tokens["hospital"])
    assert browser.current_url.endswith("/web/upload")
    browser.execute_script("document.getElementById('claim-json').value = arguments[0];",
                           json.dumps(claim, ensure_ascii=False))
    browser.find_element(By.ID, "files").send_keys(str(tmp_path / "d1.txt"))
    submit_and_wait(browser, "submit-claim")
    decision = browser.find_element(By.ID, "engine-decision")
    assert decision.get_attribute("class").startswith("decision-")
    assert browser.find_elements(By.CSS_SELECTOR, ".reason")
    screenshot(browser, "1-hospital-upload-result")
    submit_and_wait(browser, "logout")

    # reviewer: queue, case page, click a reason's evidence to its box
    sign_in(browser, live_server.url, tokens["reviewer"])
    rows = browser.find_elements(By.CSS_SELECTOR, ".queue-row")
    assert [r.get_attribute("data-claim-id") for r in rows] == [claim["claim_id"]]
    assert "urgent" in rows[0].get_attribute("class")
    screenshot(browser, "2-reviewer-queue")
    submit_and_wait(browser, "switch-language")
    assert "Review queue" in browser.page_source or "审核队列" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, ".claim-link").click()
    wait_until(lambda: "/web/claims/" in browser.current_url)
    image = browser.find_element(By.CSS_SELECTOR, ".page-image")
    wait_until(lambda: browser.execute_script("return arguments[0].naturalWidth", image) > 0)
    links = browser.find_elements(By.CSS_SELECTOR, ".evidence-link")
    if links:  # the engine gave evidence: the click shows that box alone, highlighted
        links[0].click()
        wait_until(lambda: "box=" in image.get_attribute("src"))
        assert "highlighted" in image.get_attribute("class")
        wait_until(lambda: browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 0)
    screenshot(browser, "3-reviewer-case-page")
    _choose(browser, "decision-select", "refer_mdt")
    browser.find_element(By.ID, "decision-note").send_keys("stage unclear")
    submit_and_wait(browser, "record-decision")
    assert browser.find_element(By.ID, "claim-state").text == "in_mdt"
    submit_and_wait(browser, "logout")

    # MDT: an opinion, then the final decision with a note
    sign_in(browser, live_server.url, tokens["mdt"])
    browser.get(f"{live_server.url}/web/claims/{claim['claim_id']}/mdt")
    _choose(browser, "decision-select", "approve")
    browser.find_element(By.ID, "decision-note").send_keys("panel: indicated")
    submit_and_wait(browser, "record-decision")
    browser.find_element(By.CSS_SELECTOR, "input[name=kind][value=final]").click()
    _choose(browser, "decision-select", "approve")
    browser.find_element(By.ID, "decision-note").send_keys("final: approve")
    submit_and_wait(browser, "record-decision")
    entries = [e.get_attribute("data-kind") for e in browser.find_elements(By.CSS_SELECTOR, ".decision-entry")]
    assert entries == ["final", "opinion", "final"]
    assert browser.find_element(By.ID, "claim-state").text == "decided"
    screenshot(browser, "4-mdt-panel")


def _choose(driver, select_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, select_id)).select_by_value(value)


def test_service_web_requires_sign_in(client):
    response = client.get("/web/queue", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/web/login"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_service_web_case_page_of_example_pdf_claim(browser, screenshot, live_server, service_config, token_factory,
                                                   examples_dir, multipart_body):
    """A bundled example (text-layer PDFs): the case page shows the real page with its boxes."""
    import httpx
    from selenium.webdriver.common.by import By

    folder = examples_dir / "en-digital-alk"
    if not (folder / "claim.json").exists():
        pytest.skip("examples/en-digital-alk is not built (examples/make_examples.py)")
    claim = json.loads((folder / "claim.json").read_text(encoding="utf-8"))
    files = {d["path"]: (folder / d["path"]).read_bytes() for d in claim["documents"]}
    tokens = token_factory(service_config.database_url)
    claim["provider"]["id"] = "H-A"  # the test hospital's provider
    response = httpx.post(live_server.url + "/v1/claims", params={"wait": "true"}, timeout=300,
                          headers={"Authorization": f"Bearer {tokens['hospital']}"},
                          files=multipart_body(claim, files))
    assert response.status_code == 200, response.text
    sign_in(browser, live_server.url, tokens["reviewer"])
    browser.get(f"{live_server.url}/web/claims/{claim['claim_id']}?lang=en")
    links = browser.find_elements(By.CSS_SELECTOR, ".evidence-link")
    assert links, "an example claim's decision carries evidence"
    link = links[0]
    target = browser.find_element(
        By.CSS_SELECTOR, f'.page-image[data-doc="{link.get_attribute("data-doc")}"][data-page="{link.get_attribute("data-page")}"]')
    link.click()
    wait_until(lambda: "box=" in target.get_attribute("src"))
    wait_until(lambda: browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", target) > 0)
    assert "highlighted" in target.get_attribute("class")
    screenshot(browser, "5-example-case-page-evidence")
