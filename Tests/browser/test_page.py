#!/usr/bin/env python3
"""Real-browser test of the ZoneScreen web page (headless Chromium through Selenium).

Usage: test_page.py BASE_URL OUT_DIR

Pastes demo site S01 as 高德 (GCJ-02) coordinates, picks industry C2614 from the type-ahead list with the
keyboard, submits and checks the verdict (禁止) and its citation (CN-CJ-26-1, 长江保护法 第二十六条); then checks
the error alert, the phone layout and the print layout, and saves screenshots. Prints "N passed, N failed"
last and exits non-zero when anything failed.
"""
import base64
import json
import math
import os
import sys
import time
import traceback

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"
OUT = sys.argv[2] if len(sys.argv) > 2 else "out"

# Demo site S01: a new C2614 chemical plant 800 m from the Yangtze main-stream shoreline.
S01_GCJ02 = "111.73706420651364,30.526596965203083"
S01_CGCS2000 = (111.7312807, 30.5291253)

passed = 0
failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"  ok    {name}")
    else:
        failed += 1
        print(f"  FAIL  {name}" + (f": {detail}" if detail else ""))
    return condition


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600", "--lang=zh-CN", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def full_page_screenshot(driver, path):
    """The whole page, not only the viewport."""
    size = driver.execute_script(
        "return [document.documentElement.scrollWidth, Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)]")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    print(f"  saved {path} ({size[0]}×{size[1]})")


def severe_console_errors(driver):
    try:
        logs = driver.get_log("browser")
    except Exception:
        return []
    # Failed requests (the deliberate 400 of the error check, a missing favicon) are not script errors.
    return [l["message"] for l in logs if l.get("level") == "SEVERE"
            and "favicon" not in l.get("message", "") and "Failed to load resource" not in l.get("message", "")]


