"""The report in a real browser: Debian's headless Chromium driven by selenium, with the system
chromedriver's path given (Selenium Manager never runs).  Skipped only when they are absent
(`apt-get install chromium chromium-driver`; ``.ci/run`` installs them).  Screenshots go to
``docs/`` when ``POLICYPARSE_SCREENSHOTS=1`` (the README shows them), else to the tmp folder."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyparse.cli import cli
from tests.test_report import PLANTED, SAMPLE_PDF, SAMPLE_TXT, planted_batch

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
DOCS = Path(__file__).resolve().parents[1] / "docs"

pytestmark = pytest.mark.skipif(not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
                                reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="policyparse-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def shot(driver, name: str, tmp_path: Path) -> None:
    folder = DOCS if os.environ.get("POLICYPARSE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(exist_ok=True)
    assert driver.save_screenshot(str(folder / name))


def report_of(path: Path, out: Path) -> Path:
    res = CliRunner().invoke(cli, ["report", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return next(out.rglob("*.html"))


def in_view(driver, element) -> bool:
    return driver.execute_script(
        "var r=arguments[0].getBoundingClientRect(), p=arguments[0].closest('section').getBoundingClientRect();"
        "return r.height>0 && r.top>=p.top-1 && r.bottom<=p.bottom+1;", element)


@pytest.mark.parametrize("path", [SAMPLE_PDF, SAMPLE_TXT], ids=["pdf", "txt"])
def test_every_value_is_linked_both_ways(browser, tmp_path: Path, path: Path):
    from selenium.webdriver.common.by import By

    import policyparse

    doc = policyparse.parse(path)
    browser.get(report_of(path, tmp_path).as_uri())
    wanted = [f"e-{name}" for name in doc.notice.spans] + [f"n{k}" for k in range(25)] + [f"u{k}" for k in range(58)]
    missing = [i for i in wanted if not browser.find_elements(By.CSS_SELECTOR, f'.source [data-ids~="{i}"]')
               or not browser.find_elements(By.ID, f"x-{i}")]
    assert not missing, missing
    # extraction -> source: a task far down the document
    task = browser.find_element(By.ID, "x-n12")
    browser.execute_script("arguments[0].scrollIntoView()", task)
    task.click()
    marked = browser.find_elements(By.CSS_SELECTOR, '.source [data-ids~="n12"].on')
    assert marked and in_view(browser, marked[0])
    # a unit of it, then source -> extraction
    browser.find_element(By.ID, "x-u0").click()
    box = browser.find_elements(By.CSS_SELECTOR, '.source [data-ids~="u0"].on')
    assert box and in_view(browser, box[0])
    shot(browser, f"report-{path.suffix[1:]}.png", tmp_path)
    browser.find_element(By.ID, "x-e-issuer")  # back to the top, then click the issuer in the source
    source_issuer = browser.find_elements(By.CSS_SELECTOR, '.source [data-ids~="e-issuer"]')[0]
    browser.execute_script("arguments[0].scrollIntoView({block:'center'})", source_issuer)
    browser.execute_script("arguments[0].click()", source_issuer)
    target = browser.find_element(By.ID, "x-e-issuer")
    assert "sel" in target.get_attribute("class") and in_view(browser, target)


def test_pdf_page_images_load(browser, tmp_path: Path):
    from selenium.webdriver.common.by import By

    browser.get(report_of(SAMPLE_PDF, tmp_path).as_uri())
    first = browser.find_elements(By.CSS_SELECTOR, ".page img")[0]
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", first) > 500


def test_batch_index_shows_planted_defects_first_and_sorts(browser, tmp_path: Path, monkeypatch):
    from selenium.webdriver.common.by import By

    index = planted_batch(tmp_path, monkeypatch)
    browser.get(index.as_uri())
    names = [r.get_attribute("data-name") for r in browser.find_elements(By.CSS_SELECTOR, "#index tbody tr")]
    assert len(names) == len(PLANTED) and names[0] == "c_bad.pdf"
    assert set(names[:3]) == {"c_bad.pdf", "a_table_no_tasks.txt", "b_units_lost.txt"}
    shot(browser, "report-index.png", tmp_path)
    browser.find_element(By.CSS_SELECTOR, 'th[data-key="name"]').click()
    names = [r.get_attribute("data-name") for r in browser.find_elements(By.CSS_SELECTOR, "#index tbody tr")]
    assert names == sorted(names)
    browser.find_element(By.ID, "only").click()
    shown = [r for r in browser.find_elements(By.CSS_SELECTOR, "#index tbody tr") if r.is_displayed()]
    assert len(shown) == 3
