#!/usr/bin/env python3
"""kh serve's answers, byte for byte, to compare before and after a change that must not change
them (a refactoring of Sources/KHServe):

    scripts/serve-snapshot.py .build/debug/kh-serve /tmp/before    # on the commit before
    scripts/serve-snapshot.py .build/debug/kh-serve /tmp/after     # after the change
    diff -r /tmp/before /tmp/after                                 # nothing: unchanged

It starts kh-serve on copies of archive-template and of the defects fixture (in a temporary
folder, never in place), in both languages, with --commit under git, and with --allow view and
log, and saves every page, JSON answer, form, preview, refusal, conflict and error page it can
reach, one file per request (status, headers, body). What differs from run to run is replaced:
the session token, the port, date-times and the Date header. One run takes about ten seconds.
"""
import http.client, os, re, shutil, subprocess, sys, tempfile, urllib.parse, time
from html.parser import HTMLParser

BIN, OUT = (sys.argv + ["", ""])[1:3]
SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) != 3:
    sys.exit("usage: scripts/serve-snapshot.py KH-SERVE OUTPUT-FOLDER")
if os.path.exists(OUT):
    sys.exit("%s exists: give a folder that does not" % OUT)
os.makedirs(OUT)

class FormParser(HTMLParser):
    """Fields of the form whose action is `action`, as a browser would post them."""
    def __init__(self, action):
        super().__init__(); self.action = action; self.inform = False; self.fields = []
        self.select = None; self.opts = []; self.textarea = None; self.text = ""
        self.optval = None; self.optsel = False; self.inopt = False; self.opttext = ""
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form": self.inform = a.get("action") == self.action and not self.fields
        if not self.inform: return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit",):
            self.fields.append([a["name"], a.get("value", "") or ""])
        elif tag == "select": self.select = a.get("name"); self.opts = []
        elif tag == "option": self.inopt = True; self.optval = a.get("value"); self.optsel = "selected" in a; self.opttext = ""
        elif tag == "textarea": self.textarea = a.get("name"); self.text = ""
    def handle_endtag(self, tag):
        if tag == "form" and self.inform: self.inform = False; self.done = True
        if not self.inform: return
        if tag == "option":
            self.inopt = False
            self.opts.append((self.optval if self.optval is not None else self.opttext, self.optsel))
        elif tag == "select":
            chosen = [v for v, s in self.opts if s] or [v for v, _ in self.opts[:1]]
            self.fields.append([self.select, chosen[0] if chosen else ""]); self.select = None
        elif tag == "textarea":
            self.fields.append([self.textarea, self.text]); self.textarea = None
    def handle_data(self, d):
        if self.inopt: self.opttext += d
        if self.textarea is not None: self.text += d

def form_fields(html, action, changes=None):
    p = FormParser(action); p.feed(html)
    f = p.fields
    if changes:
        for k, v in changes.items():
            hit = [x for x in f if x[0] == k]
            if hit: hit[0][1] = v
            else: f.append([k, v])
    return [(k, v) for k, v in f]

NORM = [
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?"), "<DATETIME>"),
]

