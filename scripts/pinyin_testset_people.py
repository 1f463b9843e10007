#!/usr/bin/env python3
"""Build Tests/KHTestSupport/Fixtures/pinyin/testset-people.tsv (held out; see its README.md).

Input: a checkout (or bare git directory) of ClazyChen/Table-Tennis-Rankings, given as the
argument. Its monthly rankings 2004-today come in two parallel Typst files per month,
history/YYYY/{MS,WS}-MM.typ with the players' names as the ITTF database spells them
("SUN Yingsha", "QIN Yuxuan": the passport romanisation the Chinese Table Tennis
Association registers) and history_CN/... with the same rows, the names in Chinese
(the repository's own translate.txt). Rows are paired by rank, age and association; only
players of association CHN are kept (Hong Kong, Macao, Chinese Taipei and Chinese-born
players of other associations use other romanisations).

The expected pinyin is the ITTF spelling split into one syllable per Han character using
only the inventory of valid pinyin syllables and the number of characters: a name is
kept only if exactly one split exists (JIANAN for two characters could be jia nan or
jian an: dropped). Nothing under data/pinyin/ and no reading tables are read; the
syllable inventory is the set of all syllables pypinyin knows (the set only, no
character is looked up), without the interjections m, n, ng, hm, hng, ê.
"""
import collections
import os
import re
import subprocess
import sys

from pypinyin.constants import PINYIN_DICT

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "KHTestSupport", "Fixtures", "pinyin", "testset-people.tsv")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pinyin_testset import plain  # noqa: E402

SYLLABLES = set()
for r in PINYIN_DICT.values():
    for x in r.split(","):
        p = plain(x)
        if re.fullmatch(r"[a-z]+", p):
            SYLLABLES.add(p)
SYLLABLES -= {"m", "n", "ng", "hm", "hng", "ê"}


def splits(letters):
    """All ways to cut a string into valid syllables."""
    if not letters:
        return [[]]
    out = []
    for L in range(1, 7):
        head = letters[:L]
        if len(head) == L and head in SYLLABLES:
            out += [[head] + rest for rest in splits(letters[L:])]
    return out


def split_name(roman, n):
    """One syllable per character, or None if no split or more than one."""
    words = roman.split()
    options = []
    for w in words:
        w = w.lower().replace("-", "")
        # passport convention since 2012: LYU/NYU for lü/nü
        w = re.sub(r"^(l|n)yu", r"\1v", w)
        if not re.fullmatch(r"[a-z]+", w):
            return None
        options.append(splits(w))
    found = [[]]
    for opts in options:
        found = [a + b for a in found for b in opts if len(a) + len(b) <= n]
    found = [f for f in found if len(f) == n]
    return found[0] if len(found) == 1 else None


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True).stdout


ROW = re.compile(r'\[(\d+)\], \[#name\("([^"]*)"\)\], \[#age\((\d+)\)\], \[#assoc\("(\w+)"\)\]')


def is_han(c):
    return "\u4e00" <= c <= "\u9fff"


def main():
    repo = sys.argv[1]
    files = [f for f in git(repo, "ls-tree", "-r", "--name-only", "HEAD").split()
             if f.startswith("history/") and f.endswith(".typ")] + ["MS-latest.typ", "WS-latest.typ"]
    pairs = collections.defaultdict(collections.Counter)
    for f in files:
        cn = f.replace("history/", "history_CN/", 1) if f.startswith("history/") else f[:-4] + "_CN.typ"
        a = ROW.findall(git(repo, "show", "HEAD:" + f))
        b = ROW.findall(git(repo, "show", "HEAD:" + cn))
        if len(a) != len(b):
            continue
        for x, y in zip(a, b):
            if (x[0], x[2], x[3]) != (y[0], y[2], y[3]) or x[3] != "CHN":
                continue
            pairs[x[1]][y[1]] += 1
    rows, dropped = [], collections.Counter()
    for roman, names in sorted(pairs.items()):
        if len(names) != 1:
            dropped["two Chinese names"] += 1
            continue
        name = next(iter(names))
        if not (2 <= len(name) <= 4 and all(is_han(c) for c in name)):
            dropped["no Chinese name"] += 1
            continue
        syl = split_name(roman, len(name))
        if not syl:
            dropped["no unique split"] += 1
            print(f"dropped (split): {roman} {name}", file=sys.stderr)
            continue
        full = " ".join(syl)
        rows.append(f"{name}\t个人\t{full[0].upper()}\t{full}\n")
    seen, out = set(), []
    for r in rows:
        if r.split("\t")[0] not in seen:
            seen.add(r.split("\t")[0])
            out.append(r)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# 名称\t类型\t首字母\t全拼 — held-out test set (people), see README.md\n")
        f.writelines(out)
    print(f"{len(pairs)} CHN players; dropped {dict(dropped)}; wrote {len(out)} rows to {OUT}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
