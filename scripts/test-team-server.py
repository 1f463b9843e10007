#!/usr/bin/env python3
"""kh serve's team mode tested as a server: real sockets on loopback, a bare git remote, signals.

- A member logs in over HTTP and saves; the commit arrives on the remote as theirs.
- 20,000 idle connections from two other processes, then a save: it answers, it is committed
  and pushed, no git child is left a zombie.
- Slow headers and a slow body: the connection is closed at the deadline.
- SIGTERM while connections sit idle: kh serve exits at once.
- SIGTERM during a save, at a scripted point (while it pushes) and at random moments: after
  each, the record and its commit are both there or neither, and nothing is left uncommitted.
- With KH_BROWSER=1 (and Chromium, chromedriver, Selenium): two members in two browsers at once,
  a salesperson and customer service: each sees what the role allows, the mobile masked for
  customer service, the 秘密 contract opened by its owner through the access register, and
  both saves arrive on the remote as commits by their authors.

usage: scripts/test-team-server.py KH_BINARY
"""
import http.client
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "correct horse 1"
passed = failed = 0


def ok(what):
    global passed
    passed += 1
    print("ok   " + what, flush=True)


def fail(what):
    global failed
    failed += 1
    print("FAIL " + what, flush=True)


def check(cond, what, detail=""):
    (ok if cond else fail)(what if cond or not detail else what + ": " + detail)
    return cond


