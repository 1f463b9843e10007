#!/usr/bin/env python3
"""The README's tour, run as written, against the release a new user installs.

usage: test-tour.py KH_BINARY [README]

Every `$ ` line of the code blocks under "## A short tour" is run in order by bash, in a new
empty folder, with the folder of KH_BINARY first on PATH and a new HOME whose git knows a name
(the one thing the README asks of the machine beforehand). What a block shows after a command
must be what the command prints (stdout and stderr): line for line, where a line `…` (at any
indentation) stands for any number of lines. The tour's one step that is not a command — a
person editing a file by hand — is done here where the README says so. Exit statuses are not
shown in the README; a command that fails where the tour does not say so is a failure.
Last line: "N passed, N failed".
"""
import os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# The step of the tour that a person does by hand, before the command it precedes: the README
# says "Someone edits 基本信息.yaml by hand and writes a date the way people do
# (`首次接触时间: 2025/3/3`)".
HAND_EDITS = {
    "kh validate#2": ("客户档案/KH-2025-002_云图数据/01-客户基本信息/基本信息.yaml", "首次接触时间: 2025-03-03", "首次接触时间: 2025/3/3"),
}


def blocks(readme):
    """The unlabelled code blocks of the section "## A short tour" (a `## ` inside a block,
    as in the catalogue's Markdown, does not end the section)."""
    out, block, inside, section = [], [], False, False
    for line in open(readme, encoding="utf-8").read().split("\n"):
        if line.startswith("```"):
            if inside:
                if section:
                    out.append("\n".join(block))
                inside, block = False, []
            else:
                inside = line.strip() == "```"
                if not inside:  # a labelled block (```sh …): not the tour's, skip it whole
                    inside, block = True, []
            continue
        if inside:
            block.append(line)
        elif line.startswith("## "):
            section = line.startswith("## A short tour")
    return out


def steps(block):
    """(command, expected lines) pairs of a block."""
    out, lines, i = [], block.split("\n"), 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            i += 1
            continue
        command = lines[i][2:]
        while command.endswith("\\"):
            i += 1
            command = command + "\n" + lines[i]
        i += 1
        expected = []
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        out.append((command, expected))
    return out


def matches(expected, actual):
    """Whether `actual` lines fit `expected`, where a line `…` stands for any lines."""
    if not expected:
        return not actual
    if expected[0].strip() == "…":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


def main():
    kh = os.path.abspath(sys.argv[1])
    readme = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "README.md")
    work = tempfile.mkdtemp(prefix="kh-tour-")
    home = os.path.join(work, "home")
    os.makedirs(home)
    with open(os.path.join(home, ".gitconfig"), "w") as f:
        f.write("[user]\n\tname = 王磊\n\temail = wanglei@example.com\n")
    env = {"PATH": os.path.dirname(kh) + ":/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "TERM": "dumb"}
    cwd = os.path.join(work, "tour")
    os.makedirs(cwd)
    passed = failed = 0
    seen = {}
    for block in blocks(readme):
        for command, expected in steps(block):
            name = command.split("\n")[0][:60]
            seen[command] = seen.get(command, 0) + 1
            edit = HAND_EDITS.get(f"{command}#{seen[command]}")
            if edit:
                path = os.path.join(cwd, edit[0])
                text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
                if edit[1] not in text:
                    failed += 1
                    print(f"FAIL the hand edit before $ {name}: no '{edit[1]}' in {edit[0]}")
                    continue
                open(path, "w", encoding="utf-8").write(text.replace(edit[1], edit[2]))
            pwd = os.path.join(work, "pwd")
            p = subprocess.run(["bash", "-c", command + '\nstatus=$?; pwd > "$KH_TOUR_PWD"; exit $status'],
                               cwd=cwd, env=dict(env, KH_TOUR_PWD=pwd), capture_output=True, text=True)
            if os.path.exists(pwd):
                cwd = open(pwd).read().strip()
                os.remove(pwd)
            actual = (p.stdout + p.stderr).rstrip("\n").split("\n") if (p.stdout + p.stderr) else []
            # A command that shows an error is expected to fail with 1 (kh validate finding one).
            shows_error = any(" 错误 " in l or " error " in l for l in expected)
            ok_status = p.returncode == (1 if shows_error else 0)
            if matches(expected, actual) and ok_status:
                passed += 1
                print(f"ok   $ {name}")
            else:
                failed += 1
                print(f"FAIL $ {name} (exit {p.returncode})")
                print("  expected:\n    " + "\n    ".join(expected))
                print("  got:\n    " + "\n    ".join(actual[:60]))
    if passed == 0:
        failed += 1
        print("FAIL no tour found in " + readme)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
