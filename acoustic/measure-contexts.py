#!/usr/bin/env python3
"""Measures the listening contexts alone on the real recordings of shared/eval, split by speaker.

For each real command clip: is it heard as its right intent in its own context (coaching for
navigation words, confirm for yes/no, number for the numbers 1-12 of the built-in routine)? For
each real non-command clip, and for numbers and yes/no said where they mean nothing: is anything
accepted in coaching? The same non-command clips in addressed mode (--address coach). Everything
through `./coach recognize --context NAME`, so it measures exactly what the product does.

The split is the project's: FSDD speakers george, jackson and lucas are the tuning part and
nicolas, theo and yweweler are held out; any other clip is held out when the first hex digit of
sha256(speaker-or-source) is 8-f.

Usage: acoustic/measure-contexts.py [--eval ../shared/eval] [--fsdd-takes N]
       (FSDD takes 3 to 3+N-1 of each speaker and digit; real-dev holds takes 1 and 2 already)
"""
import argparse
import functools
import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

print = functools.partial(print, flush=True)

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
TUNE_FSDD = {"george", "jackson", "lucas"}
HELD_FSDD = {"nicolas", "theo", "yweweler"}
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]


def held_out(source):
    if source.startswith("fsdd:"):
        return source[5:] in HELD_FSDD
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[0] in "89abcdef"


def manifest(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


JAR = None


def coach():
    """The command line of the product, from a copy of its jar (a rebuild meanwhile can't change it)."""
    return ["java", "-Xmx256m", "-Xss4m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-jar", JAR]


def phrases():
    out = subprocess.run(coach() + ["phrases"], capture_output=True, text=True, check=True).stdout
    table = {}
    for line in out.splitlines():
        phrase, intent, contexts = (line.split("\t") + [""])[:3]
        table[phrase] = (intent, contexts.split(",") if contexts else [])
    return table


def recognize(files, context, address=None):
    """file -> list of heard intents, in one run of ./coach recognize."""
    heard = {}
    for i in range(0, len(files), 400):
        cmd = coach() + ["recognize", "--context", context]
        if address:
            cmd += ["--address", address]
        out = subprocess.run(cmd + files[i:i + 400], capture_output=True, text=True)
        if out.returncode not in (0, 2):
            sys.exit("recognize failed: " + out.stderr)
        for line in out.stdout.splitlines():
            o = json.loads(line)
            heard[o["file"]] = [h["intent"] for h in o["heard"]]
    return heard


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", default=os.path.join(root, "..", "shared", "eval"))
    ap.add_argument("--fsdd-takes", type=int, default=10)
    a = ap.parse_args()
    ev = os.path.abspath(a.eval)
    global JAR
    subprocess.run([os.path.join(root, "coach"), "--version"], check=True, capture_output=True)
    JAR = os.path.join(tempfile.mkdtemp(prefix="measure-contexts"), "coach.jar")
    shutil.copy(os.path.join(root, "target", "coach.jar"), JAR)
    table = phrases()

    # (file, source, expected intent or None, context, kind)
    commands = []
    for sub in ("real-dev", "real-more"):
        for r in manifest(os.path.join(ev, sub, "commands", "manifest.tsv")):
            commands.append((os.path.join(ev, sub, "commands", r["file"]), r["speaker-or-source"], r["transcript"]))
    for r in manifest(os.path.join(ev, "fsdd", "manifest.tsv")):
        # real-dev holds takes 1 and 2 already.
        if 3 <= int(r["take"]) < 3 + a.fsdd_takes:
            commands.append((os.path.join(ev, "fsdd", r["file"]), "fsdd:" + r["speaker"], NUMBER_WORDS[int(r["digit"])]))

    by_context = collections.defaultdict(list)
    misplaced = []   # commands said where they mean nothing: numbers and yes/no in coaching
    for f, src, text in commands:
        if text == "zero":
            continue   # no step zero
        intent, contexts = table[text]
        ctx = "number" if intent.startswith("number") else "confirm" if intent in ("yes", "no") else "coaching"
        if intent.startswith("number"):
            by_context["number"].append((f, src, intent, "digits, narrowband" if "fsdd" in src else "numbers, wideband"
                                         if not src.startswith("wuw2") else "numbers, telephone"))
            misplaced.append((f, src, "numbers"))
        elif ctx == "confirm":
            by_context["confirm"].append((f, src, intent, "telephone" if src.startswith("wuw2") else "wideband"))
            misplaced.append((f, src, "yes/no"))
        else:
            by_context["coaching"].append((f, src, intent, "telephone" if src.startswith("wuw2") else "wideband"))

    print(flush=True)
    print("Commands in their own context: right intent / clips (tuning part | held-out part)")
    for ctx in ("coaching", "confirm", "number"):
        rows = by_context[ctx]
        heard = recognize([r[0] for r in rows], ctx)
        tally = collections.defaultdict(lambda: [0, 0, 0, 0])   # kind -> tune right, tune n, held right, held n
        for f, src, intent, kind in rows:
            right = heard.get(f) == [intent]
            t = tally[kind]
            t2 = tally["all"]
            for t_ in (t, t2):
                if held_out(src):
                    t_[2] += right
                    t_[3] += 1
                else:
                    t_[0] += right
                    t_[1] += 1
        for kind, (tr, tn, hr, hn) in sorted(tally.items()):
            print("  %-9s %-22s tuning %4d/%-4d %5.1f%% | held-out %4d/%-4d %5.1f%%" % (
                ctx, kind, tr, tn, 100.0 * tr / max(tn, 1), hr, hn, 100.0 * hr / max(hn, 1)))

    non = []
    for sub in ("real-dev", "real-more"):
        for r in manifest(os.path.join(ev, sub, "noncommands", "manifest.tsv")):
            kind = r["file"].rsplit("_", 1)[0].replace("speech_conversational", "conversation")
            non.append((os.path.join(ev, sub, "noncommands", r["file"]), r["speaker-or-source"], kind))
    non += misplaced
    for address in (None, "coach"):
        heard = recognize([n[0] for n in non], "coaching", address)
        print("False accepts in coaching%s: clips with a command accepted / clips (tuning | held-out)"
              % (" in addressed mode (--address coach)" if address else ""))
        tally = collections.defaultdict(lambda: [0, 0, 0, 0])
        for f, src, kind in non:
            fa = len(heard.get(f, [])) > 0
            for t in (tally[kind], tally["all"]):
                if held_out(src):
                    t[2] += fa
                    t[3] += 1
                else:
                    t[0] += fa
                    t[1] += 1
        for kind, (tr, tn, hr, hn) in sorted(tally.items()):
            print("  %-14s tuning %4d/%-4d | held-out %4d/%-4d" % (kind, tr, tn, hr, hn))


if __name__ == "__main__":
    main()
