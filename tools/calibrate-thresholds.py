#!/usr/bin/python3
"""calibrate-thresholds.py — similarity thresholds at given false match rates, from a scores CSV.

Usage: calibrate-thresholds.py SCORES.csv   (the --scores output of `ekyc-cli eval-faces`)

For each FMR in 1e-2, 1e-3, 1e-4, 1e-5: the smallest threshold t such that the fraction of
impostor pairs (label 0) with score >= t is at most the FMR, and the TAR of the genuine pairs at t.
Pairs scored -1 (no usable face) are left out of both.
"""
import csv
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    impostor, genuine = [], []
    with open(sys.argv[1], newline="") as fh:
        for row in csv.DictReader(fh):
            s = float(row["score"])
            if s <= -1:
                continue
            (genuine if row["label"] == "1" else impostor).append(s)
    impostor.sort(reverse=True)
    genuine.sort()
    print(f"{len(impostor)} impostor pairs, {len(genuine)} genuine pairs")
    for fmr in (1e-2, 1e-3, 1e-4, 1e-5):
        allowed = int(fmr * len(impostor))
        # accept at most `allowed` impostors: the threshold sits just above the next one
        t = impostor[allowed] + 1e-6 if allowed < len(impostor) else impostor[-1]
        tar = sum(1 for g in genuine if g >= t) / max(1, len(genuine))
        print(f"FMR {fmr:g}: threshold {t:.4f} (impostors accepted {allowed}), TAR {tar:.4f}")


if __name__ == "__main__":
    main()