def main():
    os.makedirs(OUT, exist_ok=True)
    driver = make_driver()
    wait = WebDriverWait(driver, 20)
    try:
        print(f"browser test against {BASE}")
        driver.get(BASE + "/")
        html = driver.find_element(By.TAG_NAME, "html")
        check("page language is zh-CN", html.get_attribute("lang") == "zh-CN", html.get_attribute("lang"))
        check("Leaflet loaded from /vendor/leaflet", driver.execute_script("return !!window.L && L.version"),
              "window.L missing")
        try:
            WebDriverWait(driver, 20).until(
                lambda d: len(d.find_elements(By.CSS_SELECTOR, "#map .leaflet-overlay-pane path")) > 20)
            paths = len(driver.find_elements(By.CSS_SELECTOR, "#map .leaflet-overlay-pane path"))
            check("map draws the zoning layers from /api/map-layers", True)
            print(f"        ({paths} map shapes)")
        except TimeoutException:
            check("map draws the zoning layers from /api/map-layers", False, "no shapes on the map after 20 s")
        check("no tile layer (the zones are the map)", not driver.find_elements(By.CSS_SELECTOR, "#map .leaflet-tile"))
        dataset = driver.execute_script(
            "return fetch('/api/dataset').then(r => r.json())")
        if dataset.get("fictional"):
            try:
                wait.until(EC.visibility_of_element_located((By.ID, "fictional-banner")))
                check("虚构示例数据 banner shown for a fictional dataset",
                      "虚构示例数据" in driver.find_element(By.ID, "fictional-banner").text)
            except TimeoutException:
                check("虚构示例数据 banner shown for a fictional dataset", False, "banner not visible")

        # The page's own GCJ-02 inversion (used to draw the site) lands on S01.
        lon, lat = driver.execute_script(
            "const p = ZoneScreen.parseCoordinates(arguments[0])[0]; return ZoneScreen.gcjToWgs(p[0], p[1]);", S01_GCJ02)
        err_m = math.hypot((lon - S01_CGCS2000[0]) * 111320 * math.cos(math.radians(lat)), (lat - S01_CGCS2000[1]) * 110574)
        check("GCJ-02 → CGCS2000 on the page within 0.5 m of S01", err_m < 0.5, f"{lon},{lat} is {err_m:.2f} m off")
        dms = driver.execute_script("return ZoneScreen.parseCoordinates(arguments[0])", "30°31'44.9\"N 111°43'52.6\"E")
        check("度分秒, latitude first, is read", dms and abs(dms[0][0] - 111.73128) < 1e-4 and abs(dms[0][1] - 30.52914) < 1e-4, str(dms))

        # --- the main flow, keyboard first
        check("source map defaults to 高德 (GCJ-02)",
              driver.find_element(By.ID, "offset").get_attribute("value") == "gcj02")
        coords = driver.find_element(By.ID, "coords")
        coords.click()
        coords.send_keys(S01_GCJ02)
        industry = driver.find_element(By.ID, "industry")
        industry.click()
        industry.send_keys("有机化学原料")
        try:
            wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '#industry-list li[data-code="C2614"]')))
            check("type-ahead lists C2614 for 有机化学原料", True)
        except TimeoutException:
            check("type-ahead lists C2614 for 有机化学原料", False,
                  driver.find_element(By.ID, "industry-list").get_attribute("outerHTML")[:300])
        chosen = False
        for _ in range(25):
            industry.send_keys(Keys.ARROW_DOWN)
            active = driver.find_elements(By.CSS_SELECTOR, '#industry-list li[aria-selected="true"]')
            if active and active[0].get_attribute("data-code") == "C2614":
                industry.send_keys(Keys.ENTER)
                chosen = True
                break
        check("C2614 chosen from the list with the keyboard (↓ and Enter)",
              chosen and industry.get_attribute("value").startswith("C2614"), industry.get_attribute("value"))
        check("Enter in the open list chooses, it does not submit",
              not driver.find_element(By.ID, "result").is_displayed())
        driver.find_element(By.CSS_SELECTOR, 'input[name="nature"][value="new"]').click()
        driver.find_element(By.ID, "submit").click()
        try:
            wait.until(EC.visibility_of_element_located((By.ID, "verdict-word")))
        except TimeoutException:
            check("a verdict appears after submitting", False, driver.find_element(By.ID, "error").text)
            raise
        verdict = driver.find_element(By.ID, "verdict-word").text.strip()
        check("verdict is 禁止", verdict == "禁止", verdict)
        card = driver.find_element(By.ID, "verdict")
        colour = card.value_of_css_property("background-color")
        check("禁止 is shown in red", "185, 28, 28" in colour, colour)
        reasons = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#reasons > li")]
        cite = [t for t in reasons if "CN-CJ-26-1" in t]
        check("a reason cites CN-CJ-26-1", bool(cite), " | ".join(reasons)[:400])
        check("that reason cites 长江保护法 第二十六条", bool(cite) and "长江保护法" in cite[0] and "第二十六条" in cite[0],
              cite[0] if cite else "")
        body = driver.find_element(By.ID, "result-body").text
        check("result names the control unit ZH42909930014", "ZH42909930014" in body)
        driver.find_element(By.ID, "all-industries").click()
        try:
            WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "details.industry-group"))
            heading = driver.find_element(By.CSS_SELECTOR, "#industries-body h3").text
            search = driver.find_element(By.ID, "industries-search")
            search.send_keys("C2614")
            visible = [d for d in driver.find_elements(By.CSS_SELECTOR, "details.industry-group") if d.is_displayed()]
            check("此地块可引进的行业: 1380 classes, and C2614 found in a 禁止 group by the search box",
                  "1380 个小类" in heading and len(visible) == 1 and visible[0].get_attribute("data-verdict") == "prohibited", heading)
        except TimeoutException:
            check("此地块可引进的行业: 1380 classes, and C2614 found in a 禁止 group by the search box", False, driver.find_element(By.ID, "error").text)
        check("a 下载报告 button is offered with the result",
              bool(driver.find_elements(By.ID, "download-report")) and "下载报告" in driver.find_element(By.ID, "download-report").text)
        check("result gives the main-stream shoreline distance (800.0 米)", "800.0 米" in body)
        check("clauses are grouped by dimension", all(d in body for d in ("空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求")))
        check("dataset hash and measurement are reported", "内容哈希" in body and "投影平面量算" in body)
        # The national rules: the reason is marked as one, and the dataset section names the pack.
        national = driver.find_elements(By.CSS_SELECTOR, '#reasons > li[data-rule="CN-CJ-26-1"] .chip.national')
        check("the national rule is marked 国家规则", bool(national) and national[0].text == "国家规则")
        check("the dataset section names the built-in national rule pack", "内置规则包" in body and "长江经济带" in body)
        # A unit clause a person decided: its words quoted and marked 人工核对.
        quoted = driver.find_elements(By.CSS_SELECTOR, '#reasons > li[data-rule="ZH42909930014-spatialLayout-1"] .reason-quote')
        check("a unit clause's reason quotes its words and says 人工核对", bool(quoted) and "依据条款原文「" in quoted[0].text and "人工核对" in quoted[0].text,
              quoted[0].text if quoted else "")
        # The flag checkboxes come from the dataset's rules (尾矿库 from the pack, 新设工业园区 from the demo's own).
        flag_labels = [l.text.strip() for l in driver.find_elements(By.CSS_SELECTOR, "#flags-project label")]
        check("project flags offered as the dataset's rules name them", "尾矿库" in flag_labels and "新设工业园区" in flag_labels,
              ", ".join(flag_labels)[:300])
        check("red-line limited activities offered apart", bool(driver.find_elements(By.CSS_SELECTOR, '#flags-activity input[value="linearInfrastructure"]')))
        # No box ticked: the flags are unanswered, so 长江保护法 26(2) (a new chemical park, flag chemicalPark)
        # may apply at S01, 800 m from the main stream. "没有勾选的情况都没有" answers them: it no longer does.
        possible = [li.get_attribute("data-rule") for li in driver.find_elements(By.CSS_SELECTOR, "#possible-reasons > li")]
        check("with no box ticked, CN-CJ-26-2 (化工园区) is listed as possibly applying", "CN-CJ-26-2" in possible, ", ".join(map(str, possible))[:300])
        old_verdict = driver.find_element(By.ID, "verdict-word")
        driver.find_element(By.ID, "flags-none").click()
        driver.find_element(By.ID, "submit").click()
        try:
            WebDriverWait(driver, 30).until(EC.staleness_of(old_verdict))
            wait.until(EC.visibility_of_element_located((By.ID, "verdict-word")))
            answered = [li.get_attribute("data-rule") for li in driver.find_elements(By.CSS_SELECTOR, "#possible-reasons > li")]
            check("with 没有勾选的情况都没有, CN-CJ-26-2 is no longer listed, and the verdict is still 禁止",
                  "CN-CJ-26-2" not in answered and driver.find_element(By.ID, "verdict-word").text.strip() == "禁止", ", ".join(map(str, answered))[:300])
        except TimeoutException:
            check("with 没有勾选的情况都没有, CN-CJ-26-2 is no longer listed, and the verdict is still 禁止", False, driver.find_element(By.ID, "error").text)
        driver.find_element(By.ID, "flags-none").click()
        site_marks = driver.execute_script(
            "return [...document.querySelectorAll('#map .leaflet-overlay-pane path')].filter(p => ['#facc15', '#fde047'].includes(p.getAttribute('fill'))).length")
        check("the site is highlighted on the map", site_marks >= 1, str(site_marks))
        errors = severe_console_errors(driver)
        check("no errors in the browser console", not errors, "; ".join(errors)[:400])
        full_page_screenshot(driver, os.path.join(OUT, "browser-test.png"))

        # --- print layout: form hidden, verdict and map kept
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        form_hidden = not driver.find_element(By.CSS_SELECTOR, ".form-panel").is_displayed()
        check("print hides the form and keeps verdict, reasons and map",
              form_hidden and driver.find_element(By.ID, "verdict").is_displayed()
              and driver.find_element(By.ID, "map").is_displayed() and driver.find_element(By.ID, "reasons").is_displayed())
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

        # --- phone width: one column, nothing wider than the screen
        driver.set_window_size(390, 1600)
        time.sleep(0.5)
        inner = driver.execute_script("return window.innerWidth")
        scroll_w = driver.execute_script("return document.documentElement.scrollWidth")
        form_x = driver.find_element(By.CSS_SELECTOR, ".form-panel").rect
        map_x = driver.find_element(By.CSS_SELECTOR, ".map-panel").rect
        check("phone width: one column", abs(form_x["x"] - map_x["x"]) < 2 and map_x["y"] > form_x["y"],
              f"form {form_x}, map {map_x}")
        check("phone width: no sideways scrolling", scroll_w <= inner + 1, f"scrollWidth {scroll_w} > {inner}")
        full_page_screenshot(driver, os.path.join(OUT, "browser-test-phone.png"))
        driver.set_window_size(1280, 1600)

        # --- an API error is shown in Chinese in the alert region; Enter in the coordinates box submits
        coords = driver.find_element(By.ID, "coords")
        coords.clear()
        coords.send_keys("这不是坐标")
        coords.send_keys(Keys.ENTER)
        try:
            WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "error").text.strip() != "")
            alert = driver.find_element(By.ID, "error")
            text = alert.text
            check("bad coordinates: Chinese message in the role=alert region",
                  alert.get_attribute("role") == "alert" and any("\u4e00" <= ch <= "\u9fff" for ch in text.replace("无法筛查", "")),
                  text)
            print(f"        ({text})")
        except TimeoutException:
            check("bad coordinates: Chinese message in the role=alert region", False, "no error shown")

        # --- uploads: a KML boundary (converted to GeoJSON on the page) and a GBK 勘测定界 file (sent as base64)
        here = os.path.dirname(os.path.abspath(__file__))
        driver.find_element(By.CSS_SELECTOR, 'input[name="source"][value="file"]').click()
        upload = driver.find_element(By.ID, "file")
        upload.send_keys(os.path.join(here, "s20.kml"))
        industry = driver.find_element(By.ID, "industry")
        industry.clear()
        industry.send_keys("H6110")
        driver.find_element(By.ID, "submit").click()
        try:
            WebDriverWait(driver, 15).until(lambda d: "HX429099002" in d.find_element(By.ID, "result-body").text
                                            or d.find_element(By.ID, "error").text.strip())
            body = driver.find_element(By.ID, "result-body").text
            check("KML upload: S20 is 禁止 and inside red line HX429099002",
                  driver.find_element(By.ID, "verdict-word").text.strip() == "禁止" and "HX429099002" in body,
                  driver.find_element(By.ID, "error").text)
            check("KML upload: area in 平方米, 公顷 and 亩", "公顷" in body and "亩" in body and "平方米" in body)
        except TimeoutException:
            check("KML upload: S20 is 禁止 and inside red line HX429099002", False, "no result")
        survey = os.path.join(here, "..", "..", "Fixtures", "survey", "survey_gbk_open_rings.txt")
        if os.path.exists(survey):
            upload.send_keys(os.path.abspath(survey))
            driver.find_element(By.ID, "submit").click()
            try:
                WebDriverWait(driver, 15).until(lambda d: "survey" not in d.find_element(By.ID, "status").text
                                                and ("EPSG:4525" in d.find_element(By.ID, "result-body").text
                                                     or d.find_element(By.ID, "error").text.strip()))
                body = driver.find_element(By.ID, "result-body").text
                check("GBK 勘测定界 .txt upload is screened (sent as base64)", "EPSG:4525" in body,
                      driver.find_element(By.ID, "error").text)
            except TimeoutException:
                check("GBK 勘测定界 .txt upload is screened (sent as base64)", False, "no result")
        errors = severe_console_errors(driver)
        check("still no errors in the browser console", not errors, "; ".join(errors)[:400])
        check_report(driver)
        check_editions(driver)
        check_suitability(driver)
    except Exception:
        traceback.print_exc()
        check("test ran to the end", False)
        try:
            full_page_screenshot(driver, os.path.join(OUT, "browser-test-failure.png"))
        except Exception:
            pass
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def check_editions(driver):
    """Two editions served: the page offers them and shows what changes for S01 (Fixtures/demo-2025/expected-changes.csv:
    S01's part of unit ZH42909930014 became ZH42909930029 in 2025.1; answered by 2024.1 and compared with 2025.1, the
    answer no longer touches ZH42909930029 because that unit is not in 2024.1)."""
    driver.get(BASE + "/")
    wait = WebDriverWait(driver, 20)
    wait.until(lambda d: d.find_element(By.ID, "editions").is_displayed())
    options = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "#compare-edition option")]
    check("two editions offered for comparison", options == ["", "2024.1", "2025.1"], str(options))
    driver.find_element(By.ID, "coords").send_keys(S01_GCJ02)
    driver.find_element(By.CSS_SELECTOR, 'input[name="nature"][value="new"]').click()
    driver.find_element(By.CSS_SELECTOR, '#compare-edition option[value="2025.1"]').click()
    driver.find_element(By.ID, "submit").click()
    try:
        wait.until(EC.visibility_of_element_located((By.ID, "comparison")))
        text = driver.find_element(By.ID, "comparison").text
        check("the comparison with 2025.1 says what changed and why",
              "结论不变" in text and "不再涉及单元：ZH42909930029" in text and "units.removed:ZH42909930029" in text, text[:300].replace("\n", " | "))
    except TimeoutException:
        check("the comparison with 2025.1 says what changed and why", False, driver.find_element(By.ID, "error").text)
    errors = severe_console_errors(driver)
    check("editions: no errors in the browser console", not errors, "; ".join(errors)[:400])


