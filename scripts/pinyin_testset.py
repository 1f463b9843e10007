#!/usr/bin/env python3
"""Build Tests/KHTestSupport/Fixtures/pinyin/testset.tsv (held out; see its README.md).

Input: the GB/T 2260 code list with its official romanisation (罗马字母拼写), as published
in ofcold/identity-card src/RegionsData.php (path given as the argument). Each county-level
name becomes the name of a rural credit cooperative / rural commercial bank / village bank
as such customers are really named; the expected full pinyin is the standard's
romanisation split into one syllable per character, plus the suffix's plain reading.

Deliberately reads nothing under data/pinyin/ and no phrase data: the romanisation is split
into syllables using only pypinyin's single-character reading lists (to tell "Luan" = lu an
from "luan"), never its phrases.
"""
import os
import random
import re
import sys
import unicodedata

from pypinyin.constants import PINYIN_DICT

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                   "Tests", "KHTestSupport", "Fixtures", "pinyin", "testset.tsv")


def plain(s):
    out = []
    for ch in unicodedata.normalize("NFD", s.lower()):
        if ch == "\u0308" and out and out[-1] == "u":
            out[-1] = "v"
        elif unicodedata.category(ch) != "Mn":
            out.append(ch)
    return "".join(out)


READINGS = {}
for cp, r in PINYIN_DICT.items():
    READINGS[chr(cp)] = {plain(x) for x in r.split(",")}
ALL = set().union(*READINGS.values())


def split(name, roman):
    letters = re.sub(r"[^a-z]", "", plain(roman).replace("ü", "v"))
    n = len(name)
    # DP: syllable i must be a reading of character i (preferred) or any syllable.
    best = {}

    def go(i, pos, strict):
        if i == n:
            return [] if pos == len(letters) else None
        key = (i, pos, strict)
        if key in best:
            return best[key]
        res = None
        cands = READINGS.get(name[i], set()) if strict else ALL
        for L in range(6, 0, -1):
            s = letters[pos:pos + L]
            if len(s) == L and s in cands:
                rest = go(i + 1, pos + L, strict)
                if rest is not None:
                    res = [s] + rest
                    break
        best[key] = res
        return res
    # romanisation may write ü as u (lü -> lu): accept u for v
    r = go(0, 0, True)
    if r is None:
        best.clear()
        r = go(0, 0, False)
    return r


SUFFIX = [("农村信用合作联社", "nong cun xin yong he zuo lian she", "full"),
          ("农村商业银行", "nong cun shang ye yin hang", "short"),
          ("农村信用社", "nong cun xin yong she", "full"),
          ("村镇银行股份有限公司", "cun zhen yin hang gu fen you xian gong si", "short")]
TYPES = {"县": 1, "市": 1, "区": 1, "旗": 1, "自治县": 3, "自治旗": 3, "特区": 2, "林区": 2}


def main():
    src = open(sys.argv[1], encoding="utf-8").read()
    items = re.findall(r"'(\d{6})' => \[\s*'zh-cn' => '([^']*)',\s*'en' => '([^']*)'", src)
    rows = {}
    for code, name, roman in items:
        if code.endswith("00") or name in ("市辖区", "县", "省直辖县级行政区划"):
            continue
        if not all("\u4e00" <= c <= "\u9fff" for c in name):
            continue
        syl = split(name, roman)
        if not syl:
            continue
        short = None
        for suf in sorted(TYPES, key=len, reverse=True):
            if name.endswith(suf) and "族" not in name:
                k = len(suf)
                if len(name) - k >= 2:
                    short = (name[:-k], syl[:-k])
                break
        rows[name] = (syl, short)
    rng = random.Random(20260415)
    names = sorted(rows)
    rng.shuffle(names)
    out, seen = [], set()
    for i, name in enumerate(names):
        if len(out) == 1200:
            break
        syl, short = rows[name]
        suf, suf_py, kind = SUFFIX[i % len(SUFFIX)]
        if kind == "short" and short:
            base, bsyl = short
        else:
            base, bsyl = name, syl
        full = " ".join(bsyl) + " " + suf_py
        if base + suf in seen:
            continue
        seen.add(base + suf)
        out.append(f"{base}{suf}\t企业\t{full[0].upper()}\t{full}\n")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# 名称\t类型\t首字母\t全拼 — held-out test set, see README.md; '-' = unknown\n")
        f.writelines(out)
    print(f"{len(rows)} usable county-level names; wrote {len(out)} rows to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
