#!/usr/bin/env python3
"""The browser suite: a secretariat's and a bureau official's day in a real headless Chromium
against a live `jinjibu serve --demo` on a database of its own.

Each task is done through the pages as a person would (typing, selecting, clicking), and its
result is then checked through the JSON API with the same session. Every page visited is
also checked for accessibility (axe-core, run offline from the copy that the PyPI package
axe-selenium-python ships), printed to PDF on A4 (page count, nothing wider than the paper)
and saved as a screenshot under $SCREENSHOTS (default browser/screenshots, emptied first).

A failed check is reported with what was expected and where, the suite goes on with the next
task, and the exit status is 1. Exit status 2: the suite could not start.

Usage: python3 browser/suite.py PATH/TO/jinjibu
Needs Debian's chromium and chromium-driver, and from PyPI selenium and axe-selenium-python
(`.ci/run` installs them).
"""
import base64
import contextlib
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

PROJECT = "2024-kanto-tsubame"
# A4 less the print margins of the layout's @page rule (12 mm each side), in CSS pixels.
A4_CONTENT_WIDTH_PX = round((210 - 24) / 25.4 * 96)
# axe-core rules whose violations do not fail the suite (none: every chart has its own ids
# since issue #16 item 10). Add an entry only with the issue that tracks it.
AXE_KNOWN = set()


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def axe_source():
    """axe-core as shipped inside the axe-selenium-python package: nothing is downloaded."""
    import axe_selenium_python
    paths = glob.glob(os.path.join(os.path.dirname(axe_selenium_python.__file__), "**", "axe.min.js"), recursive=True)
    if not paths:
        raise SystemExit("axe.min.js not found in axe-selenium-python")
    with open(paths[0], encoding="utf-8") as f:
        return f.read()


def start_server(binary, home, port):
    log = open(os.path.join(home, "serve.log"), "w")
    process = subprocess.Popen(
        [binary, "serve", "--demo", "--port", str(port), "--insecure-cookies"],
        env={**os.environ, "JINJIBU_HOME": home}, stdout=subprocess.PIPE, stderr=log, text=True)
    passwords = {}  # each demo account has its own, printed once
    deadline = time.time() + 180
    while time.time() < deadline and len(passwords) < 2:
        line = process.stdout.readline()
        if not line:
            break
        match = re.search(r"(demo-secretariat|demo-kanto)\s+パスワード\s+(\S+)", line)
        if match:
            passwords[match.group(1)] = match.group(2)
    if len(passwords) < 2:
        process.terminate()
        raise SystemExit("the server printed no demo account; see " + log.name)
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).status == 200:
                return process, passwords
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("the server did not become ready")