def check_suitability(driver):
    """适宜性地图 for a new C2614 plant: drawn by verdict, and a click on the map screens that spot."""
    driver.get(BASE + "/")
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: d.execute_script("return !!window.L"))
    industry = driver.find_element(By.ID, "industry")
    industry.send_keys("C2614")
    # Chosen from the type-ahead list (新建, the default nature, stays checked).
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#industry-opt-0[data-code="C2614"]'))
    driver.find_element(By.CSS_SELECTOR, '#industry-opt-0[data-code="C2614"]').click()
    driver.find_element(By.ID, "suitability").click()
    try:
        wait.until(lambda d: "点击地图任一处" in d.find_element(By.ID, "suitability-status").text)
        note = driver.find_element(By.ID, "suitability-status").text
        filled = driver.execute_script("return [...document.querySelectorAll('#map .leaflet-overlay-pane path')].filter(p => p.getAttribute('fill') === '#b91c1c').length")
        check("适宜性地图 drawn with 禁止 areas and the shares per verdict", filled >= 1 and "禁止" in note, note)
    except TimeoutException:
        check("适宜性地图 drawn with 禁止 areas and the shares per verdict", False, driver.find_element(By.ID, "error").text)
        return
    size = driver.execute_script("const r = document.getElementById('map').getBoundingClientRect(); return [r.width, r.height]")
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(driver).move_to_element_with_offset(driver.find_element(By.ID, "map"), 0, 0).click().perform()
    try:
        wait.until(EC.visibility_of_element_located((By.ID, "verdict-word")))
        check("a click on the 适宜性地图 screens that spot", bool(driver.find_element(By.ID, "verdict-word").text.strip()), str(size))
    except TimeoutException:
        check("a click on the 适宜性地图 screens that spot", False, driver.find_element(By.ID, "error").text)


