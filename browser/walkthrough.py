#!/usr/bin/env python3
"""Walks through the web pages in a real headless Chromium against a live `serve --demo`:
a secretariat's year and a bureau's review, with a form error, a claim submission, the CSV
download, and a screenshot of every page (into $SCREENSHOTS, default ./browser/screenshots).

Usage: python3 browser/walkthrough.py PATH/TO/jinjibu
Needs Debian's chromium and chromium-driver, and selenium from PyPI.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, home, port):
    log = open(os.path.join(home, "serve.log"), "w")
    process = subprocess.Popen(
        [binary, "serve", "--demo", "--port", str(port), "--insecure-cookies"],
        env={**os.environ, "JINJIBU_HOME": home}, stdout=subprocess.PIPE, stderr=log, text=True)
    passwords = {}  # each demo account has its own
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
        raise SystemExit("the server printed no demo account")
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).status == 200:
                return process, passwords
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("the server did not become ready")


class Walk:
    def __init__(self, base, shots):
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=ja"]:
            options.add_argument(argument)
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(driver_path), options=options)
        self.base = base
        self.shots = shots
        self.count = 0

    def open(self, path, expect_text=None, name=None):
        self.driver.get(self.base + path)
        return self.check(expect_text, name or path)

    def check(self, expect_text, name):
        body = self.driver.find_element(By.TAG_NAME, "body").text
        if expect_text and expect_text not in body:
            self.shot("FAILED-" + name)
            raise AssertionError(f"{name}: expected {expect_text!r} on {self.driver.current_url}")
        self.shot(name)
        return body

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
        WebDriverWait(self.driver, 30).until(expected_conditions.staleness_of(page))

    def login(self, login, password):
        self.driver.delete_all_cookies()
        self.driver.get(self.base + "/login")
        self.driver.find_element(By.ID, "login").send_keys(login)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.click(self.driver.find_element(By.CSS_SELECTOR, "main button[type=submit]"))

    def submit(self, form_selector):
        self.click(self.driver.find_element(By.CSS_SELECTOR, form_selector + " button[type=submit]"))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/jinjibu"
    shots = os.environ.get("SCREENSHOTS", os.path.join(os.path.dirname(__file__), "screenshots"))
    os.makedirs(shots, exist_ok=True)
    home = tempfile.mkdtemp(prefix="jinjibu-browser-")
    port = free_port()
    server, passwords = start_server(binary, home, port)
    walk = None
    try:
        walk = Walk(f"http://127.0.0.1:{port}", shots)
        project = "2024-kanto-tsubame"
        # A secretariat's year.
        walk.login("demo-secretariat", passwords["demo-secretariat"])
        walk.check("燕市地域の人事部", "dashboard")
        walk.open("/consortia/tsubame/members", "構成員")
        walk.open("/consortia/tsubame/events", "取組")
        walk.open("/consortia/tsubame/outcomes", "成約・採用")
        walk.open(f"/projects/{project}/expenses", "経費の明細")
        # A form with an error: the message beside the field, the input kept.
        Select(walk.driver.find_element(By.ID, "category")).select_by_value("venue")
        walk.driver.find_element(By.ID, "incurred_on").send_keys("2024-13-45")
        walk.driver.find_element(By.ID, "payee").send_keys("ブラウザ商店")
        walk.driver.find_element(By.ID, "amount_excl_tax_yen").send_keys("12,000")
        walk.submit("form[action$='/expenses#new']")
        walk.check("入力に誤りがあります", "expense-form-error")
        assert walk.driver.find_element(By.ID, "payee").get_attribute("value") == "ブラウザ商店"
        date = walk.driver.find_element(By.ID, "incurred_on")
        date.clear()
        date.send_keys("令和6年9月1日")
        walk.submit("form[action$='/expenses#new']")
        walk.check("経費を登録しました", "expense-saved")
        walk.open(f"/projects/{project}/claim?as_of=2025-03-31", "補助金額と請求額の算定", "claim")
        walk.driver.find_element(By.ID, "reason").send_keys("ブラウザから経費を追加したため")
        walk.submit(f"form[method=post][action='/projects/{project}/claim']")
        walk.check("請求 第2版", "claim-submitted")
        assert walk.driver.current_url.endswith(f"/projects/{project}/claims/2"), walk.driver.current_url
        walk.open("/imports", "CSVの取り込み")
        # A bureau's review.
        walk.login("demo-kanto", passwords["demo-kanto"])
        walk.check("採択事業", "bureau-projects")
        walk.open("/projects?year=2024", "都道府県別", "bureau-projects-2024")
        walk.open("/bureau/report?year=2024", "都道府県別", "bureau-report")
        request = urllib.request.Request(f"{walk.base}/projects.csv?year=2024")
        request.add_header("Cookie", "; ".join(f"{c['name']}={c['value']}" for c in walk.driver.get_cookies()))
        csv = urllib.request.urlopen(request).read().decode("utf-8-sig")
        assert csv.startswith("年度,枠,No.,事業者名"), csv[:80]
        walk.open(f"/projects/{project}/claim", "事業の状態を変える", "bureau-claim")
        walk.click(walk.driver.find_element(By.CSS_SELECTOR, f"a[href='/projects/{project}/claims/2']"))
        walk.check("第1版との違い", "bureau-claim-version")
        walk.click(walk.driver.find_element(By.XPATH, "//button[text()='承認する']"))
        walk.check("承認済", "bureau-approved")
        print(f"browser walkthrough passed: {walk.count} screenshots in {shots}")
    finally:
        if walk:
            walk.driver.quit()
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
