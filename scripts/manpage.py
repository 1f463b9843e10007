#!/usr/bin/env python3
"""Writes kh's man page (man(7) macros) from `kh --experimental-dump-help`, the description
swift-argument-parser gives of every command, option and argument: the page cannot drift
from the binary it ships with. Usage: scripts/manpage.py KH_BINARY VERSION > kh.1"""
import json, subprocess, sys, datetime, os


def esc(text):
    """Text as roff reads it: backslashes doubled, a leading dot or quote kept as text."""
    text = (text or "").replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def name_of(n):
    return ("-" if n["kind"] == "short" else "--") + n["name"]


def shown(a):
    """Every command takes --help and --version: said once, not under each."""
    return a.get("shouldDisplay", True) and a.get("valueName") not in ("help", "version")


def synopsis(cmd):
    parts = []
    for a in cmd.get("arguments", []):
        if not shown(a):
            continue
        if a["kind"] == "positional":
            s = "<" + a["valueName"] + ">" + ("..." if a.get("isRepeating") else "")
        else:
            s = name_of(a["preferredName"]) + ("" if a["kind"] == "flag" else " <" + a["valueName"] + ">")
        parts.append("[" + s + "]" if a.get("isOptional") else s)
    return " ".join(parts)


def options(cmd, out):
    args = [a for a in cmd.get("arguments", []) if shown(a)]
    if not args:
        return
    for a in args:
        if a["kind"] == "positional":
            label = "<" + a["valueName"] + ">"
        else:
            label = ", ".join(name_of(n) for n in a["names"]) + ("" if a["kind"] == "flag" else " <" + a["valueName"] + ">")
        out.append(".TP")
        out.append("\\fB" + esc(label) + "\\fR")
        text = a.get("abstract", "")
        if a.get("defaultValue") and a["kind"] != "flag":
            text += " (default: " + a["defaultValue"] + ")"
        out.append(esc(text))


def main():
    binary, version = sys.argv[1], sys.argv[2]
    info = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True).stdout)["command"]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now(datetime.timezone.utc)
    out = ['.TH KH 1 "%s" "kh %s" "kh manual"' % (day.strftime("%Y-%m-%d"), version),
           ".SH NAME", "kh \\- " + esc(info.get("abstract", "")),
           ".SH SYNOPSIS", "\\fBkh\\fR <subcommand> [options]", ".br", "\\fBkh\\fR --version | --help",
           ".SH DESCRIPTION",
           esc("kh validates, indexes and catalogues a customer archive (客户档案) kept as YAML files in git, "
               "helps people write it correctly, and reviews and reports on it. Messages are in Chinese by default "
               "(kh.yaml 语言), in English with --lang en. `kh docs` prints the archive format reference; "
               "`kh rules` lists every diagnostic code."),
           ".SH EXIT STATUS",
           ".TP", "0", "success: no errors (warnings may have been printed)",
           ".TP", "1", "the archive has errors (kh validate), or a write was refused",
           ".TP", "2", "kh could not run: bad arguments, an unreadable archive, a failed write",
           ".SH COMMANDS"]
    for sub in info.get("subcommands", []):
        if not sub.get("shouldDisplay", True) or sub["commandName"] == "help":
            continue
        out.append(".SS kh " + esc(sub["commandName"]) + " " + esc(synopsis(sub)))
        out.append(esc(sub.get("abstract", "")))
        if sub.get("discussion"):
            out.append(".PP")
            out.append(esc(sub["discussion"]))
        options(sub, out)
    out += [".SH ENVIRONMENT",
            ".TP", "NO_COLOR", "no colour in terminal output",
            ".TP", "KH_NO_CACHE", "1: kh validate reads every file instead of using its result cache (.kh/cache)",
            ".TP", "VISUAL, EDITOR", "the editor kh log opens",
            ".SH FILES",
            ".TP", "kh.yaml", "the archive's configuration (its folder is the archive root)",
            ".TP", ".kh/", "kh's own state in an archive: lock, result cache, write journals, drafts (never committed)",
            ".SH SEE ALSO", "git(1)"]
    print("\n".join(out))


main()
