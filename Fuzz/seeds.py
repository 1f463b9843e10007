#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the repository's fixtures and archive-template.

    python3 Fuzz/seeds.py OUT     writes OUT/yaml, OUT/validate, OUT/import

An input's first byte chooses what the rest stands for (see FuzzHarness.swift):
validate: 0 kh.yaml, 1 基本信息, 2 合作背景, 3 互动记录, 4 需求偏好, 5 价值评估;
import: 0 a whole CSV/.xlsx file, 1 sheet1.xml, 2 sharedStrings.xml, 3 styles.xml, 4 workbook.xml.
"""
import hashlib
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = [os.path.join(ROOT, "archive-template"), os.path.join(ROOT, "Tests", "KHTestSupport", "Fixtures")]
SLOTS = ["01-客户基本信息", "02-合作背景", "03-互动记录", "04-需求偏好", "05-价值评估"]
PARTS = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]


def put(out, target, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def main(out):
    for base in SOURCES:
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d not in (".kh", ".git"))
            for name in sorted(files):
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    data = f.read()
                if name.endswith((".yaml", ".yml")):
                    put(out, "yaml", data)
                    if name == "kh.yaml":
                        put(out, "validate", b"\x00" + data)
                    for i, slot in enumerate(SLOTS):
                        if "/" + slot + "/" in path:
                            put(out, "validate", bytes([i + 1]) + data)
                elif name.endswith((".csv", ".tsv")):
                    put(out, "import", b"\x00" + data)
                elif name.endswith(".xlsx"):
                    put(out, "import", b"\x00" + data)
                    with zipfile.ZipFile(path) as z:
                        for i, part in enumerate(PARTS):
                            if part in z.namelist():
                                put(out, "import", bytes([i + 1]) + z.read(part))
    for target in ("yaml", "validate", "import"):
        print(f"{target}: {len(os.listdir(os.path.join(out, target)))} seeds")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Fuzz", "seeds"))