class Browser:
    def __init__(self, base, shots, axe):
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=ja",
                         "--disable-gpu", "--disable-extensions"]:
            options.add_argument(argument)
        if os.path.exists("/usr/bin/chromium"):
            options.binary_location = "/usr/bin/chromium"
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(driver_path), options=options)
        # axe-core takes seconds on a long page on a loaded machine.
        self.driver.set_script_timeout(120)
        self.base = base
        self.shots = shots
        self.axe = axe
        self.count = 0
        self.checked_pages = set()
        self.findings = []  # (page, message) from the per-page checks

    # Navigation.

    def open(self, path, expect_text, name, print_pages=None):
        self.driver.get(self.base + path)
        return self.page(expect_text, name, print_pages)

    def page(self, expect_text, name, print_pages=None):
        """Checks the page now shown: its text, then accessibility and print once per kind of page."""
        body = self.text()
        if expect_text and expect_text not in body:
            self.shot("FAILED-" + name)
            raise CheckFailed(f"{name}: expected {expect_text!r} on {self.driver.current_url}; the page says: {body[:300]!r}")
        self.shot(name)
        kind = re.sub(r"\d+", "N", self.driver.current_url.split("?")[0].split("#")[0])
        if kind not in self.checked_pages:
            self.checked_pages.add(kind)
            self.check_accessibility(name)
            self.check_print(name, print_pages)
        return body

    def text(self):
        # Right after a click or a submit, Chromium may still be replacing the document: the body
        # read then belongs to the page being left ("Node with given id does not belong to the
        # document"). Wait for the new document and read again, a few times at most.
        for _ in range(20):
            try:
                if self.driver.execute_script("return document.readyState") == "complete":
                    return self.driver.find_element(By.TAG_NAME, "body").text
            except WebDriverException as error:
                if "does not belong to the document" not in str(error) and "stale element" not in str(error):
                    raise
            time.sleep(0.25)
        return self.driver.find_element(By.TAG_NAME, "body").text

    def shot(self, name):
        self.count += 1
        safe = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_")[:60] or "page"
        height = self.driver.execute_script("return document.body.scrollHeight")
        self.driver.set_window_size(1280, max(800, min(height + 100, 8000)))
        self.driver.save_screenshot(os.path.join(self.shots, f"{self.count:02d}-{safe}.png"))

    def click(self, element):
        """Clicks and waits for the next page: reading the old page's text would race it."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()

        def left(driver):
            # Chromium reports the old page's node as "not in the document" (a plain
            # WebDriverException, which staleness_of does not catch) while it swaps documents.
            try:
                page.is_enabled()
                return False
            except WebDriverException as error:
                if "stale element" in str(error) or "does not belong to the document" in str(error):
                    return True
                raise

        WebDriverWait(self.driver, 30).until(left)
        WebDriverWait(self.driver, 30).until(lambda driver: driver.execute_script("return document.readyState") == "complete")

    def submit(self, form_selector):
        self.click(self.driver.find_element(By.CSS_SELECTOR, form_selector + " button[type=submit]"))

    def type(self, field_id, value):
        field = self.driver.find_element(By.ID, field_id)
        field.clear()
        field.send_keys(value)

    def value(self, field_id):
        return self.driver.find_element(By.ID, field_id).get_attribute("value")

    def login(self, login, password):
        self.driver.delete_all_cookies()
        self.driver.get(self.base + "/login")
        self.type("login", login)
        self.type("password", password)
        self.click(self.driver.find_element(By.CSS_SELECTOR, "main button[type=submit]"))

    # The JSON API with the browser's own session, to check what a task changed.

    def api(self, path, form=None, raw=False):
        """GET (or with `form`, POST as the page's form would) with the browser's session."""
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Cookie", "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies()))
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                data = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            raise CheckFailed(f"{'POST' if form is not None else 'GET'} {path} answered {error.code}")
        if raw:
            return data, kind
        return json.loads(data) if "json" in kind else data.decode("utf-8-sig")

    def csv_download(self, path, form=None):
        """A download as Excel opens it: UTF-8 with a byte order mark and CRLF line ends."""
        data, kind = self.api(path, form=form, raw=True)
        expect("text/csv" in kind, f"{path} is {kind!r}, not CSV")
        expect(data.startswith(b"\xef\xbb\xbf"), f"{path} has no byte order mark: Excel would not read it as UTF-8")
        expect(b"\r\n" in data, f"{path} does not end its lines with CRLF")
        return data[3:].decode("utf-8").splitlines()

    def api_all(self, path):
        """Every item of a paged list."""
        items, cursor = [], None
        while True:
            separator = "&" if "?" in path else "?"
            page = self.api(path + (f"{separator}cursor={urllib.request.quote(cursor)}" if cursor else ""))
            items += page["items"]
            cursor = page.get("next_cursor")
            if not cursor:
                return items

    # The checks made on every kind of page.

    def check_accessibility(self, name):
        self.driver.execute_script(self.axe)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)), e => done('ERROR ' + e));")
        if result.startswith("ERROR"):
            self.findings.append((name, "axe-core did not run: " + result))
            return
        for violation in json.loads(result):
            if violation["id"] in AXE_KNOWN:
                continue
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            self.findings.append((name, f"accessibility: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}"))

    def check_print(self, name, max_pages):
        # Nothing may be wider than A4's printable width under the print stylesheet.
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": A4_CONTENT_WIDTH_PX, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
        try:
            wide = self.driver.execute_script("""
                const limit = arguments[0] + 1, found = [];
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.width > 0 && r.right > limit && getComputedStyle(e).display !== 'none') {
                    found.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(r.right) + 'px');
                  }
                }
                return found.slice(0, 5);""", A4_CONTENT_WIDTH_PX)
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        if wide:
            self.findings.append((name, f"print: wider than A4 ({A4_CONTENT_WIDTH_PX}px): {', '.join(wide)}"))
        options = PrintOptions()
        options.page_width, options.page_height = 21.0, 29.7
        options.shrink_to_fit = False
        pdf = base64.b64decode(self.driver.print_page(options))
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        with open(os.path.join(self.shots, f"{self.count:02d}-{re.sub(r'[^A-Za-z0-9_-]+', '_', name)[:60]}.pdf"), "wb") as f:
            f.write(pdf)
        if pages < 1 or (max_pages and pages > max_pages):
            self.findings.append((name, f"print: {pages} A4 pages, expected 1 to {max_pages}"))


class Suite:
    def __init__(self, browser, passwords):
        self.b = browser
        self.passwords = passwords
        self.failures = []
        self.passed = []

    @contextlib.contextmanager
    def task(self, name):
        started = time.time()
        try:
            yield
            self.passed.append(name)
            print(f"  ok    {name} ({time.time() - started:.1f} s)", flush=True)
        except Exception as error:  # noqa: BLE001 -- every failure is reported, then the next task runs
            with contextlib.suppress(Exception):
                self.b.shot("FAILED-" + name)
            if isinstance(error, CheckFailed):
                detail = str(error)
            else:  # WebDriver's messages carry a native stack trace: its first line says enough
                detail = "".join(traceback.format_exception_only(error)).strip().splitlines()[0]
            self.failures.append((name, detail))
            print(f"  FAIL  {name}: {detail}", flush=True)

    def as_secretariat(self):
        self.b.login("demo-secretariat", self.passwords["demo-secretariat"])

    def as_bureau(self):
        self.b.login("demo-kanto", self.passwords["demo-kanto"])

    def run(self):
        b = self.b
        with self.task("secretariat signs in and sees the dashboard"):
            self.as_secretariat()
            # Six pages since the dashboard shows the hub funnel and KPI counts and rates as two charts.
            b.page("燕市地域の人事部", "dashboard", print_pages=6)
        with self.task("secretariat opens members, events and outcomes on the dashboard's year"):
            b.open("/consortia/tsubame", "燕市地域の人事部", "dashboard-again")
            year = re.search(r"令和\d+年度", b.driver.title)
            expect(year, f"the dashboard's title names no year: {b.driver.title!r}")
            b.open("/consortia/tsubame/members", "構成員", "members")
            b.open("/consortia/tsubame/events", "取組", "events")
            expect(year.group(0) in b.driver.title, f"events open on another year than the dashboard's {year.group(0)}: {b.driver.title!r}")
            b.open("/consortia/tsubame/outcomes", "成約・採用", "outcomes")
            expect(year.group(0) in b.driver.title, f"outcomes open on another year than the dashboard's {year.group(0)}: {b.driver.title!r}")
            b.open("/imports", "CSVの取り込み", "imports")
        with self.task("secretariat follows the multi-year plan from the dashboard"):
            b.open("/consortia/tsubame?year=2024", "自主財源比率", "dashboard-finances")
            b.click(b.driver.find_element(By.CSS_SELECTOR, "a[href^='/plans/']"))
            b.page("累計増加分", "plan", print_pages=3)
            plan = b.api("/api/v1/plans/tsubame-2024-2026")
            first = plan["kpis"][0]["years"][0]
            expect(f"{first['actual_level']:,}" in b.driver.page_source,
                   f"the plan page does not show the API's first actual {first['actual_level']}")
            expect(b.driver.find_elements(By.CSS_SELECTOR, "a[href*='/report.csv']"), "the plan page has no CSV link")
        with self.task("secretariat records that a member left, after confirming, then undoes it"):
            b.open("/consortia/tsubame/members", "構成員", "members-again")
            link = b.driver.find_element(By.CSS_SELECTOR, "a[href$='/leave']")
            member = link.get_attribute("href").split("/")[-2]
            b.click(link)
            b.page("退会日の翌日から", "member-leave-confirm")
            expect(b.api(f"/api/v1/consortia/tsubame/memberships/{member}").get("left_on") is None,
                   "opening the confirmation page already recorded the leaving")
            b.type("left_on", "令和7年3月31日")
            b.submit(f"form[action$='/members/{member}/leave']")
            b.page("を記録しました", "member-left")
            expect(b.api(f"/api/v1/consortia/tsubame/memberships/{member}").get("left_on") == "2025-03-31",
                   "the API does not have the leaving date")
            b.submit(f"div.notice form[action$='/members/{member}/undo-leave']")
            b.page("の退会を取り消しました", "member-leave-undone")
            expect(b.api(f"/api/v1/consortia/tsubame/memberships/{member}").get("left_on") is None,
                   "the API still has a leaving date after the undo")
        with self.task("secretariat registers a new firm and adds it as a member in one step"):
            b.open("/consortia/tsubame/members", "まだ登録されていない団体を登録して追加する", "members-new-organization")
            b.type("org_name", "ブラウザ新興株式会社")
            b.type("org_code", "browser-shinko")
            b.type("org_joined_on", "令和6年10月1日")
            b.submit("form[action$='/members/new-organization#new-organization']")
            b.page("ブラウザ新興株式会社を構成員に追加しました", "members-new-organization-added")
            members = b.api_all("/api/v1/consortia/tsubame/memberships")
            expect(any(m["organization"] == "browser-shinko" and m["joined_on"] == "2024-10-01" for m in members),
                   "the API has no membership of browser-shinko from 2024-10-01")
        with self.task("secretariat sets a KPI target as lists write it, and finds the password page"):
            b.open(f"/projects/{PROJECT}/kpi-targets", "成果目標を設定する", "kpi-targets")
            Select(b.driver.find_element(By.ID, "metric")).select_by_value("retention_rate_12m")
            b.type("target", "８５％")
            b.submit(f"form[action='/projects/{PROJECT}/kpi-targets#edit']")
            b.page("成果目標を保存しました", "kpi-targets-saved")
            target = next((t for t in b.api(f"/api/v1/projects/{PROJECT}/kpi-targets")["items"] if t["metric"] == "retention_rate_12m"), None)
            expect(target and target["target_numerator"] * 100 == 85 * target["target_denominator"], f"the API's retention target: {target}")
            b.click(b.driver.find_element(By.CSS_SELECTOR, "header a[href='/account/password']"))
            b.page("今のパスワード", "password")
        with self.task("secretariat changes an event from its own page"):
            b.open("/consortia/tsubame/events", "取組", "events-for-edit")
            link = b.driver.find_element(By.CSS_SELECTOR, "main table a[href^='/consortia/tsubame/events/']")
            event = link.get_attribute("href").split("/")[-1]
            b.click(link)
            b.page("取組の変更", "event-edit")
            b.type("venue", "ブラウザ会館")
            b.submit("form#change")
            b.page("取組を変更しました", "event-changed")
            stored = b.api(f"/api/v1/consortia/tsubame/events/{event}")
            expect(stored.get("venue") == "ブラウザ会館", f"the event as the API has it: {stored}")
        with self.task("secretariat changes a placement's fee from its own page"):
            b.open("/consortia/tsubame/outcomes?year=2024", "成約・採用", "outcomes-for-edit")
            link = b.driver.find_element(By.CSS_SELECTOR, "main table a[href^='/consortia/tsubame/outcomes/placements/']")
            placement = link.get_attribute("href").split("/")[-1]
            b.click(link)
            b.page("成約・採用の変更", "placement-edit")
            b.type("fee_yen", "¥123,456")
            b.submit("form#change")
            b.page("成約・採用を変更しました", "placement-changed")
            stored = b.api(f"/api/v1/consortia/tsubame/placements/{placement}")
            expect(stored.get("fee_yen") == 123456, f"the placement as the API has it: {stored}")
        with self.task("a 404 page keeps the menu, which names no codes"):
            b.open("/projects/no-such-project/claim", "ページが見つかりません", "not-found")
            nav = b.driver.find_element(By.CSS_SELECTOR, "header nav").text
            expect("構成員" in nav and "ダッシュボード" in nav, f"the 404 page's menu: {nav!r}")
            expect("tsubame" not in nav, f"the menu shows a code: {nav!r}")
        with self.task("expense form keeps what was typed on error, then saves"):
            body = b.open(f"/projects/{PROJECT}/expenses", "経費の明細", "expenses")
            # The date of judgement reads as one sentence, the ISO form in brackets beside the era.
            expect(re.search(r"算定基準日 令和\d+年\d+月\d+日（\d{4}-\d\d-\d\d）時点の判定です。", body),
                   f"the date of judgement does not read as one sentence: {body[:300]!r}")
            Select(b.driver.find_element(By.ID, "category")).select_by_value("venue")
            b.type("incurred_on", "2024-13-45")
            b.type("payee", "ブラウザ商店")
            b.type("amount_excl_tax_yen", "12,000")
            b.submit("form[action$='/expenses#new']")
            b.page("入力に誤りがあります", "expense-form-error")
            expect(b.value("payee") == "ブラウザ商店", "the payee typed was not kept after the error")
            expect(b.value("amount_excl_tax_yen") == "12,000", "the amount typed was not kept after the error")
            b.type("incurred_on", "令和6年9月1日")
            b.submit("form[action$='/expenses#new']")
            b.page("経費を登録しました", "expense-saved")
            lines = [line for line in b.api_all(f"/api/v1/projects/{PROJECT}/expenses") if line["payee"] == "ブラウザ商店"]
            expect(len(lines) == 1, f"the API lists {len(lines)} lines paid to ブラウザ商店, expected 1")
            expect(lines[0]["amount_excl_tax_yen"] == 12000 and lines[0]["incurred_on"] == "2024-09-01",
                   f"the saved line is not what was typed: {lines[0]}")
        with self.task("secretariat corrects, excludes and restores an expense line"):
            line = next(l for l in b.api_all(f"/api/v1/projects/{PROJECT}/expenses") if l["payee"] == "ブラウザ商店")
            b.open(f"/projects/{PROJECT}/expenses", "経費の明細", "expenses-again")
            b.click(b.driver.find_element(By.CSS_SELECTOR, f"a[href='/projects/{PROJECT}/expenses/{line['id']}']"))
            b.page("明細を訂正する", "expense-line")
            b.type("amount_excl_tax_yen", "１万五千")
            b.submit("form#correct")
            b.page("入力に誤りがあります", "expense-line-error")
            expect(b.value("amount_excl_tax_yen") == "１万五千", "the amount typed was not kept after the error")
            b.type("amount_excl_tax_yen", "15,000")
            b.type("description", "会場の延長分を含む")
            b.submit("form#correct")
            b.page("経費の明細を訂正しました", "expense-corrected")
            stored = b.api(f"/api/v1/projects/{PROJECT}/expenses/{line['id']}")
            expect(stored["amount_excl_tax_yen"] == 15000 and stored["description"] == "会場の延長分を含む",
                   f"the corrected line as the API has it: {stored}")
            b.open(f"/projects/{PROJECT}/expenses/{line['id']}", "この明細の変更の履歴", "expense-line-corrected")
            b.click(b.driver.find_element(By.CSS_SELECTOR, f"a[href='/projects/{PROJECT}/expenses/{line['id']}/history']"))
            body = b.page("変更の履歴", "expense-line-history")
            expect("税抜額: ¥12,000 → ¥15,000" in body, f"the history does not show the correction: {body[:500]!r}")
            # The party, never the login: the bureau reads this history too (issue 16).
            rows = b.driver.find_element(By.CSS_SELECTOR, "main table").text
            expect("燕市地域の人事部 事務局" in rows, f"the history does not name the secretariat as the party: {rows[:300]!r}")
            expect("demo-secretariat" not in rows, "the history shows the account's login")
            b.open(f"/projects/{PROJECT}/expenses/{line['id']}", "補助対象から除外する", "expense-line-2")
            b.submit("form#exclude")
            b.page("除外する理由を書いてください", "expense-exclude-error")
            b.type("exclude_reason", "私的な飲食のため")
            b.submit("form#exclude")
            body = b.page("補助対象から除外しました", "expense-excluded")
            expect("除外理由: 私的な飲食のため" in body, "the list does not show the exclusion reason")
            expect(b.api(f"/api/v1/projects/{PROJECT}/expenses/{line['id']}").get("excluded_reason") == "私的な飲食のため",
                   "the API does not have the exclusion reason")
            # Only the excluded lines, through the list's GET form (no script needed); the count is the API's.
            excluded = [l for l in b.api_all(f"/api/v1/projects/{PROJECT}/expenses") if l.get("excluded_reason")]
            Select(b.driver.find_element(By.ID, "show")).select_by_value("excluded")
            b.submit("form.filters")
            body = b.page("除外した明細のみ", "expenses-only-excluded")
            expect("show=excluded" in b.driver.current_url, f"the filter is not in the address: {b.driver.current_url}")
            expect(f"全{len(excluded)}件中 1–{len(excluded)}件" in body, f"expected 全{len(excluded)}件 excluded lines: {body[:400]!r}")
            expect("ブラウザ商店" in body, "the excluded line is not listed under 除外した明細のみ")
            # Largest amount first: the first line shown is the API's largest.
            Select(b.driver.find_element(By.ID, "show")).select_by_value("all")
            Select(b.driver.find_element(By.ID, "sort")).select_by_value("amount_desc")
            b.submit("form.filters")
            b.page("税抜額の大きい順", "expenses-by-amount")
            largest = max(l["amount_excl_tax_yen"] for l in b.api_all(f"/api/v1/projects/{PROJECT}/expenses"))
            first = b.driver.find_elements(By.CSS_SELECTOR, "#lines ~ div.scroll table tr td.num")[0].text
            expect(first == f"{largest:,}", f"sorted by amount, the first line shows {first}, the API's largest is {largest:,}")
            b.open(f"/projects/{PROJECT}/expenses/{line['id']}", "補助対象から除外しています", "expense-line-excluded")
            b.submit("form#restore")
            b.page("補助対象に戻しました", "expense-restored")
            expect(b.api(f"/api/v1/projects/{PROJECT}/expenses/{line['id']}").get("excluded_reason") is None,
                   "the API still has an exclusion reason after restoring")
        with self.task("secretariat downloads the expense lines and the claim computation for Excel"):
            b.open(f"/projects/{PROJECT}/expenses", "経費の明細", "expenses-downloads")
            link = b.driver.find_element(By.CSS_SELECTOR, f"a[href='/projects/{PROJECT}/expenses.csv']")
            rows = b.csv_download(link.get_attribute("href").replace(b.base, ""))
            lines = b.api_all(f"/api/v1/projects/{PROJECT}/expenses")
            expect(rows[0].startswith("事業,経費区分,発生日"), f"expenses.csv's header: {rows[0]!r}")
            expect(len(rows) == len(lines) + 1, f"expenses.csv has {len(rows) - 1} lines, the API {len(lines)}")
            claim_link = b.driver.find_element(By.CSS_SELECTOR, f"a[href^='/projects/{PROJECT}/claim.csv']")
            expect(len(b.csv_download(claim_link.get_attribute("href").replace(b.base, ""))) > 1, "claim.csv is empty")
        with self.task("secretariat imports a file keeping the valid rows and saves the rejected ones"):
            b.open("/imports", "CSVの取り込み", "imports-keep-valid")
            with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
                f.write("project,category,incurred_on,paid_on,payee,amount_excl_tax_yen,evidence_ref\n"
                        f"{PROJECT},venue,2024-10-01,2024-10-31,取込会場,30000,IMP-1\n"
                        f"{PROJECT},banquet,2024-10-02,2024-10-31,取込料亭,20000,IMP-2\n")
                upload = f.name
            try:
                Select(b.driver.find_element(By.ID, "kind")).select_by_value("expenses")
                b.driver.find_element(By.ID, "file").send_keys(upload)
                b.driver.find_element(By.NAME, "skip_invalid").click()
                b.submit("form[action='/imports']")
            finally:
                os.unlink(upload)
            b.page("誤りのある1行は書き込んでいません", "imports-kept-valid")
            payees = {l["payee"] for l in b.api_all(f"/api/v1/projects/{PROJECT}/expenses")}
            expect("取込会場" in payees and "取込料亭" not in payees, "the valid row was not written, or the invalid one was")
            form = b.driver.find_element(By.CSS_SELECTOR, "form[action='/imports/rejects.csv']")
            fields = {e.get_attribute("name"): e.get_attribute("value") for e in form.find_elements(By.CSS_SELECTOR, "input[type=hidden]")}
            rejects = b.csv_download("/imports/rejects.csv", form=fields)
            expect(len(rejects) == 2 and "取込料亭" in rejects[1] and "banquet" in rejects[1], f"the rejects file: {rejects}")
        with self.task("secretariat submits the claim's next version"):
            b.open(f"/projects/{PROJECT}/claim?as_of=2025-03-31", "補助金額と請求額の算定", "claim", print_pages=3)
            b.type("reason", "ブラウザから経費を追加したため")
            b.submit(f"form[method=post][action='/projects/{PROJECT}/claim']")
            body = b.page("請求 第2版を提出しました", "claim-submitted")
            expect("提出者 燕市地域の人事部 事務局" in body, f"the version does not name the secretariat as 提出者: {body[:400]!r}")
            expect(b.driver.current_url.split("?")[0].endswith(f"/projects/{PROJECT}/claims/2"), f"after submitting: {b.driver.current_url}")
            claims = b.api(f"/api/v1/projects/{PROJECT}/claims")
            versions = {c["claim_version"]: c["status"] for c in claims["items"]}
            expect(versions.get(2) == "submitted", f"the API's claim versions: {versions}")
        with self.task("bureau official reviews the projects and the report"):
            self.as_bureau()
            b.page("採択事業", "bureau-projects")
            b.open("/projects?year=2024", "都道府県別", "bureau-projects-2024")
            Select(b.driver.find_element(By.ID, "frame")).select_by_visible_text("通常枠")
            b.submit("form[action='/projects']")
            body = b.page("採択事業", "bureau-projects-standard-frame")
            expect("frame=standard" in b.driver.current_url, f"choosing 通常枠 did not filter: {b.driver.current_url}")
            expect("standard" not in b.driver.find_element(By.CSS_SELECTOR, "main").text, "the page shows the frame's code")
            b.open("/projects?year=2024&frame=通常枠", "通常枠", "bureau-projects-typed-frame")
            b.driver.set_window_size(375, 800)
            try:
                b.driver.get(b.base + "/projects?year=2024")
                wide = b.driver.execute_script("return document.documentElement.scrollWidth")
            finally:
                b.driver.set_window_size(1280, 1600)
            expect(wide <= 375, f"on a 375 px phone /projects is {wide} px wide")
            consortium = b.driver.find_element(By.CSS_SELECTOR, "a[href^='/consortia/']").get_attribute("href").replace(b.base, "")
            body = b.open(consortium, "構成員", "bureau-dashboard")
            expect("追加" not in body and "登録）" not in body, "the bureau's dashboard offers to add or register")
            body = b.open("/bureau/report?year=2024", "都道府県別", "bureau-report", print_pages=8)
            # Frames and consortia by name; the demo's refund (¥500,000, received) beside the payments.
            expect("地域戦略人材確保等実証事業 / 通常枠" in body, "the report's frame table does not name the frame")
            funding = b.driver.find_element(By.XPATH, "//h2[text()='自主財源（自立化）']/following-sibling::div[1]//table").text
            expect("燕市地域の人事部" in funding and "tsubame" not in funding, f"the self-funding table: {funding[:200]!r}")
            expect(not re.search(r"chiiki-senryaku-jinzai|\bstandard\b", b.driver.find_element(By.CSS_SELECTOR, "main").text),
                   "the bureau report shows a programme or frame code")
            refunds = b.driver.find_element(By.XPATH, "//h2[text()='返還（額の確定による）']/following-sibling::div[1]//table").text
            expect("合計 ¥500,000 ¥500,000 ¥0" in refunds, f"the report's refunds: {refunds!r}")
            report_link = b.driver.find_element(By.CSS_SELECTOR, "a[href^='/bureau/report.csv']")
            report_rows = b.csv_download(report_link.get_attribute("href").replace(b.base, ""))
            expect(report_rows[0] == "metric,key,label,value" and len(report_rows) > 10, f"bureau report CSV: {report_rows[:3]}")
            csv = b.api("/projects.csv?year=2024")
            header = csv.splitlines()[0].split(",") if csv else []
            expect({"年度", "枠", "No.", "事業者名"} <= set(header), f"projects.csv's header is {header}")
            expect(len(csv.splitlines()) > 1, "projects.csv has no rows")
        with self.task("bureau official approves the claim"):
            # The project's status follows its records (no hand-set status): the bureau sees the timeline.
            body = b.open(f"/projects/{PROJECT}/claim", "事業の経過", "bureau-claim")
            # Who submitted, as the party: the bureau never sees a login of the consortium's.
            main = b.driver.find_element(By.CSS_SELECTOR, "main").text
            expect("燕市地域の人事部 事務局" in main and "demo-secretariat" not in main and "user:" not in main,
                   f"the claim page does not name the party, or shows a login: {main[:400]!r}")
            expect("地域戦略人材確保等実証事業 / 通常枠" in main, "the claim's heading does not name the programme and frame")
            b.click(b.driver.find_element(By.CSS_SELECTOR, f"a[href='/projects/{PROJECT}/claims/2']"))
            b.page("第1版との違い", "bureau-claim-version")
            # Approving is deliberate: the box naming the version must be ticked first.
            b.driver.find_element(By.CSS_SELECTOR, "input[type=checkbox][name=confirm][value='2']").click()
            b.click(b.driver.find_element(By.XPATH, "//button[text()='承認する']"))
            body = b.page("請求 第2版を「承認済」にしました", "bureau-approved")
            expect("承認（関東経済産業局、" in body, f"the approval does not name the bureau: {body[:400]!r}")
            claims = b.api(f"/api/v1/projects/{PROJECT}/claims")
            versions = {c["claim_version"]: c["status"] for c in claims["items"]}
            expect(versions.get(2) == "approved", f"the API's claim versions after approving: {versions}")
        with self.task("after approval, a line is added with its reason and old lines are frozen"):
            self.as_secretariat()
            b.open(f"/projects/{PROJECT}/expenses", "明細は訂正・除外できません", "expenses-locked")
            Select(b.driver.find_element(By.ID, "category")).select_by_value("venue")
            b.type("incurred_on", "令和7年3月20日")
            b.type("payee", "承認後商店")
            b.type("amount_excl_tax_yen", "5000")
            b.submit("form[action$='/expenses#new']")
            b.page("追加の理由を書いてください", "expense-reason-missing")
            expect(b.value("payee") == "承認後商店", "the payee typed was not kept after the missing reason")
            b.type("added_reason", "領収書が後から届いたため")
            b.submit("form[action$='/expenses#new']")
            b.page("経費を登録しました", "expense-added-after-approval")
            added = [l for l in b.api_all(f"/api/v1/projects/{PROJECT}/expenses") if l["payee"] == "承認後商店"]
            expect(len(added) == 1 and added[0]["added_reason"] == "領収書が後から届いたため",
                   f"the line added after approval as the API has it: {added}")
        with self.task("secretariat prints the 実績報告書 on A4 portrait, its tables continued with their headings"):
            self.print_results_report()
        with self.task("every page passes the accessibility and A4 print checks"):
            expect(not b.findings, "\n        ".join(f"{page}: {message}" for page, message in b.findings))

    def print_results_report(self):
        """The demo project's 実績報告書 (claim version 1) printed to PDF by Chromium as a person
        would print it: A4 portrait pages, a bounded number of them, nothing past the right
        margin, no table column squeezed to a character a line, and the 経費明細表 annex's
        headings repeated on every page it continues on. The pages are rendered as PNG images
        (poppler's pdftoppm) beside the screenshots for a person to look at."""
        b = self.b
        self.as_secretariat()
        b.open(f"/projects/{PROJECT}/claims/1", "実績報告書（A4印刷用）", "claim-version-1")
        b.click(b.driver.find_element(By.CSS_SELECTOR, f"a[href='/projects/{PROJECT}/claims/1/results-report']"))
        b.page("実績報告書", "results-report", print_pages=14)
        # Cells under the print stylesheet at A4's printable width: none so narrow that its text
        # stands a character or two a line (line boxes counted by their tops).
        b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                 {"width": A4_CONTENT_WIDTH_PX, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
        try:
            narrow = b.driver.execute_script("""
                const found = [], range = document.createRange();
                for (const cell of document.querySelectorAll('.jisseki th, .jisseki td')) {
                  const text = cell.textContent.trim();
                  range.selectNodeContents(cell);
                  const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
                  if (text.length >= 3 && lines >= 3 && text.length / lines <= 2) found.push(text.slice(0, 20) + ': ' + lines + ' lines');
                }
                return found.slice(0, 5);""")
        finally:
            b.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        expect(not narrow, f"cells too narrow for their text when printed: {narrow}")
        # Printed as Chromium prints it, with the page's own @page size and margins.
        pdf = base64.b64decode(b.driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
        name = os.path.join(b.shots, "results-report")
        with open(name + ".pdf", "wb") as f:
            f.write(pdf)
        info = subprocess.run(["pdfinfo", "-f", "1", "-l", "1000", name + ".pdf"], capture_output=True, text=True, check=True).stdout
        sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
        expect(2 <= len(sizes) <= 14, f"the 実績報告書 printed on {len(sizes)} pages, expected 2 to 14")
        for number, (width, height) in enumerate(sizes, 1):
            expect(abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2,
                   f"page {number} is {width} x {height} pt, not A4 portrait (595 x 842)")
        subprocess.run(["pdftoppm", "-r", "80", "-png", name + ".pdf", name + "-page"], check=True)
        # Words past the right margin (12 mm, 34 pt) were cut off or overflow the paper.
        boxes = subprocess.run(["pdftotext", "-bbox", name + ".pdf", "-"], capture_output=True, text=True, check=True).stdout
        past = [(float(x), word) for x, word in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', boxes)
                if float(x) > 595.3 - 34 + 2]
        expect(not past, f"text past the right margin: {past[:5]}")
        pages = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", name + ".pdf", "-"],
                                capture_output=True, text=True, check=True).stdout for n in range(1, len(sizes) + 1)]
        expect("実績報告書" in pages[0] and "関東経済産業局長" in pages[0] and "株式会社つばめいと" in pages[0],
               f"the first page lacks the title, addressee or applicant: {pages[0][:300]!r}")
        annex = [n for n, text in enumerate(pages, 1) if re.search(r"INV-2024-\d{4}", text)]
        expect(len(annex) >= 2, f"the 経費明細表 annex is on pages {annex}: expected it to continue over pages")
        for n in annex:
            expect("明細番号" in pages[n - 1] and "対象外の理由" in pages[n - 1],
                   f"page {n} continues the 経費明細表 without its headings")
        expect(any("補助金の額" in text and "今回請求額" in text for text in pages), "no page shows the amount claimed")


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/jinjibu")
    if not os.access(binary, os.X_OK):
        print(f"no executable at {binary}: build it first (swift build)", file=sys.stderr)
        return 2
    shots = os.path.abspath(os.environ.get("SCREENSHOTS", os.path.join(os.path.dirname(__file__), "screenshots")))
    shutil.rmtree(shots, ignore_errors=True)
    os.makedirs(shots)
    home = tempfile.mkdtemp(prefix="jinjibu-browser-")
    port = free_port()
    started = time.time()
    server, passwords = start_server(binary, home, port)
    browser = None
    try:
        try:
            browser = Browser(f"http://127.0.0.1:{port}", shots, axe_source())
        except WebDriverException as error:
            print(f"chromium could not be started through chromedriver: {error.msg}", file=sys.stderr)
            return 2
        suite = Suite(browser, passwords)
        print(f"browser suite against {binary} on port {port}", flush=True)
        suite.run()
        if server.poll() is not None:
            suite.failures.append(("server", f"the server exited with {server.returncode}"))
        with open(os.path.join(home, "serve.log"), encoding="utf-8", errors="replace") as log:
            errors = [line.strip() for line in log if '"level":"error"' in line]
        if errors:
            suite.failures.append(("server log", "the server logged errors:\n        " + "\n        ".join(errors[:10])))
        elapsed = time.time() - started
        if suite.failures:
            print(f"browser suite FAILED: {len(suite.failures)} of {len(suite.passed) + len(suite.failures)} tasks "
                  f"({elapsed:.0f} s); screenshots in {shots}", file=sys.stderr)
            for name, detail in suite.failures:
                print(f"  {name}: {detail}", file=sys.stderr)
            return 1
        print(f"browser suite passed: {len(suite.passed)} tasks, {browser.count} screenshots in {shots} ({elapsed:.0f} s)")
        return 0
    finally:
        if browser:
            browser.driver.quit()
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
