#!/usr/bin/python3
"""install-onnx.py — copy a ready-made ONNX model into the build, after onnx.checker passes.

Usage: install-onnx.py SOURCE.onnx DEST.onnx
Models published as ONNX (faceplugin's) are not converted, but they are checked the same way as
the converted ones, so a corrupt or substituted download fails the build, not the teller.
"""
import shutil
import sys

import onnx


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    try:
        onnx.checker.check_model(onnx.load(src))
    except Exception as e:  # noqa: BLE001 - report any failure with the file name
        sys.exit(f"install-onnx: {src}: onnx.checker failed: {e}")
    shutil.copyfile(src, dst)


if __name__ == "__main__":
    main()
