#!/usr/bin/env python3
"""The pull-request check, tested as a property: it is never greener than a full run.

usage: test-pr-mode.py KH [--prs N] [--customers N] [--seed S]

On a generated archive (bench/gen_archive.py, with defects) committed to git, each of N random
small pull requests (edit, add, delete or rename customers; change kh.yaml's value lists, 团队,
字段, 退役编号 or 豁免; several at once) is committed on a branch from the base, and checked twice:

- `kh validate --format json --changed-since BASE` (the pull request's check; every other run
  with a warm .kh/cache, the others without one), and
- `kh validate --format json --no-cache` (the full run).

The property (docs/ci-and-editors.md, "--changed-since"):
- when the pull request changed a file that governs every customer (kh.yaml, schema/, the CI
  files), the check names it in `widenedBy` and its diagnostics and exit code are the full run's;
- otherwise its diagnostics are exactly the full run's restricted to the customers the pull
  request touched, the archive-wide rules (kh rules' category 档案库) and everything outside the
  customer folders, and its exit code is never lower than that restriction's.

A failure prints the seed, the pull request's changes and the difference, and keeps the
archive; KH_PR_SEED (or --seed) replays a run. Without one the seed is random, and printed.
"""
import argparse, json, os, random, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CUSTOMERS = "客户档案"


def sh(args, cwd, check=True):
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


def git(cwd, *args):
    return sh(["git", "-c", "user.name=kh-test", "-c", "user.email=kh-test@example.invalid",
               "-c", "commit.gpgsign=false", *args], cwd).stdout


def validate(kh, root, *args):
    p = subprocess.run([kh, "validate", "--format", "json", "--lang", "en", *args], cwd=root, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"kh validate {' '.join(args)} exited {p.returncode}: {p.stderr}{p.stdout[:2000]}")
    return p.returncode, json.loads(p.stdout)


def key(d):
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def customer_of(path):
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == CUSTOMERS else None


