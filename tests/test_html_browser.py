"""The HTML report in a real browser: Debian's chromium driven by its chromedriver.

The page is written by the installed `gailint check --output-format html -o`,
opened from disk, and used as a reviewer uses it: sort and filter the index,
open a report, find a highlighted span and its message, read a total's sum.
"""

from __future__ import annotations

import os
import shutil

import pytest

from .browser import available, start_chromium
from .conftest import SEEDS
from .test_cli import gailint

HOSTILE = ('<script>alert("x")</script>某某局2024年政府信息公开工作年度报告\n'
           '一、总体情况\n"><img src=x onerror=alert(1)> 统计期限自2024年1月1日起至2024年12月31日止\n')


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = available()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {missing}")
        pytest.skip(missing)
    driver = start_chromium(tmp_path_factory.mktemp("profile"))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    for seed in SEEDS.values():
        shutil.copy(seed, root)
    (root / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    target = root.parent / "report.html"
    proc = gailint("check", "--no-cache", "--output-format", "html", "-o", str(target), str(root))
    assert proc.returncode == 1, proc.stderr
    return target


def _by(selector: str):
    from selenium.webdriver.common.by import By

    return By.CSS_SELECTOR, selector


def wait_for(driver, condition, seconds: float = 10):
    """Routing runs on the hashchange event, after the click returns: wait for its effect."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(lambda d: condition())


def visible_rows(driver) -> list[list[str]]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#reports tbody tr')).filter(r => !r.hidden)"
        ".map(r => Array.from(r.cells).map(c => c.dataset.value));")


def header(driver, label: str):
    for th in driver.find_elements(*_by("#reports thead th")):
        if th.text.rstrip(" ↕▲▼") == label:
            return th
    raise AssertionError(f"no column {label}")


def test_index_sorts_and_filters(browser, page):
    from selenium.webdriver.support.ui import Select

    browser.get(page.as_uri())
    rows = visible_rows(browser)
    assert [row[0] for row in rows] == ["1", "2", "3", "4", "5", "6"]
    assert browser.find_element(*_by("#shown")).text == "显示 6 / 6"
    # sort by 合计 (the number of diagnostics): ascending, then descending
    total = header(browser, "合计")
    total.find_element(*_by("button")).click()
    assert total.get_attribute("aria-sort") == "ascending"
    totals = [int(row[-1]) for row in visible_rows(browser)]
    assert totals == sorted(totals) and totals[-1] == 25
    total.find_element(*_by("button")).click()
    assert total.get_attribute("aria-sort") == "descending"
    assert [row[0] for row in visible_rows(browser)][:1] == ["1"]   # seed 000, 25 diagnostics
    # sort by agency name (Chinese collation), blanks last
    header(browser, "机关 / 报告").find_element(*_by("button")).click()
    agencies = [row[1] for row in visible_rows(browser)]
    assert agencies[-1] == "" or "" not in agencies[:-1]
    # filter by words, by year, by errors
    box = browser.find_element(*_by("#q"))
    box.send_keys("沾益")
    assert [row[1] for row in visible_rows(browser)] == ["曲靖市沾益区卫生健康局"]
    assert browser.find_element(*_by("#shown")).text == "显示 1 / 6"
    box.clear()
    box.send_keys("no such agency")
    assert visible_rows(browser) == [] and browser.find_element(*_by("#no-match")).is_displayed()
    box.clear()
    box.send_keys(" ")  # an input event with an empty query: everything again
    assert len(visible_rows(browser)) == 6
    Select(browser.find_element(*_by("#year"))).select_by_value("2024")
    # (facts.agency_name drops the title's angle brackets)
    assert sorted(row[1] for row in visible_rows(browser)) == ['scriptalert("x")/script某某局', "曲靖市沾益区卫生健康局"]
    Select(browser.find_element(*_by("#year"))).select_by_value("")
    Select(browser.find_element(*_by("#level"))).select_by_value("部门")
    assert sorted(row[3] for row in visible_rows(browser)) == ["部门"] * 6   # the seeds are all 局/委
    browser.find_element(*_by("#errors-only")).click()
    assert [row[1] for row in visible_rows(browser)] == ["攀枝花市西区卫生健康局", 'scriptalert("x")/script某某局']
    # nothing was fetched and nothing complained
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []


def test_open_a_report_and_find_a_highlighted_span_and_its_message(browser, page):
    browser.get(page.as_uri())
    assert not browser.find_element(*_by("#report-view")).is_displayed()
    browser.find_element(*_by('#reports a[href="#r1"]')).click()
    view = browser.find_element(*_by("#report-view"))
    wait_for(browser, view.is_displayed)
    assert not browser.find_element(*_by("#index-view")).is_displayed()
    assert browser.execute_script("return location.hash") == "#r1"
    assert view.find_element(*_by("h2")).text == "攀枝花市西区卫生健康局2025 年政府信息公开工作年度报告"
    # GAI003 on line 80 (（七）总计): the highlighted cells and the message beside them
    item = [li for li in view.find_elements(*_by(".problems li")) if "行 80:9" in li.text]
    assert len(item) == 1 and item[0].text.startswith("GAI003")
    ident = item[0].find_element(*_by("a")).get_attribute("href").rsplit("#", 1)[1]
    mark = view.find_element(*_by(f'mark[data-d~="{ident}"]'))
    assert mark.get_attribute("textContent") == "0\t0\t0\t0\t0\t0"
    assert "sev-error" in mark.get_attribute("class").split()
    line = mark.find_element("xpath", "./ancestor::div[@class='tx']")
    assert line.find_element("xpath", "preceding-sibling::div[1]").text == "80"
    note = browser.find_element(*_by(f"#{ident}"))
    assert note.text == "GAI003 “（七）总计”一行应有 7 个数值单元格，实有 6 个；该行未做数值核对"
    assert note.location["y"] == pytest.approx(mark.location["y"], abs=12)   # beside the line, not elsewhere
    assert note.location["x"] > line.location["x"] + line.size["width"] - 1
    mark.click()
    wait_for(browser, lambda: "active" in note.get_attribute("class").split())
    # a jump from the list of problems goes to the note (and the back link to the index)
    item[0].find_element(*_by("a")).click()
    assert browser.execute_script("return location.hash") == f"#{ident}"
    view.find_element(*_by(".back")).click()
    wait_for(browser, browser.find_element(*_by("#index-view")).is_displayed)
    assert not view.is_displayed()


def test_a_total_spells_out_its_sum(browser, page):
    browser.get(page.as_uri() + "#r2")
    view = browser.find_element(*_by("#report-view"))
    total = view.find_elements(*_by(".sum"))[0]
    assert total.text == "1"
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", total)
    shown = browser.execute_script("return getComputedStyle(arguments[0], '::after').content", total)
    # the popup's CSS string: line breaks serialised as the escape "\a "
    assert shown.strip('"').replace("\\a ", "\n") == (
        "一、本年新收政府信息公开申请数量\n总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他\n"
        "总计 = 1 + 0 + 0 + 0 + 0 + 0 = 1")
    assert browser.execute_script("return getComputedStyle(arguments[0], '::after').display", total) != "none"
    note = view.find_elements(*_by(".sumnote"))[0]
    assert not note.is_displayed()
    view.find_element(*_by(".toggle-sums")).click()
    assert note.is_displayed() and note.text == "一、本年新收政府信息公开申请数量 总计 = 1 + 0 + 0 + 0 + 0 + 0 = 1"


def test_report_text_stays_text(browser, page):
    from selenium.common.exceptions import NoAlertPresentException

    browser.get(page.as_uri() + "#r6")
    view = browser.find_element(*_by("#report-view"))
    assert view.find_element(*_by("h2")).text.startswith('<script>alert("x")</script>某某局')
    assert view.find_elements(*_by("img")) == [] and len(browser.find_elements(*_by("script"))) == 1
    assert '"><img src=x onerror=alert(1)>' in view.find_element(*_by(".listing")).text
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 — raises when no alert opened


def test_year_over_year_tab(browser, page):
    browser.get(page.as_uri())
    browser.find_element(*_by("#tab-trends")).click()
    trends = browser.find_element(*_by("#trends-view"))
    wait_for(browser, trends.is_displayed)
    assert not browser.find_element(*_by("#index-view")).is_displayed()
    assert trends.find_element(*_by(".empty")).text == "没有同一机关两个以上年度的报告。"
