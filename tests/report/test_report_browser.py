"""The seed's HTML report opened in headless Chromium (selenium): highlights in the DOM, the tooltip,
no script injection, and a screenshot in test-artifacts/report-seed.png.

Skips unless chromium, chromedriver and selenium are installed:
    apt-get install -y chromium chromium-driver && .venv/bin/pip install -e ".[report]"
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

import fangtan
from fangtan import report

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_49881e2bc210889c.txt"
ARTIFACTS = ROOT / "test-artifacts"
HOW = ("needs headless Chromium: apt-get update && apt-get install -y chromium chromium-driver; "
       'and selenium: .venv/bin/pip install -e ".[report]"')


def _find(*names: str) -> str | None:
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    return None


@pytest.fixture(scope="module")
def driver():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip(HOW)
    browser = _find("chromium", "chromium-browser", "google-chrome")
    chromedriver = _find("chromedriver")
    if browser is None or chromedriver is None:
        pytest.skip(HOW)
    profile = tempfile.mkdtemp(prefix="fangtan-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1000"):
        opts.add_argument(flag)
    try:
        d = webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)
    except Exception as e:  # noqa: BLE001 - a broken browser install is an environment problem
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"chromium did not start ({type(e).__name__}: {str(e)[:200]}); {HOW}")
    d.set_page_load_timeout(30)
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _open(driver, tmp_path: Path, text: str, name: str):
    page = tmp_path / name
    page.write_text(report.to_html(fangtan.parse(text), text), encoding="utf-8")
    driver.get(page.as_uri())
    return driver


def test_seed_metrics_highlighted_in_dom(driver, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    text = SEED.read_text(encoding="utf-8")
    doc = fangtan.parse(text)
    assert len(doc.metrics) == 4
    _open(driver, tmp_path, text, "seed.html")
    pane = driver.find_element(By.ID, "text")
    assert pane.get_attribute("textContent") == text
    for i, m in enumerate(doc.metrics, 1):
        names = pane.find_elements(By.CSS_SELECTOR, f'.metric-name[data-metric="{i}"]')
        assert "".join(e.get_attribute("textContent") for e in names) == m.name_span.slice(text)
        vals = pane.find_elements(By.CSS_SELECTOR, f'.metric-value[data-metric="{i}"]')
        assert vals, f"metric {i} value not highlighted"
        assert "".join(e.get_attribute("textContent") for e in vals) == m.value_span.slice(text)
        assert vals[0].get_attribute("data-unit") == m.unit
        if m.value is not None:
            assert vals[0].get_attribute("data-value") == str(m.value)
        else:  # the number was lost in scraping: the unit is marked missing, name and growth are highlighted
            assert vals[0].get_attribute("data-value") == ""
            assert vals[0].get_attribute("data-missing") == "value"
            assert m.unit == "万元"
            growth = pane.find_elements(By.CSS_SELECTOR, f'.metric-growth[data-metric="{i}"]')
            assert "".join(e.get_attribute("textContent") for e in growth) == m.growth.span.slice(text)
            assert growth[0].get_attribute("data-rate") == ("" if m.growth.rate is None else str(m.growth.rate))
    first = pane.find_element(By.CSS_SELECTOR, '.metric-value[data-value="4.8"][data-unit="亿元"]')
    assert first.text == "4.8亿元"
    ActionChains(driver).move_to_element(first).perform()
    tip = driver.find_element(By.ID, "tip")
    assert tip.is_displayed() and "规模以上工业总产值" in tip.text and "4.8亿元" in tip.text
    rows = driver.find_elements(By.CSS_SELECTOR, "#t-metrics tbody tr")
    assert len(rows) == 4
    ARTIFACTS.mkdir(exist_ok=True)
    assert driver.save_screenshot(str(ARTIFACTS / "report-seed.png"))


def test_script_in_input_shows_as_text(driver, tmp_path):
    from selenium.webdriver.common.by import By

    evil = "<script>document.title='pwned'</script>"
    text = f"{evil}\n全镇规模以上工业总产值完成4.8亿元。<img src=x onerror=\"document.title='pwned2'\">"
    _open(driver, tmp_path, text, "evil.html")
    assert "pwned" not in driver.title
    assert driver.execute_script("return document.scripts.length") == 1  # only the report's own
    assert not driver.find_elements(By.CSS_SELECTOR, "#text img, #text script")
    pane = driver.find_element(By.ID, "text")
    assert evil in pane.text and pane.get_attribute("textContent") == text