class Scenario:
    def __init__(self, name, archive, args=(), git=False, dirty=False):
        self.name = name; self.n = 0
        self.dir = tempfile.mkdtemp(prefix="khsnap-")
        self.root = os.path.join(self.dir, "archive")
        shutil.copytree(archive, self.root)
        if git:
            env = dict(os.environ, GIT_AUTHOR_DATE="2025-01-01T00:00:00", GIT_COMMITTER_DATE="2025-01-01T00:00:00")
            for c in (["init", "-q"], ["config", "user.name", "T"], ["config", "user.email", "t@x"], ["add", "-A"], ["commit", "-qm", "init"]):
                subprocess.run(["git"] + c, cwd=self.root, check=True, env=env, stdout=subprocess.DEVNULL)
            if dirty:
                open(os.path.join(self.root, "notes.txt"), "w").write("x\n")
        self.proc = subprocess.Popen([BIN, self.root, "--port", "0"] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        url = self.proc.stdout.readline().strip()
        m = re.match(r"http://([^/]+)/", url)
        self.hostport = m.group(1)
        self.host, self.port = self.hostport.rsplit(":", 1)
        self.token = None; self.member = None
        os.makedirs(os.path.join(OUT, name))
        self.tokens = {}

    def cookie(self):
        c = []
        if self.token: c.append("kh_session=" + self.token)
        if self.member: c.append("kh_member=" + urllib.parse.quote(self.member, safe=""))
        return "; ".join(c)

    def req(self, label, method, target, fields=None, headers=None, cookies=True, token=None, origin=True):
        conn = http.client.HTTPConnection(self.host, int(self.port), timeout=60)
        h = {"Host": self.hostport}
        if cookies and self.cookie(): h["Cookie"] = self.cookie()
        body = None
        if fields is not None:
            fields = list(fields) + [("_token", token if token is not None else (self.token or ""))]
            body = "&".join(urllib.parse.quote(k, safe="") + "=" + urllib.parse.quote(v, safe="") for k, v in fields).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
            if origin is True: h["Origin"] = "http://" + self.hostport
            elif origin: h["Origin"] = origin
        if headers: h.update(headers)
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for k, v in h.items(): conn.putheader(k, v.encode("utf-8") if isinstance(v, str) else v)
        if body is not None: conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        data = r.read()
        hdrs = r.getheaders()
        conn.close()
        for k, v in hdrs:
            if k.lower() == "set-cookie" and v.startswith("kh_session="):
                t = v[len("kh_session="):].split(";")[0]
                if self.token is None or cookies: self.token = t
                self.tokens[t] = "<TOKEN%d>" % (len(self.tokens) + 1)
        self.n += 1
        text = "%s %s\n%d %s\n" % (method, target, r.status, r.reason)
        for k, v in hdrs:
            if k.lower() == "date": continue
            text += "%s: %s\n" % (k, v)
        text += "\n" + data.decode("utf-8", "replace")
        for t, rep in self.tokens.items(): text = text.replace(t, rep)
        text = text.replace(self.hostport, "<HOST>")
        for rx, rep in NORM: text = rx.sub(rep, text)
        fn = os.path.join(OUT, self.name, "%03d-%s.txt" % (self.n, re.sub(r"[^A-Za-z0-9_.-]+", "_", label)))
        open(fn, "w").write(text)
        return r.status, data.decode("utf-8", "replace"), hdrs

    def get(self, label, target, **kw): return self.req(label, "GET", target, **kw)
    def post(self, label, target, fields, **kw): return self.req(label, "POST", target, fields, **kw)

    def close(self):
        self.proc.terminate(); self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

Q = urllib.parse.quote
A1, A3, A5 = "KH-2024-001", "KH-2024-003", "KH-2025-001"

def pages(s, full=True):
    s.get("start-nocookie", "/", cookies=False)
    s.get("start", "/")
    s.post("me-bad", "/me", [("name", "不认识")])
    s.post("me-left", "/me", [("name", "郑凯")])
    s.post("me", "/me", [("name", "王磊")]); s.member = "王磊"
    s.get("week-wang", "/")
    s.member = "陈静"; s.get("week-chen", "/"); s.member = "王磊"
    for q in ["", "?q=xc", "?q=" + Q("星辰"), "?q=zzzz", "?owner=" + Q("王磊"), "?sort=name", "?sort=updated",
              "?sort=contact", "?overdue=1", "?page=2", "?page=0", "?industry=" + Q("制造业") + "&sort=name",
              "?q=hc&stage=" + Q("成交"), "?tier=VIP&grade=A", "?q=%20", "?q=k&page=5"]:
        s.get("list" + q, "/customers" + q)
    for q in ["", "?q=hc", "?page=2", "?owner=" + Q("王磊") + "&sort=name"]:
        s.get("json" + q, "/customers.json" + q)
    for n in [A1, A3, A5, "KH-2099-001"]:
        s.get("customer-" + n, "/customers/" + n)
        s.get("customerjson-" + n, "/customers/" + n + ".json")
    s.get("problems", "/problems")
    if full:
        for p in ["/catalogue", "/review", "/report", "/assets/kh.css"]:
            s.get(p, p)
    for p in ["/nothing", "/customers/x/y/z/w", "/%2e%2e/etc", "/a%2Fb", "/%zz", "/customers/" + A1 + "/edit/other",
              "/customers/" + A1 + "/edit/assessment?year=../../x"]:
        s.get("404" + p, p)
    s.get("host-bad", "/", headers={"Host": "evil.example:1"})
    s.req("put", "PUT", "/")
    s.req("head", "HEAD", "/customers")
    for n in [A1, A3, A5]:
        s.get("logform-" + n, "/customers/%s/log" % n)
        s.get("editbasic-" + n, "/customers/%s/edit/basic" % n)
        s.get("editneeds-" + n, "/customers/%s/edit/needs" % n)
        for y in ["2024", "2025", "2026"]:
            s.get("assess-%s-%s" % (n, y), "/customers/%s/edit/assessment?year=%s" % (n, y))
    s.get("newform", "/customers/new")
    s.get("logform-missing", "/customers/KH-2099-001/log")
    s.get("editform-missing", "/customers/KH-2099-001/edit/basic")

def forms(s):
    # security
    st, html, _ = s.get("logform", "/customers/%s/log" % A1)
    logf = form_fields(html, "/customers/%s/log" % A1, {"time": "2025-06-01T10:00", "content": "谈了续约 <b>x</b>", "theirs": "张伟"})
    logf = [x for x in logf if x[0] != "_token"]
    s.post("log-badtoken", "/customers/%s/log" % A1, logf, token="0000")
    s.post("log-evil", "/customers/%s/log" % A1, logf, origin="http://evil.example")
    s.post("log-noorigin", "/customers/%s/log" % A1, logf, origin=None)
    s.post("log-secfetch", "/customers/%s/log" % A1, logf, origin=None, headers={"Sec-Fetch-Site": "cross-site"})
    s.post("noform", "/customers/%s/other" % A1, [])
    s.post("noform2", "/nothing", [])
    s.post("edit-noform", "/customers/%s/edit/bad" % A1, [])
    m = s.member; s.member = None
    s.post("log-nomember", "/customers/%s/log" % A1, logf + [("action", "save")])
    s.post("edit-nomember", "/customers/%s/edit/basic" % A1, [("f.所在地区", "x"), ("action", "save")])
    s.post("new-nomember", "/customers/new", [("name", "某公司"), ("action", "save")])
    s.member = m
    s.post("log-preview", "/customers/%s/log" % A1, logf + [("action", "preview")])
    bad = [(k, ("" if k == "content" else v)) for k, v in logf]
    s.post("log-preview-bad", "/customers/%s/log" % A1, bad + [("action", "preview")])
    s.post("log-save-bad", "/customers/%s/log" % A1, bad + [("action", "save")])
    badtime = [(k, ("yesterday" if k == "time" else v)) for k, v in logf]
    s.post("log-badtime", "/customers/%s/log" % A1, badtime + [("action", "save")])
    step = logf + [("step_task", "发报价"), ("step_due", "2025-13-01")]
    s.post("log-badstep", "/customers/%s/log" % A1, step + [("action", "preview")])
    stale = [(k, ("0" * 40 if k == "hash" else v)) for k, v in logf]
    st, html409, _ = s.post("log-stale", "/customers/%s/log" % A1, stale + [("action", "save")])
    s.post("log-stale-preview", "/customers/%s/log" % A1, stale + [("action", "preview")])
    s.post("log-save", "/customers/%s/log" % A1, logf + [("step_task", "发报价"), ("step_due", "2025-07-01"), ("action", "save")])
    s.post("log-missing", "/customers/KH-2099-001/log", logf)
    s.get("customer-after-log", "/customers/" + A1)
    # 409 after change: the old form again
    s.post("log-conflict", "/customers/%s/log" % A1, logf + [("action", "save")])
    # edit basic
    for n in [A1, A3]:
        st, html, _ = s.get("editbasic-" + n, "/customers/%s/edit/basic" % n)
        act = "/customers/%s/edit/basic" % n
        base = [x for x in form_fields(html, act) if x[0] != "_token"]
        def ch(d): return [(k, d.get(k[2:], v) if k.startswith("f.") else v) for k, v in base]
        s.post("edit-unchanged-" + n, act, ch({}) + [("action", "save")])
        s.post("edit-preview-" + n, act, ch({"所在地区": "天津市", "备注": "多行\n备注"}) + [("action", "preview")])
        s.post("edit-bad-" + n, act, ch({"客户阶段": "不存在的阶段", "联系人[1].手机": "123"}) + [("action", "preview")])
        s.post("edit-bad-save-" + n, act, ch({"客户阶段": "不存在的阶段"}) + [("action", "save")])
        s.post("edit-newitem-" + n, act, ch({"联系人[+].姓名": "新人", "联系人[+].手机": "1"}) + [("action", "preview")])
        stale = [(k, ("0" * 40 if k == "hash" else v)) for k, v in ch({"所在地区": "天津市"})]
        s.post("edit-stale-" + n, act, stale + [("action", "save")])
        s.post("edit-stale-preview-" + n, act, stale + [("action", "preview")])
        s.post("edit-save-" + n, act, ch({"所在地区": "天津市"}) + [("action", "save")])
        s.post("edit-conflict-" + n, act, ch({"所在地区": "上海市"}) + [("action", "save")])
        s.get("customer-after-edit-" + n, "/customers/" + n)
    # needs
    for n in [A1, A3, A5]:
        act = "/customers/%s/edit/needs" % n
        st, html, _ = s.get("editneeds-" + n, act)
        base = [x for x in form_fields(html, act) if x[0] != "_token"]
        def ch(d): return [(k, d.get(k[2:], v) if k.startswith("f.") else v) for k, v in base]
        s.post("needs-empty-" + n, act, ch({}) + [("action", "preview")])
        s.post("needs-preview-" + n, act, ch({"决策流程": "本人", "业务痛点": "慢\n贵"}) + [("action", "preview")])
        s.post("needs-save-" + n, act, ch({"决策流程": "本人", "业务痛点": "慢\n贵"}) + [("action", "save")])
        s.post("needs-again-" + n, act, ch({"决策流程": "别人"}) + [("action", "save")])
    # assessment
    for n, y in [(A5, "2025"), (A5, "2026"), (A1, "2024")]:
        act = "/customers/%s/edit/assessment?year=%s" % (n, y)
        st, html, _ = s.get("assess-%s-%s" % (n, y), act)
        base = [x for x in form_fields(html, act) if x[0] != "_token"]
        def ch(d): return [(k, d.get(k[2:], v) if k.startswith("f.") else v) for k, v in base]
        s.post("assess-preview-%s-%s" % (n, y), act, ch({"年度合作金额": "120000.00"}) + [("action", "preview")])
        s.post("assess-bad-%s-%s" % (n, y), act, ch({"年度合作金额": "abc"}) + [("action", "save")])
        s.post("assess-save-%s-%s" % (n, y), act, ch({"年度合作金额": "120000.00"}) + [("action", "save")])
        s.post("assess-again-%s-%s" % (n, y), act, ch({"年度合作金额": "130000.00"}) + [("action", "save")])
    # new customer
    st, html, _ = s.get("newform", "/customers/new")
    base = [x for x in form_fields(html, "/customers/new") if x[0] != "_token"]
    def nc(d): return [(k, d.get(k, v)) for k, v in base]
    good = {"name": "上海云帆物流有限公司", "short": "云帆物流", "industry": "物流", "contact": "李四", "mobile": "13800138000", "region": "上海市"}
    s.post("new-empty", "/customers/new", nc({}) + [("action", "preview")])
    s.post("new-preview", "/customers/new", nc(good) + [("action", "preview")])
    s.post("new-dup", "/customers/new", nc(dict(good, name="北京星辰科技有限公司")) + [("action", "save")])
    s.post("new-dup-preview", "/customers/new", nc(dict(good, name="北京星辰科技有限公司")) + [("action", "preview")])
    s.post("new-person", "/customers/new", nc(dict(good, type="个人", name="张三", short="x", credit="y")) + [("action", "preview")])
    s.post("new-save", "/customers/new", nc(good) + [("action", "save")])
    s.post("new-again", "/customers/new", nc(good) + [("action", "save")])
    s.get("list-after-new", "/customers")
    # steps
    st, week, _ = s.get("week-for-steps", "/")
    st, cust, _ = s.get("customer-for-steps", "/customers/" + A1)
    sf = form_fields(cust, "/customers/%s/steps" % A1)
    sf = [x for x in sf if x[0] not in ("_token",)]
    def sc(d): return [(k, d.get(k, v)) for k, v in sf] + [(k, v) for k, v in d.items() if k not in dict(sf)]
    s.post("step-badaction", "/customers/%s/steps" % A1, sc({"action": "x"}))
    s.post("step-noaction", "/customers/%s/steps" % A1, sc({}))
    s.post("step-baddue", "/customers/%s/steps" % A1, sc({"action": "move", "due": "soon"}))
    s.post("step-badfile", "/customers/%s/steps" % A1, sc({"action": "done", "file": "../kh.yaml"}))
    s.post("step-badindex", "/customers/%s/steps" % A1, sc({"action": "done", "index": "x"}))
    s.post("step-stale", "/customers/%s/steps" % A1, sc({"action": "done", "hash": "0" * 40}))
    s.post("step-index99", "/customers/%s/steps" % A1, sc({"action": "done", "index": "99"}))
    s.post("step-move", "/customers/%s/steps" % A1, sc({"action": "move", "due": "2031-01-02", "back": "/"}))
    s.post("step-conflict", "/customers/%s/steps" % A1, sc({"action": "done"}))
    st, cust, _ = s.get("customer-for-steps2", "/customers/" + A1)
    sf = [x for x in form_fields(cust, "/customers/%s/steps" % A1) if x[0] != "_token"]
    s.post("step-done", "/customers/%s/steps" % A1, [(k, v) for k, v in sf] + [("action", "done"), ("back", "//evil")])
    s.get("week-after", "/")
    s.get("problems-after", "/problems")
    s.get("review-after", "/review")
    s.get("customer-final-" + A1, "/customers/" + A1)
    s.get("customerjson-final-" + A1, "/customers/" + A1 + ".json")
    s.post("me-clear", "/me", [("name", "")]); s.member = None
    s.get("start-after-clear", "/")

TEMPLATE = os.path.join(SRC, "archive-template")
DEFECTS = os.path.join(SRC, "Tests/KHTestSupport/Fixtures/defects")

for name, archive, args, git, dirty, what in [
    ("zh-commit", TEMPLATE, ["--commit"], True, True, "all"),
    ("en", TEMPLATE, ["--lang", "en"], True, True, "all"),
    ("zh-plain", TEMPLATE, [], False, False, "pages"),
    ("view", TEMPLATE, ["--allow", "view"], False, False, "view"),
    ("log", TEMPLATE, ["--allow", "log"], False, False, "view"),
    ("defects", DEFECTS, [], False, False, "defects"),
    ("defects-en", DEFECTS, ["--lang", "en"], False, False, "defects"),
]:
    s = Scenario(name, archive, args, git, dirty)
    try:
        if what == "all":
            pages(s); forms(s)
        elif what == "pages":
            pages(s)
        elif what == "view":
            pages(s, full=False); forms(s)
        elif what == "defects":
            pages(s, full=False)
            for n in ["KH-2024-002", "KH-2023-009"]:
                s.get("customer-" + n, "/customers/" + n)
                s.get("customerjson-" + n, "/customers/" + n + ".json")
                s.get("editbasic-" + n, "/customers/%s/edit/basic" % n)
                s.get("editneeds-" + n, "/customers/%s/edit/needs" % n)
                s.get("log-" + n, "/customers/%s/log" % n)
            forms(s)
    finally:
        s.close()
print("done", sum(len(f) for _, _, f in os.walk(OUT)), "files")