def git(*args, cwd):
    r = subprocess.run(["git", "-c", "user.name=someone", "-c", "user.email=someone@example.com", *args],
                       cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("git %s: %s" % (" ".join(args), r.stderr))
    return r.stdout


class Team:
    """A bare remote, the server's clone, the accounts; kh serve started and stopped."""

    def __init__(self, kh):
        self.kh = kh
        self.tmp = tempfile.mkdtemp(prefix="kh-team.")
        seed = os.path.join(self.tmp, "seed")
        shutil.copytree(os.path.join(ROOT, "archive-template"), seed, ignore=shutil.ignore_patterns(".kh"))
        git("init", "-q", "-b", "main", cwd=seed)
        git("add", "-A", cwd=seed)
        git("commit", "-qm", "start", cwd=seed)
        self.bare = os.path.join(self.tmp, "remote.git")
        self.clone = os.path.join(self.tmp, "server")
        git("clone", "-q", "--bare", seed, self.bare, cwd=self.tmp)
        git("clone", "-q", self.bare, self.clone, cwd=self.tmp)
        git("config", "user.name", "kh serve", cwd=self.clone)
        git("config", "user.email", "kh-serve@example.com", cwd=self.clone)
        self.accounts = os.path.join(self.tmp, "accounts")
        for name in ("王磊", "李娜", "陈静"):
            r = subprocess.run([kh, "account", "set", name, "--accounts", self.accounts, "--archive", self.clone],
                               input=PASSWORD + "\n", capture_output=True, text=True)
            assert r.returncode == 0, r.stderr
        self.proc = None
        self.port = None

    def start(self, deadlines="3,5", extra=()):
        env = dict(os.environ, KH_SERVE_DEADLINES=deadlines)
        self.proc = subprocess.Popen(
            [self.kh, "serve", self.clone, "--accounts", self.accounts, "--port", "0", "--remote-timeout", "3",
             "--sync-interval", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        url = self.proc.stdout.readline().strip()
        assert url.startswith("http://"), "kh serve did not start: " + self.proc.stderr.read()
        self.port = int(url.rsplit(":", 1)[1].strip("/"))
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()
        return url

    def stop(self, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                # Where it hangs, for whoever reads the log.
                subprocess.run(["gdb", "-p", str(self.proc.pid), "-batch", "-ex", "thread apply all bt 12"],
                               stdout=sys.stdout, stderr=subprocess.DEVNULL, timeout=60)
                self.proc.kill()
                self.proc.wait()
                return False
        return True

    def request(self, method, path, cookie="", fields=None, timeout=60):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        body = urllib.parse.urlencode(fields) if fields is not None else None
        headers = {"Host": "127.0.0.1:%d" % self.port, "Cookie": cookie}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = "http://127.0.0.1:%d" % self.port
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read().decode("utf-8", "replace")
        cookies = [v.split(";")[0] for (k, v) in r.getheaders() if k.lower() == "set-cookie"]
        c.close()
        return r.status, data, cookies, dict(r.getheaders())

    def login(self, name):
        _, page, cookies, _ = self.request("GET", "/login")
        session = [c for c in cookies if c.startswith("kh_session=")][0]
        token = session.split("=", 1)[1]
        status, _, cookies, _ = self.request("POST", "/login", session,
                                             {"_token": token, "name": name, "password": PASSWORD, "next": "/"})
        assert status == 303, "login %s: %d" % (name, status)
        login = [c for c in cookies if c.startswith("kh_login=")][0]
        return session + "; " + login, token

    def log(self, member, content, minute):
        cookie, token = member
        status, form, _, _ = self.request("GET", "/customers/KH-2024-001/log", cookie)
        h = re.search(r'name="hash" value="([^"]*)"', form)
        fields = {"_token": token, "hash": h.group(1) if h else "", "time": "2026-11-30T10:%02d" % minute,
                  "method": "电话", "type": "日常维护", "ours": "李娜", "theirs": "张伟", "content": content}
        return self.request("POST", "/customers/KH-2024-001/log", cookie, fields)[0]

    def remote_subjects(self):
        return git("log", "--format=%an|%s", "main", cwd=self.bare).splitlines()

    def zombies(self):
        """Children of kh serve that ended and were not waited for."""
        out = []
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                stat = open("/proc/%s/stat" % pid).read()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] == "Z" and int(fields[1]) == self.proc.pid:
                out.append(pid)
        return out


def idle_connections(port, n, ready, release):
    """A process holding `n` connections that never send a byte."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    held = []
    for _ in range(n):
        s = socket.socket()
        s.setblocking(False)
        try:
            s.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        held.append(s)
    ready.set()
    release.wait()


def test_idle_connections_then_a_save(team):
    team.start()
    li = team.login("李娜")
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    ready = [ctx.Event(), ctx.Event()]
    release = ctx.Event()
    procs = [ctx.Process(target=idle_connections, args=(team.port, 10000, ready[i], release)) for i in range(2)]
    for p in procs:
        p.start()
    for r in ready:
        r.wait(120)
    time.sleep(1)
    start = time.time()
    status = team.log(li, "两万个空闲连接之后", 1)
    took = time.time() - start
    check(status == 303, "20,000 idle connections, then a save answers (%.1f s)" % took, "status %d" % status)
    check(team.remote_subjects()[0].startswith("李娜|记录互动"), "and its commit is on the remote, by its author")
    check(team.zombies() == [], "no git child is left a zombie", " ".join(team.zombies()))
    t0 = time.time()
    stopped = team.stop(timeout=20)
    check(stopped and time.time() - t0 < 10, "SIGTERM with the connections still open: it exits (%.1f s)" % (time.time() - t0))
    release.set()
    for p in procs:
        p.join(30)


def test_slow_requests_are_cut(team):
    team.start(deadlines="2,3")
    # Slow headers: a byte every half second, never finishing.
    s = socket.create_connection(("127.0.0.1", team.port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    start = time.time()
    closed = False
    while time.time() - start < 10:
        try:
            s.sendall(b"X")
            s.settimeout(0.5)
            if s.recv(1024) == b"":
                closed = True
                break
        except socket.timeout:
            continue
        except OSError:
            closed = True
            break
    check(closed and time.time() - start < 6, "slow headers: the connection is closed at the deadline (%.1f s)" % (time.time() - start))
    # A slow body: the head says 1000 bytes, 10 arrive.
    s = socket.create_connection(("127.0.0.1", team.port))
    s.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n0123456789")
    s.settimeout(10)
    start = time.time()
    try:
        data = s.recv(1024)
    except OSError:
        data = b""
    check(time.time() - start < 8, "a slow body: answered or closed at the deadline (%.1f s)" % (time.time() - start), repr(data[:60]))
    team.stop()


def record_state(team):
    """(files of the interaction folder, what git says is uncommitted)."""
    status = git("status", "--porcelain", "--untracked-files=all", cwd=team.clone)
    folder = os.path.join(team.clone, "客户档案/KH-2024-001_星辰科技/03-互动记录/2026-Q4")
    files = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    tracked = git("ls-files", "客户档案/KH-2024-001_星辰科技/03-互动记录/2026-Q4", cwd=team.clone).split()
    return files, status, tracked


def sigterm_during_a_save(team, delay, minute, what):
    team.start()
    li = team.login("李娜")
    before = len(record_state(team)[0])
    result = {}

    def save():
        try:
            result["status"] = team.log(li, "保存中途收到 SIGTERM", minute)
        except Exception as e:  # the server went away mid-answer
            result["error"] = str(e)

    t = threading.Thread(target=save)
    t.start()
    time.sleep(delay)
    start = time.time()
    stopped = team.stop(timeout=30)
    t.join(30)
    files, status, tracked = record_state(team)
    new = len(files) - before
    both = new == 0 or len(tracked) == len(files)
    check(stopped and time.time() - start < 15 and both and status == "",
          "%s: exits (%.1f s), the record and its commit both there or neither (new %d, uncommitted %r)"
          % (what, time.time() - start, new, status))
    return new


def test_sigterm_during_saves(team):
    # Scripted: while the save pushes (a pre-push hook that takes two seconds).
    hook = os.path.join(team.clone, ".git/hooks/pre-push")
    with open(hook, "w") as f:
        f.write("#!/bin/sh\nsleep 2\nexit 0\n")
    os.chmod(hook, 0o755)
    new = sigterm_during_a_save(team, 1.0, 10, "SIGTERM while the save pushes")
    check(new == 1, "the save that was pushing is kept, committed")
    os.unlink(hook)
    # Random moments.
    rng = random.Random(int(os.environ.get("KH_SEED", "0")) or None)
    for i in range(8):
        sigterm_during_a_save(team, rng.uniform(0, 0.15), 20 + i, "SIGTERM at a random moment #%d" % (i + 1))
    # Whatever was committed on the server reaches the remote at the next start.
    team.start()
    li = team.login("李娜")
    check(team.log(li, "之后再保存一次", 40) == 303, "a save after the restarts")
    ahead = git("rev-list", "--count", "@{u}..HEAD", cwd=team.clone).strip()
    check(ahead == "0", "and everything committed is on the remote", "ahead " + ahead)
    team.stop()


def test_behind_nginx(team):
    """docs/deploy.md's nginx server block, as written there, in front of kh serve with TLS."""
    import ssl
    doc = open(os.path.join(ROOT, "docs/deploy.md"), encoding="utf-8").read()
    block = re.search(r"```nginx\n(.*?)```", doc, re.S).group(1)
    tmp = os.path.join(team.tmp, "nginx")
    os.makedirs(tmp, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=kh.example.com",
                    "-keyout", tmp + "/key.pem", "-out", tmp + "/cert.pem"], check=True, capture_output=True)
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    url = team.start(extra=["--name", "kh.example.com", "--trusted-proxy", "127.0.0.1"])
    block = (block.replace("listen 443 ssl;", "listen 127.0.0.1:%d ssl;" % port)
             .replace("/etc/ssl/kh.example.com.pem", tmp + "/cert.pem")
             .replace("/etc/ssl/kh.example.com.key", tmp + "/key.pem")
             .replace("http://127.0.0.1:8080", "http://127.0.0.1:%d" % team.port))
    conf = ("pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\naccess_log off;\n"
            "client_body_temp_path %s/body;\nproxy_temp_path %s/proxy;\n%s}\n") % (tmp, tmp, tmp, tmp, block)
    with open(tmp + "/nginx.conf", "w") as f:
        f.write(conf)
    nginx = subprocess.Popen(["nginx", "-p", tmp, "-c", tmp + "/nginx.conf", "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1)
    try:
        context = ssl._create_unverified_context()

        def request(method, path, cookie="", fields=None, headers=None):
            c = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
            h = {"Host": "kh.example.com", "Cookie": cookie}
            h.update(headers or {})
            body = None
            if fields is not None:
                body = urllib.parse.urlencode(fields)
                h["Content-Type"] = "application/x-www-form-urlencoded"
                h["Origin"] = "https://kh.example.com"
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read().decode("utf-8", "replace")
            return r.status, data, [v for k, v in r.getheaders() if k.lower() == "set-cookie"]

        status, _, _ = request("GET", "/", headers={"X-Forwarded-User": "wanglei"})
        check(status == 303, "behind nginx: a browser's own X-Forwarded-User logs nobody in (the block clears it)")
        _, _, cookies = request("GET", "/login")
        session = [c.split(";")[0] for c in cookies if c.startswith("kh_session=")][0]
        token = session.split("=", 1)[1]
        status, _, cookies = request("POST", "/login", session, {"_token": token, "name": "陈静", "password": PASSWORD})
        login = [c for c in cookies if c.startswith("kh_login=")]
        check(status == 303 and login and login[0].endswith("; Secure"),
              "behind nginx with TLS: the login works and its cookie is Secure", repr(login))
        cookie = session + "; " + login[0].split(";")[0]
        _, form, _ = request("GET", "/customers/KH-2024-003/log", cookie)
        h = re.search(r'name="hash" value="([^"]*)"', form)
        status, _, _ = request("POST", "/customers/KH-2024-003/log", cookie, {
            "_token": token, "hash": h.group(1) if h else "", "time": "2026-11-30T15:00", "method": "电话",
            "type": "日常维护", "ours": "陈静", "theirs": "刘洋", "content": "经 nginx 保存"})
        check(status == 303 and team.remote_subjects()[0].startswith("陈静|记录互动：KH-2024-003"),
              "behind nginx: a save is a commit on the remote by its author", "status %d" % status)
    finally:
        nginx.terminate()
        nginx.wait(10)
        team.stop()


def test_two_browsers(team):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url = team.start(deadlines="20,60")

    def browser():
        o = webdriver.ChromeOptions()
        o.add_argument("--headless=new")
        o.add_argument("--no-sandbox")
        o.add_argument("--window-size=1280,900")
        for name in ("chromium", "chromium-browser", "google-chrome"):
            if shutil.which(name):
                o.binary_location = shutil.which(name)
                break
        return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=o)

    wang, li = browser(), browser()
    try:
        for d, name in ((wang, "wanglei"), (li, "lina")):
            d.get(url + "customers/KH-2024-001")
            check("/login" in d.current_url, "%s: the customer's page asks for a login first" % name)
            d.find_element(By.ID, "name").send_keys(name)
            d.find_element(By.ID, "password").send_keys(PASSWORD)
            d.find_element(By.CSS_SELECTOR, "form.login button").click()
            WebDriverWait(d, 20).until(lambda d: "/login" not in d.current_url)
            check(d.current_url.endswith("/customers/KH-2024-001"), "%s: back where they were going" % name, d.current_url)
        wang_page = wang.page_source
        li_page = li.page_source
        check("13812345678" in wang_page, "王磊 (销售, the owner) sees the mobile in full")
        check("13812345678" not in li_page and "138****5678" in li_page, "李娜 (客服) sees it masked")
        check("修改基本信息" in wang_page and "修改基本信息" not in li_page, "only the owner is offered the edit")
        li.get(url + "customers/KH-2024-001/edit/basic")
        check("不能修改这位客户的档案" in li.page_source, "李娜 cannot edit 基本信息 by its address either")
        # The owner opens the 秘密 contract: the register first.
        wang.get(url + "customers/KH-2024-001")
        wang.find_element(By.LINK_TEXT, "查阅").click()
        wang.find_element(By.ID, "reason").send_keys("续约报价")
        wang.find_element(By.CSS_SELECTOR, "form.login button").click()
        WebDriverWait(wang, 20).until(lambda d: "pre" in d.page_source and "document" in d.page_source)
        check("HT-2024-0301" in wang.page_source, "王磊 opens the 秘密 contract through 查阅")
        check("你的角色无权查看" in li.page_source or "HT-2024-0301" not in li.page_source, "李娜 does not see it")
        # Both log an interaction at once.
        for d, who, minute in ((wang, "王磊", 50), (li, "李娜", 51)):
            d.get(url + "customers/KH-2024-001/log")
            t = d.find_element(By.NAME, "time")
            d.execute_script("arguments[0].value = arguments[1]", t, "2026-11-30T11:%02d" % minute)
            d.find_element(By.NAME, "content").send_keys("%s 的回访记录" % who)
        wang.find_element(By.CSS_SELECTOR, "button[value=save]").click()
        li.find_element(By.CSS_SELECTOR, "button[value=save]").click()
        for d in (wang, li):
            WebDriverWait(d, 30).until(lambda d: not d.current_url.endswith("/log"))
        subjects = team.remote_subjects()[:3]
        authors = sorted(s.split("|")[0] for s in subjects[:2])
        check(authors == ["李娜", "王磊"], "both saves are commits on the remote by their authors", repr(subjects))
        check(any(s.startswith("王磊|查阅登记") for s in subjects), "and the view of the 秘密 contract is registered", repr(subjects))
    finally:
        wang.quit()
        li.quit()
        team.stop()


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    kh = os.path.abspath(sys.argv[1])
    team = Team(kh)
    try:
        team.start()
        li = team.login("李娜")
        check(team.log(li, "第一次保存", 0) == 303, "a member logs in and saves")
        check(team.remote_subjects()[0].startswith("李娜|记录互动：KH-2024-001"), "the commit arrives on the remote by its author")
        team.stop()
        test_slow_requests_are_cut(team)
        test_idle_connections_then_a_save(team)
        test_sigterm_during_saves(team)
        if shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"):
            test_behind_nginx(team)
        else:
            print("skip nginx is not installed (make test-team-server installs it)")
        if os.environ.get("KH_BROWSER") == "1":
            test_two_browsers(team)
    finally:
        team.stop()
        shutil.rmtree(team.tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