class PullRequest:
    """Random changes to the work tree, each described for the failure report."""

    def __init__(self, root, rnd):
        self.root, self.rnd, self.said = root, rnd, []

    def customers(self):
        return sorted(n for n in os.listdir(os.path.join(self.root, CUSTOMERS)) if not n.startswith("."))

    def files(self, customer):
        out = []
        for top, _, names in os.walk(os.path.join(self.root, CUSTOMERS, customer)):
            out += [os.path.join(top, n) for n in names if n.endswith(".yaml")]
        return sorted(out)

    def rel(self, path):
        return os.path.relpath(path, self.root)

    # -- customers ---------------------------------------------------------------------
    def edit(self):
        c = self.rnd.choice(self.customers())
        files = self.files(c)
        if not files:
            return
        f = self.rnd.choice(files)
        lines = open(f, encoding="utf-8").read().split("\n")
        values = [i for i, l in enumerate(lines) if re.match(r"^\s*[^#\s][^:]*: \S", l)]
        kind = self.rnd.choice(["value", "value", "delete", "field", "fix-date", "typo"])
        if kind == "value" and values:
            i = self.rnd.choice(values)
            k = lines[i].split(":", 1)[0]
            v = self.rnd.choice(["2024/3/5", "教育", "不存在的取值", "待确认", "", "1,200.00", "KH-2019-001", "13800138000",
                                 "2031-02-30", "否", "郭辉彬0", "田桂伟9"])
            lines[i] = f"{k}: {v}"
        elif kind == "delete" and values:
            del lines[self.rnd.choice(values)]
        elif kind == "field":
            lines.insert(1 if len(lines) > 1 else 0, self.rnd.choice(["备注二: 临时", "开票抬头: 某公司", "合作渠道: 直销"]))
        elif kind == "fix-date":
            lines = [re.sub(r"(\d{4})/(\d{1,2})/(\d{1,2})", lambda m: f"{m[1]}-{int(m[2]):02}-{int(m[3]):02}", l) for l in lines]
        else:
            lines.append(self.rnd.choice(["  - 错位的项", "沟通内容: 重复的键", "\t缩进: 制表符"]))
        open(f, "w", encoding="utf-8").write("\n".join(lines))
        self.said.append(f"edit ({kind}) {self.rel(f)}")

    def add(self):
        cs = self.customers()
        src = self.rnd.choice(cs)
        year = self.rnd.choice(["2019", "2021", "2024"])
        used = {c[3:11] for c in cs}
        seq = self.rnd.choice([n for n in range(1, 80) if f"{year}-{n:03}" not in used])
        name = src.split("_", 1)[1] if "_" in src and self.rnd.random() < 0.6 else "新客户" + str(seq)
        dst = f"KH-{year}-{seq:03}_{name}"
        shutil.copytree(os.path.join(self.root, CUSTOMERS, src), os.path.join(self.root, CUSTOMERS, dst))
        basic = os.path.join(self.root, CUSTOMERS, dst, "01-客户基本信息", "基本信息.yaml")
        if os.path.exists(basic) and self.rnd.random() < 0.7:
            text = open(basic, encoding="utf-8").read()
            text = re.sub(r"档案编号: \S+", f"档案编号: KH-{year}-{seq:03}", text)
            if self.rnd.random() < 0.5:  # a different company, unless it keeps the credit code
                text = re.sub(r"(客户全称|简称): (\S+)", lambda m: f"{m[1]}: {m[2]}分{seq}", text)
            open(basic, "w", encoding="utf-8").write(text)
        self.said.append(f"add {dst} (copy of {src})")

    def delete(self):
        c = self.rnd.choice(self.customers())
        shutil.rmtree(os.path.join(self.root, CUSTOMERS, c))
        self.said.append(f"delete {c}")

    def rename(self):
        c = self.rnd.choice(self.customers())
        if self.rnd.random() < 0.5:
            dst = c.split("_", 1)[0] + "_改名" + str(self.rnd.randint(1, 9))
        else:
            dst = f"KH-{self.rnd.choice(['2019', '2020', '2024'])}-{self.rnd.randint(1, 60):03}" + ("_" + c.split("_", 1)[1] if "_" in c else "")
        if dst == c or os.path.exists(os.path.join(self.root, CUSTOMERS, dst)):
            return
        os.rename(os.path.join(self.root, CUSTOMERS, c), os.path.join(self.root, CUSTOMERS, dst))
        self.said.append(f"rename {c} -> {dst}")

    # -- kh.yaml -----------------------------------------------------------------------
    def config(self, change):
        path = os.path.join(self.root, "kh.yaml")
        text = open(path, encoding="utf-8").read()
        new = change(text)
        if new != text:
            open(path, "w", encoding="utf-8").write(new)

    def value_list(self):
        key, values = self.rnd.choice([
            ("行业", ["信息技术", "制造业", "金融", "医疗", "教育", "零售业", "服务业", "物流", "能源", "建筑", "政府", "其他"]),
            ("信息来源", ["官网表单", "展会对接", "客户转介绍", "电话咨询", "第三方平台", "陌拜", "其他"]),
            ("营收区间", ["500万以下", "500万-2000万", "2000万-1亿", "1亿-10亿", "10亿以上"])])
        drop = self.rnd.choice(values)
        kept = [v for v in values if v != drop]

        def change(text):
            text = re.sub(rf"^{key}: .*\n", "", text, flags=re.M)
            return text + f"{key}: [{', '.join(kept)}]\n"
        self.config(change)
        self.said.append(f"kh.yaml {key} without {drop}")

    def team(self):
        text = open(os.path.join(self.root, "kh.yaml"), encoding="utf-8").read()
        members = re.findall(r"姓名: (\S+?),", text)
        who = self.rnd.choice(members)
        if self.rnd.random() < 0.7:
            self.config(lambda t: re.sub(rf"(姓名: {who},.*在职: )(是|否)", lambda m: m[1] + ("否" if m[2] == "是" else "是"), t))
            self.said.append(f"kh.yaml 团队: {who} 在职 flipped")
        else:
            self.config(lambda t: re.sub(rf"^  - {{姓名: {who},.*\n", "", t, flags=re.M))
            self.said.append(f"kh.yaml 团队: {who} removed")

    def fields(self):
        block = self.rnd.choice([
            "字段:\n  客户基本信息:\n    必填: [所在地区]\n",
            "字段:\n  客户基本信息:\n    新增:\n      开票抬头: text\n      合作渠道: {类型: enum, 取值: [直销, 代理]}\n",
            "字段:\n  互动记录:\n    必填: [下一步计划]\n"])
        self.config(lambda t: re.sub(r"^字段:\n(  .*\n)*", "", t, flags=re.M) + block)
        self.said.append("kh.yaml 字段: " + block.replace("\n", " "))

    def retire(self):
        number = self.rnd.choice([c.split("_", 1)[0] for c in self.customers()] + ["KH-2018-001", "KH-2024-077"])

        def change(t):
            if "退役编号:" in t:
                return re.sub(r"^退役编号:\n", f"退役编号:\n  - {number}\n", t, flags=re.M)
            return t + f"退役编号:\n  - {number}\n"
        self.config(change)
        self.said.append(f"kh.yaml 退役编号 + {number}")

    def waive(self, base_diagnostics):
        if base_diagnostics and self.rnd.random() < 0.8:
            d = self.rnd.choice(base_diagnostics)
            rule, file = d["code"], d["file"]
        else:
            rule, file = "KH404", f"{CUSTOMERS}/{self.rnd.choice(self.customers())}/01-客户基本信息/基本信息.yaml"
        line = f"  - {{规则: {rule}, 文件: {file}, 原因: 测试豁免}}\n"

        def change(t):
            if re.search(r"^豁免:\n", t, flags=re.M):
                return re.sub(r"^豁免:\n", "豁免:\n" + line, t, flags=re.M)
            return t + "豁免:\n" + line
        self.config(change)
        self.said.append(f"kh.yaml 豁免 {rule} {file}")

    def schema(self):
        os.makedirs(os.path.join(self.root, "schema"), exist_ok=True)
        open(os.path.join(self.root, "schema", "说明.txt"), "a", encoding="utf-8").write("改动\n")
        self.said.append("schema/说明.txt")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kh")
    ap.add_argument("--prs", type=int, default=int(os.environ.get("KH_PR_RUNS", "60")))
    ap.add_argument("--customers", type=int, default=40)
    ap.add_argument("--seed", type=int, default=int(os.environ["KH_PR_SEED"]) if os.environ.get("KH_PR_SEED") else None)
    a = ap.parse_args()
    kh = os.path.abspath(a.kh)
    seed = a.seed if a.seed is not None else random.SystemRandom().randrange(1 << 30)
    print(f"pr-mode: seed {seed} (KH_PR_SEED={seed} replays), {a.prs} pull requests on {a.customers} customers")
    rnd = random.Random(seed)

    rules = json.loads(sh([kh, "rules", "--format", "json"], "/").stdout)
    archive_wide = {r["code"] for r in rules if r["category"] == "档案库"}
    assert archive_wide, "kh rules names no archive-wide rule (category 档案库)"

    work = tempfile.mkdtemp(prefix="kh-pr-")
    root = os.path.join(work, "archive")
    sh([sys.executable, os.path.join(HERE, "..", "bench", "gen_archive.py"), root, "--customers", str(a.customers),
        "--seed", str(seed % 1000), "--defect-rate", "0.4"], work)
    open(os.path.join(root, ".gitignore"), "w").write(".kh/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    base = git(root, "rev-parse", "HEAD").strip()
    _, base_full = validate(kh, root, "--no-cache")

    passed = failed = widened = 0
    for n in range(a.prs):
        git(root, "checkout", "-q", "-f", "-B", "pr", base)
        git(root, "clean", "-qfdx", "-e", ".kh")
        pr = PullRequest(root, rnd)
        for _ in range(rnd.choice([1, 1, 1, 2, 2, 3])):
            kind = rnd.choice(["edit"] * 5 + ["add", "add", "delete", "rename", "value_list", "team", "fields", "retire",
                                              "waive", "schema"])
            if kind == "waive":
                pr.waive(base_full["diagnostics"])
            else:
                getattr(pr, kind)()
        git(root, "add", "-A")
        if not git(root, "status", "--porcelain").strip():
            continue
        git(root, "commit", "-qm", f"pr {n}")
        changed = [p for p in git(root, "diff", "--name-only", "--no-renames", "-z", base).split("\0") if p]
        touched = {customer_of(p) for p in changed} - {None}
        governing = sorted(p for p in changed if customer_of(p) is None and
                           (p in ("kh.yaml", ".gitlab-ci.yml", ".pre-commit-config.yaml") or p.startswith(("schema/", ".github/workflows/"))))

        if n % 2:
            shutil.rmtree(os.path.join(root, ".kh"), ignore_errors=True)
            pr_exit, pr_out = validate(kh, root, "--no-cache", "--changed-since", base)
        else:
            pr_exit, pr_out = validate(kh, root, "--changed-since", base)
        full_exit, full = validate(kh, root, "--no-cache")

        problems = []
        got = sorted(key(d) for d in pr_out["diagnostics"])
        if governing:
            widened += 1
            want, want_exit = sorted(key(d) for d in full["diagnostics"]), full_exit
            if pr_out["summary"].get("widenedBy") != governing:
                problems.append(f"widenedBy {pr_out['summary'].get('widenedBy')} != {governing}")
            if pr_out["summary"]["unchanged"] != 0:
                problems.append(f"a widened run left {pr_out['summary']['unchanged']} customers unchecked")
            if pr_exit != full_exit:
                problems.append(f"exit {pr_exit} != the full run's {full_exit}")
        else:
            def promised(d):
                c = customer_of(d["file"])
                return c is None or c in touched or d["code"] in archive_wide
            restricted = [d for d in full["diagnostics"] if promised(d)]
            want = sorted(key(d) for d in restricted)
            want_exit = 1 if any(d["severity"] == "error" for d in restricted) else 0
            if pr_out["summary"].get("widenedBy"):
                problems.append(f"widened by {pr_out['summary']['widenedBy']} with no governing file changed")
            if pr_exit < want_exit:
                problems.append(f"exit {pr_exit} is greener than the full run's {want_exit} on what it touched")
        if got != want:
            extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
            problems.append("only in the pull-request check:\n    " + "\n    ".join(extra[:10]) +
                            "\n  only in the full run:\n    " + "\n    ".join(missing[:10]))
        if problems:
            failed += 1
            print(f"FAIL pull request {n} (seed {seed}): " + "; ".join(pr.said))
            for p in problems:
                print("  " + p)
        else:
            passed += 1
    print(f"pr-mode: {widened} of them widened by kh.yaml, schema/ or CI files; archive kept in {root}" if failed else
          f"pr-mode: {widened} of them widened by kh.yaml, schema/ or CI files")
    if not failed:
        shutil.rmtree(work)
    print(f"pr-mode: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)


if __name__ == "__main__":
    main()
