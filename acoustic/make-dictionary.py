#!/usr/bin/env python3
"""Writes acoustic/commands.dict: the pronunciations of the grammar's words only.

A dictionary of ~100 words instead of cmudict's 130,000 makes the recognizer load faster and use
less memory. Pronunciations come from the cmudict-en-us.dict that sphinx4-data ships (every
variant, "word(2)" and so on), and from acoustic/extra.dict for words cmudict lacks or accents it
misses. cmudict is American and rhotic; for every pronunciation with an R after a vowel, a
non-rhotic variant (British, Australian, many others) is added: a final ER becomes AH, and an R
after a vowel and before a consonant or the end is dropped ("faster" F AA S T AH is the extra.dict
part, F AE S T AH the rule's). Likewise a variant with the rounded British vowel for the LOT vowel
(AA not before R: "stop" S T AO P).

Usage: acoustic/make-dictionary.py   (run after changing grammars/commands.gram)
"""
import glob
import os
import re
import sys
import zipfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)

gram = open(os.path.join(root, "grammars", "commands.gram"), encoding="utf-8").read()
gram = re.sub(r"/\*.*?\*/", " ", gram, flags=re.S)
gram = re.sub(r"//.*", " ", gram)
body = gram.split("grammar commands;", 1)[1]
body = re.sub(r"\{[^}]*\}", " ", body)   # tags
body = re.sub(r"<[^>]*>", " ", body)     # rule names
words = {w.lower() for w in re.findall(r"[A-Za-z']+", body) if w != "public"}
# <num> is rewritten to a routine's own number of steps when it is loaded (CommandGrammar.forSteps,
# up to 99): every word of those numbers is needed too.
words |= {"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
          "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
words = sorted(words)

jars = glob.glob(os.path.expanduser("~/.m2/repository/net/sf/phat/sphinx4-data/5prealpha/sphinx4-data-5prealpha.jar"))
if not jars:
    sys.exit("sphinx4-data is not in ~/.m2: run 'mvn -B -q dependency:resolve' first")
with zipfile.ZipFile(jars[0]) as z:
    cmu = z.read("edu/cmu/sphinx/models/en-us/cmudict-en-us.dict").decode("utf-8").splitlines()

entries = {}
for line in cmu:
    parts = line.split(None, 1)
    if len(parts) == 2:
        entries.setdefault(re.sub(r"\(\d+\)$", "", parts[0]), []).append(parts[1].strip())

VOWELS = {"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"}


def non_rhotic(pron):
    """The pronunciation without post-vocalic R, or None when it has none."""
    ph = pron.split()
    out = []
    for i, p in enumerate(ph):
        nxt = ph[i + 1] if i + 1 < len(ph) else None
        if p == "ER" and nxt is None:
            out.append("AH")
        elif p == "R" and out and out[-1] in VOWELS and (nxt is None or nxt not in VOWELS):
            continue
        else:
            out.append(p)
    variant = " ".join(out)
    return variant if variant != pron else None


def british_lot(pron):
    """AA not before R (the LOT vowel of "stop", "on") as the rounded vowel of British English, or None."""
    ph = pron.split()
    out = [("AO" if p == "AA" and (i + 1 == len(ph) or ph[i + 1] != "R") else p) for i, p in enumerate(ph)]
    variant = " ".join(out)
    return variant if variant != pron else None


for w in list(entries):
    for pron in list(entries[w]):
        for v in (non_rhotic(pron), british_lot(pron)):
            if v and v not in entries[w]:
                entries[w].append(v)

# extra.dict comes last and as written: its entries already are the accents they stand for.
for line in open(os.path.join(here, "extra.dict"), encoding="utf-8"):
    parts = line.split(None, 1)
    if len(parts) == 2:
        entries.setdefault(parts[0], []).append(parts[1].strip())

missing = [w for w in words if w not in entries]
if missing:
    sys.exit("no pronunciation for: " + " ".join(missing) + " (add them to acoustic/extra.dict)")

with open(os.path.join(here, "commands.dict"), "w", encoding="utf-8") as out:
    for w in words:
        for i, p in enumerate(entries[w]):
            out.write(("%s %s\n" % (w, p)) if i == 0 else ("%s(%d) %s\n" % (w, i + 1, p)))
print("wrote %d words to acoustic/commands.dict" % len(words))
