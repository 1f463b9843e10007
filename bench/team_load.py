#!/usr/bin/env python3
"""make bench-team: kh serve's team mode under load. MEMBERS members (客服, who may log for every
customer) log in and save interactions, each to a customer of their own, as fast as the server
answers, for SECONDS seconds, on a copy of the bench archive under git with a bare remote. Then:
how many saves, how many errors, the latency of a save (p50, p90, p99), and whether every save
is a commit on the server and on the remote (0 lost).

usage: bench/team_load.py KH_BINARY ARCHIVE WORKDIR [--members 50] [--seconds 60]
"""
import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

PASSWORD = "load test password"


def git(*args, cwd):
    r = subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", *args], cwd=cwd,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("git %s: %s" % (" ".join(args), r.stderr))
    return r.stdout


def prepare(archive, work, members):
    """The seed (the archive with MEMBERS more members, committed), its bare remote; once."""
    seed = os.path.join(work, "seed")
    bare = os.path.join(work, "remote.git")
    if not os.path.exists(os.path.join(work, ".prepared")):
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        shutil.copytree(archive, seed, ignore=shutil.ignore_patterns(".kh", ".generated"))
        with open(os.path.join(seed, "kh.yaml"), encoding="utf-8") as f:
            text = f.read()
        extra = "".join("  - {姓名: 客服%02d, 部门: 客户服务部, 角色: 客服, git: load%02d, 在职: 是}\n" % (k, k)
                        for k in range(members))
        text = text.replace("团队:\n", "团队:\n" + extra, 1)
        with open(os.path.join(seed, "kh.yaml"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(seed, ".gitignore"), "w") as f:
            f.write(".kh/\n输出/\n")  # as kh init's archive has it
        git("init", "-q", "-b", "main", cwd=seed)
        git("add", "-A", cwd=seed)
        git("commit", "-qm", "bench archive", cwd=seed)
        git("clone", "-q", "--bare", seed, bare, cwd=work)
        open(os.path.join(work, ".prepared"), "w").close()
    return seed, bare


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
        self.cookie = ""
        self.token = ""

    def request(self, method, path, fields=None):
        headers = {"Host": "127.0.0.1:%d" % self.port, "Cookie": self.cookie}
        body = None
        if fields is not None:
            fields = dict(fields, _token=self.token)
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = "http://127.0.0.1:%d" % self.port
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = r.read().decode("utf-8", "replace")
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, value = v.split(";")[0].split("=", 1)
                if name == "kh_session":
                    self.token = value
                jar = dict(c.split("=", 1) for c in self.cookie.split("; ") if "=" in c)
                jar[name] = value
                self.cookie = "; ".join("%s=%s" % kv for kv in jar.items())
        return r.status, data

    def login(self, name):
        self.request("GET", "/login")
        status, _ = self.request("POST", "/login", {"name": name, "password": PASSWORD, "next": "/"})
        assert status == 303, "login %s: %d" % (name, status)


def member(k, port, number, deadline, results, lock):
    c = Client(port)
    c.login("客服%02d" % k)
    n = 0
    while time.time() < deadline:
        n += 1
        status, form = c.request("GET", "/customers/%s/log" % number)
        h = re.search(r'name="hash" value="([^"]*)"', form)
        theirs = re.search(r'name="theirs" value="([^"]*)"', form)
        start = time.time()
        status, page = c.request("POST", "/customers/%s/log" % number, {
            "hash": h.group(1) if h else "", "time": "2026-11-%02dT%02d:%02d" % (1 + n // 600 % 28, 8 + n // 60 % 10, n % 60),
            "method": "电话", "type": "日常维护", "ours": "客服%02d" % k, "theirs": theirs.group(1) if theirs else "", "content": "负载测试第 %d 次" % n})
        took = time.time() - start
        with lock:
            results.append((status, took, k))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kh")
    ap.add_argument("archive")
    ap.add_argument("work")
    ap.add_argument("--members", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=60)
    args = ap.parse_args()
    kh = os.path.abspath(args.kh)
    t0 = time.time()
    seed, bare = prepare(os.path.abspath(args.archive), os.path.abspath(args.work), args.members)
    run = os.path.join(args.work, "run")
    shutil.rmtree(run, ignore_errors=True)
    os.makedirs(run)
    server = os.path.join(run, "server")
    remote = os.path.join(run, "remote.git")
    shutil.copytree(bare, remote)
    git("clone", "-q", remote, server, cwd=run)
    with open(os.path.join(server, ".git/info/exclude"), "a") as f:
        f.write(".kh/\n")
    git("config", "user.name", "kh serve", cwd=server)
    git("config", "user.email", "kh-serve@example.com", cwd=server)
    accounts = os.path.join(run, "accounts")
    for k in range(args.members):
        r = subprocess.run([kh, "account", "set", "客服%02d" % k, "--accounts", accounts, "--archive", server],
                           input=PASSWORD + "\n", capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    numbers = sorted(os.listdir(os.path.join(server, "客户档案")))[: args.members]
    numbers = [n.split("_")[0] for n in numbers]
    print("prepared in %.0f s: %d members, customers %s … %s" % (time.time() - t0, args.members, numbers[0], numbers[-1]))
    proc = subprocess.Popen([kh, "serve", server, "--accounts", accounts, "--port", "0", "--sync-interval", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    port = int(url.rsplit(":", 1)[1].strip("/"))
    threading.Thread(target=proc.stderr.read, daemon=True).start()
    Client(port).request("GET", "/login")
    results, lock = [], threading.Lock()
    deadline = time.time() + args.seconds
    threads = [threading.Thread(target=member, args=(k, port, numbers[k], deadline, results, lock))
               for k in range(args.members)]
    start = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - start
    proc.terminate()
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        print("kh serve did not stop within 60 s of SIGTERM; where it waits:")
        subprocess.run(["gdb", "-p", str(proc.pid), "-batch", "-ex", "thread apply all bt 10"], timeout=120)
        proc.kill()
        proc.wait()
    saved = [r for r in results if r[0] == 303]
    errors = [r for r in results if r[0] != 303]
    lat = sorted(r[1] for r in saved)

    def pct(p):
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000 if lat else 0

    commits = int(git("rev-list", "--count", "--author=客服", "HEAD", cwd=server).strip() or 0)
    pushed = int(git("rev-list", "--count", "--author=客服", "main", cwd=remote).strip() or 0)
    uncommitted = git("status", "--porcelain", cwd=server).strip()
    print("machine: %d cores, %s" % (os.cpu_count(), os.uname().release))
    print("team load: %d members, %d s: %d saves (%.1f a second), %d errors %s"
          % (args.members, round(elapsed), len(saved), len(saved) / elapsed, len(errors),
             sorted(set(r[0] for r in errors)) if errors else ""))
    print("save latency: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms" % (pct(50), pct(90), pct(99), pct(100)))
    print("lost: %d (commits on the server by the members %d, on the remote %d, uncommitted files %d)"
          % (len(saved) - pushed, commits, pushed, len(uncommitted.splitlines())))
    return 0 if not errors and pushed == len(saved) == commits and not uncommitted else 1


if __name__ == "__main__":
    sys.exit(main())
