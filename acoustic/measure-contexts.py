#!/usr/bin/env python3
"""Measures the listening contexts alone on the real recordings of shared/eval, split by speaker.

For each real command clip: is it heard as its right intent in its own context (coaching for
navigation words, confirm for yes/no, number for the numbers 1-12 of the built-in routine)? For
each real non-command clip, and for numbers and yes/no said where they mean nothing: is anything
accepted in coaching? And the same in addressed mode (--address coach).

Each clip is decoded once (bench/ContextVerdicts, the product's own recognizer): the search graph is
the same in every context and mode, so the phrase, its confidence and whether "coach" came first say
what each context and mode accepts, exactly as `./coach recognize --context NAME [--address coach]`.

The split is the project's: FSDD speakers george, jackson and lucas are the tuning part and
nicolas, theo and yweweler are held out; any other clip is held out when the first hex digit of
sha256(speaker-or-source) is 8-f.

Usage: acoustic/measure-contexts.py [--eval ../shared/eval] [--fsdd-takes N] [--verdicts FILE]
       FSDD takes 3 to 3+N-1 of each speaker and digit (real-dev holds takes 1 and 2 already);
       --verdicts keeps (or, when it exists, reuses) the decoded verdicts.
"""
import argparse
import collections
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

print = functools.partial(print, flush=True)
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
HELD_FSDD = {"nicolas", "theo", "yweweler"}
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]
STEPS = 12


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


def java(jar):
    return ["java", "-Xmx256m", "-Xss4m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", default=os.path.join(root, "..", "shared", "eval"))
    ap.add_argument("--fsdd-takes", type=int, default=2)
    ap.add_argument("--verdicts")
    a = ap.parse_args()
    ev = os.path.abspath(a.eval)

    # A copy of the jar: a rebuild meanwhile can't change what is measured.
    subprocess.run([os.path.join(root, "coach"), "--version"], check=True, capture_output=True)
    jar = os.path.join(tempfile.mkdtemp(prefix="measure-contexts"), "coach.jar")
    shutil.copy(os.path.join(root, "target", "coach.jar"), jar)
    cmd = ["java", "-Xmx256m", "-Xss4m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", jar]
    table = {}
    for line in subprocess.run(cmd + ["org.handsfree.coach.cli.Main", "phrases"], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        phrase, intent, contexts = (line.split("\t") + [""])[:3]
        table[phrase] = (intent, set(contexts.split(",")) if contexts else set())

    commands = []   # (file, source, transcript)
    for sub in ("real-dev", "real-more"):
        for r in manifest(os.path.join(ev, sub, "commands", "manifest.tsv")):
            commands.append((os.path.join(ev, sub, "commands", r["file"]), r["speaker-or-source"], r["transcript"]))
    for r in manifest(os.path.join(ev, "fsdd", "manifest.tsv")):
        if 3 <= int(r["take"]) < 3 + a.fsdd_takes:
            commands.append((os.path.join(ev, "fsdd", r["file"]), "fsdd:" + r["speaker"], NUMBER_WORDS[int(r["digit"])]))
    non = []        # (file, source, kind)
    for sub in ("real-dev", "real-more"):
        for r in manifest(os.path.join(ev, sub, "noncommands", "manifest.tsv")):
            kind = r["file"].rsplit("_", 1)[0].replace("speech_conversational", "conversation")
            non.append((os.path.join(ev, sub, "noncommands", r["file"]), r["speaker-or-source"], kind))

    files = [c[0] for c in commands] + [n[0] for n in non]
    verdicts = collections.defaultdict(list)
    if a.verdicts and os.path.exists(a.verdicts):
        lines = open(a.verdicts, encoding="utf-8").read().splitlines()
    else:
        lst = os.path.join(os.path.dirname(jar), "files.txt")
        open(lst, "w", encoding="utf-8").write("\n".join(files) + "\n")
        out = subprocess.run(cmd + ["org.handsfree.coach.bench.ContextVerdicts", lst, str(STEPS)],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("ContextVerdicts failed: " + out.stderr)
        lines = out.stdout.splitlines()
        if a.verdicts:
            open(a.verdicts, "w", encoding="utf-8").write(out.stdout)
    for line in lines:
        f, start, end, text, intent, conf, reason, confident = line.split("\t")
        verdicts[f].append((text, intent, reason, confident == "1"))

    def accepted(f, context, addressed):
        heard = []
        for text, intent, reason, confident in verdicts[f]:
            in_context = context in table.get(text, ("", set()))[1]
            if addressed:
                ok = reason == "accepted" and in_context
            else:
                ok = reason in ("accepted", "not addressed") and confident and in_context
            if ok:
                heard.append(intent)
        return heard

    def report(title, rows, ok):
        print(title)
        tally = collections.defaultdict(lambda: [0, 0, 0, 0])
        for key, src, hit in rows:
            for t in (tally[key], tally["all"]):
                i = 2 if held_out(src) else 0
                t[i] += hit
                t[i + 1] += 1
        for key, (tr, tn, hr, hn) in sorted(tally.items()):
            print("  %-30s tuning %4d/%-4d %5.1f%% | held-out %4d/%-4d %5.1f%%" % (
                key, tr, tn, 100.0 * tr / max(tn, 1), hr, hn, 100.0 * hr / max(hn, 1)))

    for addressed in (False, True):
        mode = " in addressed mode (--address coach; the clips have no address word)" if addressed else ""
        right = []
        misplaced = []
        for f, src, text in commands:
            if text == "zero":
                continue   # no step zero
            intent = table[text][0]
            ctx = "number" if intent.startswith("number") else "confirm" if intent in ("yes", "no") else "coaching"
            channel = "narrowband" if src.startswith(("fsdd", "wuw2")) else "wideband"
            right.append(("%s, %s" % (ctx, channel), src, accepted(f, ctx, addressed) == [intent]))
            if ctx != "coaching":
                misplaced.append(("%s said in coaching" % ("numbers" if ctx == "number" else "yes/no"), src,
                                  len(accepted(f, "coaching", addressed)) > 0))
        if not addressed:
            report("Real commands in their own context: right intent / clips", right, True)
        report("False accepts in coaching%s: clips with a command accepted / clips" % mode,
               [(k, s, len(accepted(f, "coaching", addressed)) > 0) for f, s, k in non] + misplaced, True)


if __name__ == "__main__":
    main()
