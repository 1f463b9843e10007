#!/usr/bin/env python3
"""First-letter and full-pinyin accuracy of readers on the held-out test set.

    apt-get install python3-icu   # (pip install PyICU works too)
    python3 scripts/pinyin_eval.py [--testset FILE] [--misses N] [--cmd 'COMMAND']

Readers:
  icu        ICU's Han-Latin alone, per character (tone marks dropped, ü as v)
  kh-before  a Python re-implementation of Sources/KHPinyin/Pinyin.swift with the
             hand tables (chars, phrases, surnames for 个人)
  kh-after   the same plus data/pinyin/lexicon.tsv (and surnames-extra.tsv for 个人)
  cmd        --cmd: a command that reads names (one per line, "name<TAB>type") on stdin and
             prints "LETTER<TAB>full pinyin" per line (for kh itself, once it can print keys)
Test-set rows: 名称<TAB>类型(企业|个人)<TAB>首字母<TAB>全拼 ('-' = unknown, not scored).
"""
import argparse
import os
import subprocess
import sys
import unicodedata

sys.path.append("/usr/lib/python3/dist-packages")
import icu  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "pinyin")
TESTSET = os.path.join(ROOT, "Tests", "KHTestSupport", "Fixtures", "pinyin", "testset.tsv")
HAN_LATIN = icu.Transliterator.createInstance("Han-Latin")
HANS = icu.Transliterator.createInstance("Hant-Hans")


def plain(s):
    out = []
    for ch in unicodedata.normalize("NFD", s.lower()):
        if ch == "\u0308" and out and out[-1] == "u":
            out[-1] = "v"
        elif unicodedata.category(ch) != "Mn":
            out.append(ch)
    return "".join(out)


def table(name):
    t = {}
    p = os.path.join(DATA, name)
    if not os.path.exists(p):
        return t
    for line in open(p, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        c = line.rstrip("\n").split("\t", 1)
        if len(c) == 2:
            t[c[0].strip()] = c[1].lower().split()
    return t


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


_cache = {}


def icu_char(c):
    if c not in _cache:
        _cache[c] = plain(HAN_LATIN.transliterate(c)).replace(" ", "")
    return _cache[c]


def letter(full, text):
    first = next((c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P")), None)
    if first is None:
        return "#"
    src = full if is_han(first) else first.lower()
    return src[0].upper() if src and "a" <= src[0] <= "z" else "#"


def tokens(text, step):
    """kh's transliterate loop; step(i) returns syllables for a Han run start or None."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if is_han(c):
            s = step(i)
            out += s
            i += len(s)
        elif c.isalnum():
            tok = ""
            while i < len(text) and text[i].isascii() and text[i].isalnum():
                tok += text[i].lower()
                i += 1
            if not tok:
                out.append(c.lower())
                i += 1
            else:
                out.append(tok)
        else:
            i += 1
    return out


def read_icu(name, person):
    text = unicodedata.normalize("NFKC", name).strip()
    full = " ".join(tokens(text, lambda i: [icu_char(text[i])]))
    return letter(full, text), full


def make_kh(lexicon):
    chars = {k: v[0] for k, v in table("chars.tsv").items()}
    phrases = {}
    if lexicon:
        phrases.update(table("lexicon.tsv"))
    phrases.update(table("phrases.tsv"))  # hand table wins
    surnames = dict(table("surnames-extra.tsv")) if lexicon else {}
    surnames.update(table("surnames.tsv"))
    lp = max(map(len, phrases), default=1)
    ls = max(map(len, surnames), default=1)

    def read(name, person):
        text = unicodedata.normalize("NFKC", name).strip()
        text = "".join(HANS.transliterate(c) if is_han(c) and len(HANS.transliterate(c)) == 1 else c for c in text)

        def match(tab, longest, shortest, i):
            for n in range(min(longest, len(text) - i), shortest - 1, -1):
                s = tab.get(text[i:i + n])
                if s and len(s) == n:
                    return s
            return None

        def step(i):
            s = match(phrases, lp, 2, i)
            if s:
                return s
            return [chars.get(text[i]) or icu_char(text[i])]

        out = []
        start = 0
        if person:
            s = match(surnames, ls, 1, 0)
            if s:
                out += s
                start = len(s)
        out += tokens(text[start:], lambda i: step(i + start))
        full = " ".join(out)
        return letter(full, text), full
    return read


def make_cmd(cmd):
    def run_all(rows):
        inp = "".join(f"{n}\t{t}\n" for n, t, _, _ in rows)
        res = subprocess.run(cmd, shell=True, input=inp, capture_output=True, text=True, check=True)
        return [tuple((l.split("\t", 1) + [""])[:2]) for l in res.stdout.splitlines()]
    return run_all


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--testset", default=TESTSET)
    ap.add_argument("--misses", type=int, default=20, help="misses listed per reader (-1: all)")
    ap.add_argument("--cmd")
    args = ap.parse_args()
    rows = []
    for line in open(args.testset, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        n, t, l, f = line.rstrip("\n").split("\t")[:4]
        rows.append((n, t, l, f))
    readers = {"icu": read_icu, "kh-before": make_kh(False), "kh-after": make_kh(True)}
    results = {k: [r(n, t == "个人") for n, t, _, _ in rows] for k, r in readers.items()}
    if args.cmd:
        results["cmd"] = make_cmd(args.cmd)(rows)
    print(f"test set: {args.testset} ({len(rows)} names)")
    print(f"{'reader':<10} {'first letter':>14} {'full pinyin':>14}")
    for k, res in results.items():
        ok_l = sum(1 for (n, t, l, f), (gl, gf) in zip(rows, res) if gl == l)
        scored = [(f, gf) for (n, t, l, f), (gl, gf) in zip(rows, res) if f != "-"]
        ok_f = sum(1 for f, gf in scored if f == gf)
        print(f"{k:<10} {ok_l}/{len(rows)} {100*ok_l/len(rows):5.1f}%  {ok_f}/{len(scored)} {100*ok_f/max(1,len(scored)):5.1f}%")
    for k, res in results.items():
        miss = [(r, g) for r, g in zip(rows, res) if g[0] != r[2] or (r[3] != "-" and g[1] != r[3])]
        print(f"\n# misses of {k}: {len(miss)}")
        for (n, t, l, f), (gl, gf) in miss[: None if args.misses < 0 else args.misses]:
            mark = "LETTER" if gl != l else "full"
            print(f"{mark:6} {n}\texpected {l} {f}\tgot {gl} {gf}")


if __name__ == "__main__":
    main()
