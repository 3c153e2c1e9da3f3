#!/usr/bin/python3
"""make-impostor-pairs.py — a large impostor set for calibrating the match thresholds.

Usage: make-impostor-pairs.py SHARED_FACES_DIR OUT.csv [--per-identity N]

Takes up to N images (default 1) of every identity in the LFW, Faces94 and dlib-johns folders of
the shared data and writes every cross-identity pair between them (label 0), plus each dataset's
own genuine pairs (label 1), as one CSV for `ekyc-cli eval-faces --scores`. Images repeat across
pairs, so the engine embeds each once. tools/calibrate-thresholds.py turns the scores into the
thresholds at FMR 1e-2 … 1e-5 that engine/src/ekyc-models.c records.
"""
import csv
import itertools
import os
import sys


def identities(root, sub):
    out = {}
    base = os.path.join(root, sub)
    for ident in sorted(os.listdir(base)):
        d = os.path.join(base, ident)
        if os.path.isdir(d):
            files = sorted(f for f in os.listdir(d) if f.lower().endswith((".jpg", ".png")))
            if files:
                out[(sub, ident)] = [os.path.join(sub, ident, f) for f in files]
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root, out_path = sys.argv[1], sys.argv[2]
    per = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--per-identity" else 1
    people = {}
    for sub in ("lfw", "faces94", "dlib-johns"):
        people.update(identities(root, sub))
    chosen = [(ident, f) for ident, files in people.items() for f in files[:per]]
    with open(out_path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["img1", "img2", "label"])
        for (ia, fa), (ib, fb) in itertools.combinations(chosen, 2):
            if ia != ib:
                w.writerow([fa, fb, 0])
        # lfw-pairs.csv paths start with "lfw/"; the others are relative to their own folder
        for pairs, prefix in (("lfw-pairs.csv", ""), ("faces94-pairs.csv", "faces94/"),
                              ("dlib-johns-pairs.csv", "dlib-johns/")):
            with open(os.path.join(root, pairs), newline="") as ph:
                for row in csv.DictReader(ph):
                    if row["label"] == "1":
                        w.writerow([prefix + row["img1"], prefix + row["img2"], 1])
    print(f"{len(people)} identities, {len(chosen)} images", file=sys.stderr)


if __name__ == "__main__":
    main()
