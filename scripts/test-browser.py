#!/usr/bin/env python3
"""kh serve in a real browser (Chromium through Selenium and chromedriver), as a person uses it.

On a copy of archive-template under git: choose who you are, find a customer by its initials,
open it, log an interaction through the form, see it on the timeline and in the file on disk,
which `kh validate` accepts; edit a field while the file changes on disk and get the
conflict, then save again. Every page is looked at as a desktop and as a phone: no page is
wider than the screen. With KH_SCREENSHOTS=<folder>, the main pages are saved there as PNG
(docs/images/serve-*.png are made this way).

usage: scripts/test-browser.py KH_BINARY
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
passed = failed = 0


def ok(what):
    global passed
    passed += 1
    print("ok   " + what)


def fail(what):
    global failed
    failed += 1
    print("FAIL " + what)


DRIVER = None


def check(cond, what, detail=""):
    if cond:
        ok(what)
    else:
        fail(what + (": " + detail if detail else ""))
        if DRIVER is not None:  # where the browser is, to see why
            try:
                print("     at " + DRIVER.current_url + ": " + DRIVER.find_element(By.TAG_NAME, "body").text[:600].replace("\n", " | "))
            except Exception:
                pass


def browser_path():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    kh = os.path.abspath(sys.argv[1])
    chrome, driver_path = browser_path(), shutil.which("chromedriver")
    if not chrome or not driver_path:
        print("FAIL Chromium and chromedriver are needed (make setup-browser installs them)")
        return 1
    shots = os.environ.get("KH_SCREENSHOTS")
    tmp = tempfile.mkdtemp(prefix="kh-browser.")
    archive = os.path.join(tmp, "档案库")
    shutil.copytree(os.path.join(ROOT, "archive-template"), archive, ignore=shutil.ignore_patterns(".kh"))
    git = ["git", "-C", archive, "-c", "user.name=Archivist", "-c", "user.email=archivist@example.com"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "start"], check=True)

    env = dict(os.environ, KH_NO_CACHE="1")
    server = subprocess.Popen([kh, "serve", "--port", "0", "--commit", archive], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, start_new_session=True)
    url = server.stdout.readline().decode().strip()
    check(re.fullmatch(r"http://127\.0\.0\.1:\d+/", url) is not None, "kh serve --port 0 prints its URL first (%s)" % url)

    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN",
              "--hide-scrollbars", "--window-size=1280,900"):
        options.add_argument(a)
    os.environ["SE_OFFLINE"] = "true"  # never download a driver
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    global DRIVER
    DRIVER = driver

    def body():
        return driver.find_element(By.TAG_NAME, "body").text

    def replaced(page):
        """Waits until `page` (the old <html>) is gone and the next page has loaded. Chromium
        reports a gone element either as stale or as "does not belong to the document"."""
        def gone(_):
            try:
                page.is_enabled()
                return False
            except Exception:
                return True
        WebDriverWait(driver, 30).until(gone)
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def click(selector, by=By.CSS_SELECTOR):
        """Clicks and waits for the next page to have replaced this one."""
        page = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(by, selector).click()
        replaced(page)

    def look(name, path=None):
        """The page as a desktop (1280) and a phone (390) would show it: nothing wider than
        the screen; with KH_SCREENSHOTS, a full-page PNG of each."""
        if path:
            driver.get(url.rstrip("/") + path)
        for label, width, mobile in (("desktop", 1280, False), ("phone", 390, True)):
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile})
            time.sleep(0.2)
            scroll = driver.execute_script("return document.documentElement.scrollWidth")
            check(scroll <= width, "%s at %s width (%d px) needs no sideways scrolling" % (name, label, width),
                  "scrollWidth %d" % scroll)
            if shots:
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": min(height, 4000), "deviceScaleFactor": 1, "mobile": mobile})
                time.sleep(0.2)
                os.makedirs(shots, exist_ok=True)
                driver.save_screenshot(os.path.join(shots, "serve-%s-%s.png" % (name, label)))
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    try:
        # Who are you: once, remembered.
        driver.get(url)
        check("你是哪位" in body(), "the start page asks who you are")
        Select(driver.find_element(By.NAME, "name")).select_by_value("陈静")
        click("form[action='/me'] button")
        check("我的一周" in body() and "陈静" in body(), "陈静 sees her week")
        check("2月15日前提交数据脱敏模块方案和报价" in body(), "her step at 星辰科技 (王磊's customer) is on her week")
        look("week")

        # Find by initials, open.
        driver.get(url + "customers")
        box = driver.find_element(By.NAME, "q")
        box.send_keys("xckj")
        page = driver.find_element(By.TAG_NAME, "html")
        box.submit()
        replaced(page)
        check("/customers?q=xckj" in driver.current_url, "the search is a bookmarkable URL (%s)" % driver.current_url)
        links = driver.find_elements(By.CSS_SELECTOR, "a[href='/customers/KH-2024-001']")
        check(len(links) > 0 and "海川制造" not in body(), "xckj finds 星辰科技 and only it")
        look("customers", "/customers")
        driver.get(url + "customers?q=xckj")
        click("a[href='/customers/KH-2024-001']")
        check(driver.current_url.endswith("/customers/KH-2024-001"), "the customer opens")
        look("customer")

        # Log an interaction through the form.
        click("记录互动", By.LINK_TEXT)
        content = "浏览器测试：电话确认数据脱敏模块的上线时间"
        driver.find_element(By.NAME, "content").send_keys(content)
        Select(driver.find_element(By.NAME, "method")).select_by_visible_text("电话")
        look("log")
        click("button[value='save']")
        check(driver.current_url.endswith("/customers/KH-2024-001?saved=1"), "saving goes back to the customer (%s)" % driver.current_url)
        check("已保存。" in body(), "and says it was saved")
        check(content in body(), "the interaction is on the timeline")
        written = subprocess.run(["grep", "-rl", content, os.path.join(archive, "客户档案")], capture_output=True, text=True).stdout.split()
        check(len(written) == 1 and re.search(r"/03-互动记录/\d{4}-Q[1-4]/\d{4}-\d{2}-\d{2}-电话\.yaml$", written[0] or ""),
              "the record is on disk where kh log puts it", repr(written))
        v = subprocess.run([kh, "validate", archive], capture_output=True, text=True, env=env)
        check(v.returncode == 0, "kh validate accepts the archive", v.stdout + v.stderr)
        log = subprocess.run(["git", "-C", archive, "log", "-1", "--format=%an|%s"], capture_output=True, text=True).stdout.strip()
        check(log.startswith("陈静|记录互动：KH-2024-001"), "--commit: one commit by 陈静 (%s)" % log)

        # Edit a field while the file changes on disk: the conflict, the input kept.
        driver.get(url + "customers/KH-2024-001/edit/basic")
        look("edit")
        field = driver.find_element(By.NAME, "f.所在地区")
        field.clear()
        field.send_keys("天津市")
        basic = os.path.join(archive, "客户档案", "KH-2024-001_星辰科技", "01-客户基本信息", "基本信息.yaml")
        with open(basic, encoding="utf-8") as f:
            text = f.read()
        with open(basic, "w", encoding="utf-8") as f:
            f.write(text.replace("注册资本: 5000.00", "注册资本: 6000.00"))
        click("button[value='save']")
        page = body()
        check("被修改" in page and "注册资本: 6000.00" in page, "a file changed on disk: the save is refused and the change shown")
        check(driver.find_element(By.NAME, "f.所在地区").get_attribute("value") == "天津市", "what was typed is kept")
        with open(basic, encoding="utf-8") as f:
            check("所在地区: 北京市" in f.read(), "nothing was written")
        look("conflict")
        # Under --commit a save never commits someone else's uncommitted edit: saving now is
        # refused too, the input kept, until whoever edited the file commits it.
        click("button[value='save']")
        check("有尚未提交到 git 的修改" in body(), "the editor's change is not committed under 陈静's name")
        check(driver.find_element(By.NAME, "f.所在地区").get_attribute("value") == "天津市", "what was typed is still kept")
        subprocess.run(git + ["commit", "-qam", "注册资本"], check=True)
        click("button[value='save']")
        with open(basic, encoding="utf-8") as f:
            after = f.read()
        check("所在地区: 天津市" in after and "注册资本: 6000.00" in after, "saving again keeps both changes")

        # A form whose result would add an error: refused next to the field.
        driver.get(url + "customers/KH-2024-001/edit/basic")
        field = driver.find_element(By.NAME, "f.联系人[1].手机")
        field.clear()
        field.send_keys("1381234")
        click("button[value='save']")
        invalid = driver.find_elements(By.CSS_SELECTOR, "label.invalid")
        check(len(invalid) > 0 and "手机" in invalid[0].text, "an error is shown next to its field")
        look("refused")

        look("problems", "/problems")
        look("new", "/customers/new")
    finally:
        driver.quit()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