def check_report(driver):
    """The 预判报告: the page offers it, it opens offline with nothing loaded from anywhere, and the PDF keeps its text."""
    driver.get(BASE + "/")
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return !!window.L"))
    body = {"coordinates": S01_GCJ02, "offset": "gcj02", "industry": "C2614", "nature": "新建"}
    html = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/api/report', {method: 'POST', headers: {'Content-Type': 'application/json', 'Accept-Language': 'zh-CN'}, body: JSON.stringify(arguments[0])})"
        ".then(r => r.text()).then(done, e => done('ERROR ' + e));", body)
    check("POST /api/report answers an HTML report", html.startswith("<!DOCTYPE html>"), html[:200])
    path = os.path.abspath(os.path.join(OUT, "report.html"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    driver.get("file://" + path)
    verdict = driver.find_element(By.CSS_SELECTOR, ".verdict strong").text
    check("report: verdict 禁止 first", verdict == "禁止", verdict)
    text = driver.find_element(By.TAG_NAME, "body").text
    check("report: CN-CJ-26-1 cited with 长江保护法 第二十六条", "CN-CJ-26-1" in text and "长江保护法 第二十六条" in text)
    check("report: the map has its legend, scale bar and north arrow",
          driver.execute_script("return !!document.querySelector('svg.site-map .legend') && !!document.querySelector('svg.site-map .scale-bar')"
                                " && !!document.querySelector('svg.site-map .north-arrow')"))
    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    check("report: loads nothing from anywhere", not loaded, str(loaded)[:300])
    errors = severe_console_errors(driver)
    check("report: no errors in the browser console", not errors, "; ".join(errors)[:400])
    full_page_screenshot(driver, os.path.join(OUT, "report.png"))

    binary = os.environ.get("ZONESCREEN", ".build/debug/zonescreen")
    pdf = os.path.join(OUT, "report.pdf")
    import subprocess
    run = subprocess.run([binary, "screen", "--coords", S01_GCJ02, "--offset", "gcj02", "--industry", "C2614", "--nature", "新建",
                          "--format", "pdf", "--output", pdf], capture_output=True, text=True, timeout=120)
    check("--format pdf writes a PDF", run.returncode == 0 and os.path.exists(pdf), run.stderr[-400:])
    if os.path.exists(pdf):
        words = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, timeout=60).stdout
        check("the PDF's text (pdftotext) holds the verdict and the reasons", "禁止" in words and "CN-CJ-26-1" in words and "长江保护法" in words,
              words[:300])


if __name__ == "__main__":
    sys.exit(main())
